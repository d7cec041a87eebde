/**
 * Joining a room: a typed name or a private room's key, the server's answer, a refusal
 * back to the form, and the call that starts when someone is already there. Page state
 * changes go through `dispatch`; the peer connection work is calls.js's.
 */
import { isPrivateRoomName } from "./private-room.js";
import { focusRoomForm } from "./room-form.js";
import { TEXT, refusalText } from "./texts.js";
import { inviteLink } from "./ui.js";

/**
 * @param {object} options
 * @param {import("./machine.js").PageData} options.page
 * @param {(event: import("./machine.js").PageEvent) => boolean} options.dispatch
 * @param {ReturnType<typeof import("./privacy.js").createPrivacy>} options.privacy
 * @param {ReturnType<typeof import("./calls.js").createCalls>} options.calls
 * @param {(task: () => unknown) => Promise<unknown>} options.serially peer connection
 *   work, one step at a time
 * @param {(...args: unknown[]) => void} options.log
 */
export function createJoining({ page, dispatch, privacy, calls, serially, log }) {
  /** `create or join`, with a refusal of our own when the server does not answer. */
  async function askToJoin(name) {
    try {
      const ack = await page.server.join(name);
      if (ack) return ack;
    } catch (err) {
      log("join not acknowledged", err);
    }
    return { ok: false, code: "server-error", message: TEXT["server-error"] };
  }

  /**
   * Back to the form with a notice: the room cannot be joined as asked.
   * @param {string} code
   * @param {string} text
   * @param {string} [name] put back into the form
   */
  function refuseJoin(code, text, name = undefined) {
    focusRoomForm(name);
    history.replaceState(null, "", "/"); // a reload should not knock on the same door
    dispatch({ type: "join-refused", code, text });
  }

  /**
   * Join a room: a typed one, or a private one with its key (from its link).
   * @param {string} name
   * @param {string | null} [linkKey]
   */
  async function joinRoom(name, linkKey = null) {
    if (name.trim() === "") {
      dispatch({ type: "name-missing" });
      return;
    }
    // A private room's name without its key would be a call nobody can read.
    if (linkKey === null && isPrivateRoomName(name)) {
      refuseJoin("key-missing", TEXT["key-missing"]);
      return;
    }
    await privacy.enter(linkKey);
    dispatch({ type: "join-sent", linkKey });
    // Asked for while the join is on its way: a call may start as soon as it is answered.
    const iceConfig = calls.iceConfig();
    iceConfig.catch(() => {}); // a failure counts only if a call uses it
    const ack = await askToJoin(name);
    if (!ack.ok) {
      refuseJoin(ack.code ?? "server-error", refusalText(ack.code, ack.message),
        linkKey === null ? name : "");
      return;
    }
    dispatch({ type: "joined", ack });
    history.replaceState(null, "", inviteLink(page.room, page.linkKey));
    log(`${ack.result} room, seat ${ack.seat}`);
    if (ack.peer_held) serially(calls.end); // they offer when they are back
    else if (ack.result !== "created") serially(() => calls.begin({ iceConfig }));
  }

  return { joinRoom, refuseJoin };
}
