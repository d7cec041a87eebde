/**
 * The room form: enter a name, cancel, or make a private room and copy its link.
 * What a name leads to is main.js's job.
 */
import { copyInviteLink } from "./controls.js";
import { newLinkKey, privateRoom } from "./private-room.js";

const roomForm = document.getElementById("room-form");
const roomInput = /** @type {HTMLInputElement} */ (document.getElementById("room-name"));
const roomCancel = document.getElementById("room-cancel");
const roomNew = document.getElementById("room-new");
const copyInvite = /** @type {HTMLButtonElement} */ (document.getElementById("copy-invite"));

/**
 * Wire the form.
 * @param {object} actions
 * @param {(name: string) => Promise<void>} actions.join enter the room of that name
 * @param {(linkKey: string) => Promise<void>} actions.joinPrivate enter the private
 *   room of that key
 * @param {() => void} actions.cancel the person chose no name
 * @param {(err: unknown) => void} actions.fail
 * @param {(listener: import("./page.js").Listener) => void} actions.on main.js's hook
 */
export function wireRoomForm({ join, joinPrivate, cancel, fail, on }) {
  // Focused whenever the page asks for a name.
  on((event, { state }, previousState) => {
    if (state !== "naming") return;
    if (previousState !== "naming" || event.type === "name-missing") roomInput.focus();
  });
  roomForm.addEventListener("submit", (event) => {
    event.preventDefault();
    join(roomInput.value).catch(fail);
  });
  roomCancel.addEventListener("click", () => {
    roomInput.value = "";
    cancel();
  });
  roomNew.addEventListener("click", () => {
    const linkKey = newLinkKey();
    roomInput.value = "";
    // Copy while the click still counts as a gesture; the room is joined meanwhile.
    const copying = privateRoom(linkKey)
      .then(({ roomName }) => copyInviteLink(roomName, linkKey, copyInvite));
    Promise.all([copying, joinPrivate(linkKey)]).catch(fail);
  });
}

/**
 * Show the form again, focused, with `name` in it when given.
 * @param {string} [name]
 */
export function focusRoomForm(name) {
  if (name !== undefined) roomInput.value = name;
  roomInput.focus();
}
