/**
 * Sharing the screen in place of the camera. The screen's track replaces the camera's
 * on the running peer connection and in the stream new peer connections send (see
 * sending.js); our button or the browser's own "stop sharing" puts the camera back.
 * Knows nothing about rooms or page states.
 */
import { setText } from "./i18n.js";
import { markScreen, replaceSentTrack, senderFor } from "./sending.js";

const shareButton = /** @type {HTMLButtonElement} */ (document.getElementById("share-screen"));
const localVideo = document.getElementById("localVideo");
const toggleCamera = /** @type {HTMLButtonElement} */ (document.getElementById("toggle-camera"));

// Text on a shared screen must stay readable: the screen's own size (asking for a
// size would scale it), few frames a second.
const SCREEN_CONSTRAINTS = { video: { frameRate: { ideal: 15, max: 30 } }, audio: false };
// Enough for a sharp 1080p screen of text at 15 frames a second.
const SCREEN_MAX_BITRATE = 2_500_000;

/** @returns {boolean} this browser can share a screen at all */
export function canShareScreen() {
  return typeof navigator.mediaDevices?.getDisplayMedia === "function";
}

/**
 * Ask the sender to keep every pixel and spend the bits on it, or go back to the
 * browser's own trade-offs. Browsers that refuse a parameter still share.
 * @param {RTCRtpSender | null} sender
 * @param {boolean} sharing
 * @param {(...args: unknown[]) => void} log
 */
async function tuneForText(sender, sharing, log) {
  if (!sender) return;
  const parameters = sender.getParameters();
  if (!parameters.encodings?.length) return; // not negotiated yet: contentHint decides
  const [encoding] = parameters.encodings;
  if (sharing) {
    encoding.maxBitrate = SCREEN_MAX_BITRATE;
    encoding.scaleResolutionDownBy = 1;
  } else {
    delete encoding.maxBitrate;
  }
  parameters.degradationPreference = sharing ? "maintain-resolution" : "balanced";
  try {
    await sender.setParameters(parameters);
  } catch (err) {
    log("screen sender parameters refused", err);
  }
}

/**
 * Wire the #share-screen button.
 * @param {{page: import("./machine.js").PageData,
 *   on: (listener: import("./page.js").Listener) => void}} hooks main.js's hooks: what
 *   we send (`page.localStream`), the running call (`page.call`), the room
 * @param {object} options
 * @param {(err: unknown) => void} options.fail
 * @param {(...args: unknown[]) => void} options.log
 */
export function wireScreenShare({ page, on }, { fail, log }) {
  const getStream = () => page.localStream;
  const getPeerConnection = () => page.call?.pc ?? null;
  /** @type {MediaStreamTrack | null} */
  let screenTrack = null;
  /** @type {MediaStreamTrack | null} the camera, kept running to come back at once */
  let cameraTrack = null;
  shareButton.hidden = !canShareScreen();

  async function start() {
    const stream = getStream();
    if (!stream) return;
    let screen;
    try {
      screen = await navigator.mediaDevices.getDisplayMedia(SCREEN_CONSTRAINTS);
    } catch (err) {
      // The person closed the picker, or the browser refused: the camera stays on.
      log(`screen not shared: ${err?.name} ${err?.message}`);
      return;
    }
    const track = screen.getVideoTracks()[0];
    markScreen(track);
    // Chromium encodes a track as screen content by its hint. Firefox has no
    // contentHint (an assignment would only add a plain property); its sender encodes
    // every screen capture as screen content by itself (RTCRtpSender, "kScreensharing").
    if ("contentHint" in track) track.contentHint = "detail";
    track.addEventListener("ended", () => stop(track).catch(fail)); // browser's own stop
    screenTrack = track;
    cameraTrack = await replaceSentTrack(stream, getPeerConnection(), track);
    await tuneForText(senderFor(getPeerConnection(), "video"), true, log);
    show(true);
  }

  /** @param {MediaStreamTrack | null} track the share to end (a stale one is ignored) */
  async function stop(track = screenTrack) {
    if (track === null || track !== screenTrack) return;
    screenTrack = null;
    track.stop();
    const stream = getStream();
    if (stream && cameraTrack) {
      await replaceSentTrack(stream, getPeerConnection(), cameraTrack);
      await tuneForText(senderFor(getPeerConnection(), "video"), false, log);
    }
    cameraTrack = null;
    show(false);
  }

  function show(sharing) {
    shareButton.setAttribute("aria-pressed", String(sharing));
    setText(shareButton, sharing ? "controls.share-stop" : "controls.share");
    localVideo.classList.toggle("screen", sharing); // a screen is not mirrored
    toggleCamera.disabled = sharing; // "Camera off" would black out the screen instead
  }

  on((event, { room }) => {
    // Out of the room (hung up, replaced, refused on rejoin): the share ends with it.
    if (room === null && screenTrack) stop().catch(fail);
    // A new peer connection sends the screen from its start: tune its sender too.
    if (event.type === "call-started" && screenTrack) {
      tuneForText(senderFor(getPeerConnection(), "video"), true, log).catch(fail);
    }
  });

  shareButton.addEventListener("click", () => {
    if (screenTrack) {
      stop().catch(fail);
      return;
    }
    shareButton.disabled = true; // one picker at a time
    start().catch(fail).finally(() => { shareButton.disabled = false; });
  });

  return {
    /** @returns {boolean} */
    isSharing: () => screenTrack !== null,
    /** @returns {MediaStreamTrack | null} the camera put aside while sharing */
    camera: () => (screenTrack ? cameraTrack : null),
    /**
     * The camera changed while the screen is shown: bring this one back afterwards.
     * @param {MediaStreamTrack} track
     */
    replaceCamera(track) {
      cameraTrack = track;
    },
  };
}
