/**
 * The page's visible state: body[data-state], the #notice, room label and invite link.
 * Nothing here talks to the network or to media devices.
 */
import { onLanguageChange, reword, t } from "./i18n.js";

const notice = document.getElementById("notice");
const roomLabel = document.getElementById("room-label");
const roomTitle = document.getElementById("room-title");
const inviteOutput = document.getElementById("invite-link");
const status = document.getElementById("status");

// The states that show a line of status (i18n "status.<state>").
const STATUS_STATES = ["media", "joining", "connecting", "reconnecting"];
const statusText = (state) => (STATUS_STATES.includes(state) ? t(`status.${state}`) : "");
let shownState = "media";

/**
 * Mirror the page's data into the hooks the tests read (see the UI contract):
 * body[data-state], body[data-signaling], #notice and the room label. Only what
 * `changes` names is written; nothing is ever read back from here to decide anything.
 * @param {{state: string, signaling: string, notice: {code: string, text: string},
 *   room: string | null, linkKey: string | null}} page
 * @param {object} changes the fields the last event changed
 */
export function render(page, changes) {
  document.body.dataset.state = page.state;
  document.body.dataset.signaling = page.signaling;
  shownState = page.state;
  status.textContent = statusText(page.state);
  if ("notice" in changes) {
    notice.dataset.code = page.notice.code;
    notice.textContent = page.notice.text;
  }
  if ("room" in changes || "linkKey" in changes) showRoom(page.room, page.linkKey);
}

// A switch of language re-words the status line and the notice shown.
onLanguageChange(() => {
  status.textContent = statusText(shownState);
  notice.textContent = reword(notice.textContent);
});

/**
 * The address that brings someone straight into the room; a private room's key goes
 * in the fragment, which browsers never send to a server.
 * @param {string} roomName
 * @param {string | null} [linkKey]
 * @returns {string}
 */
export function inviteLink(roomName, linkKey = null) {
  const url = new URL("/", window.location.href);
  url.searchParams.set("room", roomName);
  if (linkKey !== null) url.hash = linkKey;
  return url.href;
}

/**
 * Show the room the person is in (as plain text) and its invite link; null hides it.
 * A private room's name is a hash of its key: it says nothing to a person.
 * @param {string | null} roomName
 * @param {string | null} linkKey
 */
function showRoom(roomName, linkKey) {
  roomLabel.hidden = roomName === null;
  roomTitle.textContent = linkKey !== null ? t("room.private") : roomName ?? "";
  inviteOutput.textContent = roomName === null ? "" : inviteLink(roomName, linkKey);
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
  // A label given by key comes back in the language of the moment.
  const restore = () => {
    button.textContent = button.dataset.i18n ? t(button.dataset.i18n) : original;
  };
  button.dataset.timer = String(setTimeout(restore, 2000));
}
