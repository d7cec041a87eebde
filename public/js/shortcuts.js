/**
 * Keyboard shortcuts for the call's buttons, and their help dialog (`?`). A shortcut
 * only clicks a button a person could click now (present, shown, enabled) and never
 * fires while typing in a field or with Ctrl, Alt or Meta held. Knows no state.
 */
import { onLanguageChange, t } from "./i18n.js";

// Key → the control it works, and its words (i18n "shortcuts.<name>").
const SHORTCUTS = [
  ["m", "toggle-mic", "mute"],
  ["v", "toggle-camera", "camera"],
  ["s", "share-screen", "share"],
  ["f", "view-fullscreen", "fullscreen"],
  ["i", "toggle-details", "details"],
  ["c", "chat-input", "chat"],
  ["h", "hang-up", "hang-up"],
];
const help = /** @type {HTMLDialogElement} */ (document.getElementById("shortcuts-help"));
const helpList = document.getElementById("shortcuts-list");
const helpClose = document.getElementById("shortcuts-close");
const helpOpen = document.getElementById("shortcuts-open");

/** @param {EventTarget | null} target @returns {boolean} the person is typing there */
function isTyping(target) {
  return target instanceof HTMLElement && (target.isContentEditable ||
    ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

/** @param {HTMLElement} control @returns {boolean} a person could use it now */
function isUsable(control) {
  return control.checkVisibility() && !(/** @type {HTMLButtonElement} */ (control).disabled);
}

/** The help's list: only the shortcuts whose control the page has. */
function renderHelp() {
  const rows = SHORTCUTS.filter(([, id]) => document.getElementById(id)).map(([key, , name]) => {
    const row = document.createElement("div");
    const term = document.createElement("dt");
    const kbd = document.createElement("kbd");
    kbd.textContent = key.toUpperCase();
    term.append(kbd);
    const detail = document.createElement("dd");
    detail.textContent = t(`shortcuts.${name}`);
    row.append(term, detail);
    return row;
  });
  helpList.replaceChildren(...rows);
}

/** @param {KeyboardEvent} event */
function onKey(event) {
  if (event.ctrlKey || event.altKey || event.metaKey || isTyping(event.target)) return;
  if (event.key === "?") {
    event.preventDefault();
    if (!help.open) help.showModal();
    return;
  }
  if (help.open) return;
  const shortcut = SHORTCUTS.find(([key]) => key === event.key.toLowerCase());
  const control = shortcut && document.getElementById(shortcut[1]);
  if (!control || !isUsable(control)) return;
  event.preventDefault();
  if (control.tagName === "BUTTON") control.click();
  else control.focus(); // a field (the chat): ready to type
}

/** Wire the shortcuts, the help dialog and its button. */
export function wireShortcuts() {
  renderHelp();
  onLanguageChange(renderHelp);
  document.addEventListener("keydown", onKey);
  helpOpen.addEventListener("click", () => help.showModal());
  helpClose.addEventListener("click", () => help.close());
}
