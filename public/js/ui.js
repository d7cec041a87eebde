/**
 * The page's visible state: body[data-state], the #notice, room label and invite link.
 * Nothing here talks to the network or to media devices.
 */

const notice = document.getElementById("notice");
const roomLabel = document.getElementById("room-label");
const roomTitle = document.getElementById("room-title");
const inviteOutput = document.getElementById("invite-link");
const status = document.getElementById("status");

export const STATES = Object.freeze([
  "media", "media-error", "naming", "joining", "waiting", "connecting", "connected",
  "reconnecting",
]);

const STATUS_TEXT = {
  media: "Waiting for camera and microphone…",
  joining: "Entering the room…",
  connecting: "Connecting to the other person…",
  reconnecting: "Reconnecting…",
};

/**
 * Show one of the page states (see the UI contract); unknown states are a bug.
 * @param {string} state
 */
export function setState(state) {
  if (!STATES.includes(state)) throw new Error(`unknown page state ${state}`);
  document.body.dataset.state = state;
  status.textContent = STATUS_TEXT[state] ?? "";
}

/** @returns {string} the current page state */
export function getState() {
  return document.body.dataset.state;
}

/**
 * Show a message to the person; `code` is a stable notice code for tests and styling.
 * @param {string} code
 * @param {string} text
 */
export function showNotice(code, text) {
  notice.dataset.code = code;
  notice.textContent = text;
}

/**
 * Remove the notice, or only a notice with one of the given codes.
 * @param {...string} codes
 */
export function clearNotice(...codes) {
  if (codes.length && !codes.includes(notice.dataset.code)) return;
  notice.dataset.code = "";
  notice.textContent = "";
}

/**
 * The address that brings someone straight into the room.
 * @param {string} roomName
 * @returns {string}
 */
export function inviteLink(roomName) {
  const url = new URL("/", window.location.href);
  url.searchParams.set("room", roomName);
  return url.href;
}

/**
 * Show the room the person is in (as plain text) and its invite link; null hides it.
 * @param {string | null} roomName
 */
export function showRoom(roomName) {
  roomLabel.hidden = roomName === null;
  roomTitle.textContent = roomName ?? "";
  inviteOutput.textContent = roomName === null ? "" : inviteLink(roomName);
}

/**
 * Put text on the clipboard; false when the browser refuses (no permission, no focus).
 * @param {string} text
 * @returns {Promise<boolean>}
 */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Briefly change a button's label to confirm an action, then restore it.
 * @param {HTMLButtonElement} button
 * @param {string} text
 */
export function flashLabel(button, text) {
  const original = button.dataset.label ?? button.textContent;
  button.dataset.label = original;
  button.textContent = text;
  clearTimeout(Number(button.dataset.timer));
  button.dataset.timer = String(setTimeout(() => { button.textContent = original; }, 2000));
}
