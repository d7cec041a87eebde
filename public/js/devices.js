/**
 * Camera, microphone and speaker, before and during a call: the selects list the
 * devices by label; a choice switches that track in the running call (replaceTrack,
 * the same peer connection) and is kept for the next visit; a device plugged in or out
 * is followed, and the person is told. Knows nothing about rooms or page states.
 */
import { listDevices, openDevice, otherCamera, takingOver } from "./device-list.js";
import { findChosen, preferredDevice, rememberDevice } from "./device-prefs.js";
import { t } from "./i18n.js";
import { showLevel } from "./level-meter.js";
import { replaceSentTrack } from "./sending.js";

const SELECTS = {
  videoinput: /** @type {HTMLSelectElement} */ (document.getElementById("camera-select")),
  audioinput: /** @type {HTMLSelectElement} */ (document.getElementById("mic-select")),
  audiooutput: /** @type {HTMLSelectElement} */ (document.getElementById("speaker-select")),
};
const speakerField = document.getElementById("speaker-field");
const micLevel = /** @type {HTMLMeterElement} */ (document.getElementById("mic-level"));
const flipButton = document.getElementById("flip-camera");
const devicesToggle = document.getElementById("devices-toggle");
const controls = document.getElementById("controls");
const localVideo = document.getElementById("localVideo");
const remoteVideo = /** @type {HTMLVideoElement} */ (document.getElementById("remoteVideo"));

/** @typedef {import("./device-prefs.js").DeviceKind} DeviceKind */
/** @type {DeviceKind[]} */
const KINDS = ["videoinput", "audioinput", "audiooutput"];
const NAMES = { videoinput: "camera", audioinput: "microphone", audiooutput: "speaker" };
// Their keys in the page's words (i18n "devices.camera-n", "devices.the-camera", …).
const WORDS = { videoinput: "camera", audioinput: "mic", audiooutput: "speaker" };
const NOTICE_SECONDS = 8;

export const canChooseSpeaker = typeof HTMLMediaElement.prototype.setSinkId === "function";

/**
 * Show a notice for a while, through the page's state machine (main.js hooks).
 * @param {(event: import("./machine.js").PageEvent) => boolean} dispatch
 * @param {string} code
 * @param {string} text
 */
function tell(dispatch, code, text) {
  dispatch({ type: "notice", code, text });
  setTimeout(() => dispatch({ type: "notice-expired", code }), NOTICE_SECONDS * 1000);
}

/**
 * Wire the device selects, the level meter and the camera flip button.
 * @param {{page: import("./machine.js").PageData,
 *   on: (listener: import("./page.js").Listener) => void,
 *   dispatch: (event: import("./machine.js").PageEvent) => boolean}} hooks main.js's
 *   hooks: what we send (`page.localStream`), the running call (`page.call`), the
 *   room, notices
 * @param {object} options
 * @param {{isSharing: () => boolean, camera: () => MediaStreamTrack | null,
 *   replaceCamera: (track: MediaStreamTrack) => void}} options.screenShare
 * @param {(...args: unknown[]) => void} options.log
 */
export function wireDevices({ page, on, dispatch }, { screenShare, log }) {
  const getStream = () => page.localStream;
  const getPeerConnection = () => page.call?.pc ?? null;
  /** @type {Record<DeviceKind, MediaDeviceInfo[]>} */
  let known = { videoinput: [], audioinput: [], audiooutput: [] };
  let speakerId = "";
  let stopLevel = () => {};
  let isMeasuring = false;
  const isPhone = window.matchMedia("(pointer: coarse)").matches;
  // One change at a time: a devicechange during a switch sees the switched track.
  let work = Promise.resolve();
  /** @param {() => Promise<void>} task */
  const serially = (task) => {
    work = work.then(task).catch((err) => log("devices", err));
    return work;
  };

  /** @param {DeviceKind} kind @returns {MediaStreamTrack | null} */
  function trackOf(kind) {
    if (kind === "videoinput") return screenShare.camera() ?? getStream()?.getVideoTracks()[0] ?? null;
    if (kind === "audioinput") return getStream()?.getAudioTracks()[0] ?? null;
    return null;
  }

  /** @param {DeviceKind} kind @returns {string} the device in use ("" for the default) */
  function currentId(kind) {
    if (kind === "audiooutput") return speakerId;
    return trackOf(kind)?.getSettings().deviceId ?? "";
  }

  /** @param {DeviceKind} kind @param {string} deviceId */
  function labelOf(kind, deviceId) {
    return known[kind].find((d) => d.deviceId === deviceId)?.label ||
      t(`devices.the-${WORDS[kind]}`);
  }

  function render() {
    for (const kind of KINDS) {
      const current = currentId(kind) || "default";
      SELECTS[kind].replaceChildren(...known[kind].map((device, index) => new Option(
        device.label || t(`devices.${WORDS[kind]}-n`, { n: index + 1 }), device.deviceId, false,
        device.deviceId === current,
      )));
    }
    speakerField.hidden = !canChooseSpeaker || known.audiooutput.length === 0;
    flipButton.hidden = !isPhone || known.videoinput.length < 2;
    // The back camera is seen as it is; only our own face is mirrored.
    localVideo.classList.toggle("rear", trackOf("videoinput")?.getSettings().facingMode === "environment");
  }

  /** @param {MediaStreamTrack | null} track */
  function measure(track) {
    stopLevel();
    // Only before joining: in a call, audio processing would cost CPU (and a phone's
    // battery) all call long for a bar nobody watches.
    isMeasuring = Boolean(track) && page.room === null;
    stopLevel = isMeasuring ? showLevel(track, micLevel) : () => {};
  }

  /**
   * Switch one kind of device, in the running call too.
   * @param {DeviceKind} kind
   * @param {string} deviceId
   */
  async function useDevice(kind, deviceId) {
    if (kind === "audiooutput") {
      if (!canChooseSpeaker) return;
      await remoteVideo.setSinkId(deviceId);
      speakerId = deviceId;
    } else {
      const stream = getStream();
      const old = trackOf(kind);
      if (!stream || old?.getSettings().deviceId === deviceId) return;
      let track;
      try {
        track = await openDevice(kind, deviceId);
      } catch (err) {
        if (err?.name !== "NotReadableError" || !old) throw err;
        old.stop(); // phones open one camera at a time
        track = await openDevice(kind, deviceId);
      }
      track.enabled = old?.enabled ?? true; // muted stays muted
      if (kind === "videoinput" && screenShare.isSharing()) screenShare.replaceCamera(track);
      else await replaceSentTrack(stream, getPeerConnection(), track);
      old?.stop();
      if (kind === "audioinput") measure(track);
    }
    const device = known[kind].find((d) => d.deviceId === deviceId);
    if (device) rememberDevice(kind, device);
    log(`${NAMES[kind]}: ${labelOf(kind, deviceId)}`);
    render();
  }

  /** @param {DeviceKind} kind @param {string} deviceId */
  async function choose(kind, deviceId) {
    try {
      await useDevice(kind, deviceId);
    } catch (err) {
      log(`${NAMES[kind]} ${deviceId} failed`, err);
      render(); // the select shows what is in use again
      tell(dispatch, "device-failed", t("devices.failed", { device: labelOf(kind, deviceId) }));
    }
  }

  /** Camera and microphone are granted: list, and bring back the kept choices. */
  async function mediaReady() {
    known = await listDevices();
    for (const kind of KINDS) {
      const chosen = findChosen(known[kind], preferredDevice(kind));
      if (chosen && chosen.deviceId !== currentId(kind)) await choose(kind, chosen.deviceId);
    }
    measure(trackOf("audioinput"));
    render();
  }

  /** A device was plugged in or out: the one in use is gone, or a headset arrived. */
  async function followChanges() {
    const before = known;
    known = await listDevices();
    const said = [];
    for (const kind of KINDS) {
      const current = currentId(kind);
      const change = takingOver(kind, before[kind], known[kind], current);
      if (!change) continue;
      const { next, isGone } = change;
      const goneLabel = before[kind].find((d) => d.deviceId === current)?.label ||
        t(`devices.the-${WORDS[kind]}`);
      await useDevice(kind, next.deviceId);
      said.push(isGone ? t("devices.gone", { gone: goneLabel, next: next.label })
        : t("devices.added", { next: next.label }));
    }
    render();
    if (said.length) tell(dispatch, "device-changed", said.join(" "));
  }

  /** Front and back camera, on a phone: the next camera in the list. */
  async function flip() {
    const facing = trackOf("videoinput")?.getSettings().facingMode;
    const next = otherCamera(known.videoinput, facing, currentId("videoinput"));
    await choose("videoinput", next.deviceId);
  }

  // The level bar runs before joining and again after leaving the room.
  on((event, { room }) => {
    if ((room === null) !== isMeasuring) measure(trackOf("audioinput"));
  });
  for (const kind of KINDS) {
    const select = SELECTS[kind];
    select.addEventListener("change", () => {
      const deviceId = select.value; // read now: a switch queued before re-renders
      serially(() => choose(kind, deviceId));
    });
  }
  flipButton.addEventListener("click", () => serially(flip));
  navigator.mediaDevices?.addEventListener("devicechange", () => serially(followChanges));
  devicesToggle.addEventListener("click", () => {
    const isOpen = controls.classList.toggle("show-devices");
    devicesToggle.setAttribute("aria-expanded", String(isOpen));
  });
  speakerField.hidden = !canChooseSpeaker;

  return { mediaReady: () => serially(mediaReady) };
}
