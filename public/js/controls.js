/**
 * The in-call buttons: mute, camera off, copy the invite link. They act only on our own
 * tracks and the clipboard; joining and leaving rooms is main.js's job.
 */
import { setText, t } from "./i18n.js";
import { setTrackEnabled } from "./media.js";
import { copyText, flashLabel, inviteLink } from "./ui.js";

const toggleMic = document.getElementById("toggle-mic");
const toggleCamera = document.getElementById("toggle-camera");
const copyButtons = [/** @type {HTMLButtonElement} */ (document.getElementById("copy-invite")), /** @type {HTMLButtonElement} */ (document.getElementById("copy-link"))];

/**
 * Copy a room's invite link, confirming on the button that was used.
 * @param {string} roomName
 * @param {string | null} linkKey a private room's key
 * @param {HTMLButtonElement} button
 */
export async function copyInviteLink(roomName, linkKey, button) {
  const copied = await copyText(inviteLink(roomName, linkKey));
  flashLabel(button, t(copied ? "copy.done" : "copy.failed"));
}

function wireToggle(button, kind, page, labels) {
  let isOn = true;
  button.addEventListener("click", () => {
    const stream = page.localStream;
    if (!stream) return;
    isOn = !isOn;
    setTrackEnabled(stream, kind, isOn);
    setText(button, isOn ? labels.on : labels.off);
    button.setAttribute("aria-pressed", String(!isOn));
  });
}

/**
 * Wire the mute, camera and copy-link buttons.
 * @param {{page: {localStream: MediaStream | null, room: string | null,
 *   linkKey: string | null}}} hooks main.js's hooks: our camera and microphone, the
 *   room we sit in and its link key
 */
export function wireCallControls({ page }) {
  wireToggle(toggleMic, "audio", page, { on: "controls.mute", off: "controls.unmute" });
  wireToggle(toggleCamera, "video", page, { on: "controls.camera-off", off: "controls.camera-on" });
  for (const button of copyButtons) {
    button.addEventListener("click", () => {
      const roomName = page.room;
      if (roomName !== null) copyInviteLink(roomName, page.linkKey, button);
    });
  }
}
