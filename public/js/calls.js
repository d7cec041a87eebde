/**
 * The page's calls over time: one peer connection at a time (call.js), a fresh one for
 * each new peer connection of the other side, and messages routed to it by id. Page
 * state changes go through `dispatch`; the running call is `page.call`.
 */
import { route, startCall } from "./call.js";
import { clearRemote, isRemotePlaying, showRemote } from "./remote-video.js";

/**
 * @param {object} options
 * @param {import("./machine.js").PageData} options.page
 * @param {(event: import("./machine.js").PageEvent) => boolean} options.dispatch
 * @param {(...args: unknown[]) => void} options.log
 */
export function createCalls({ page, dispatch, log }) {
  /**
   * A fresh peer connection with our tracks. Whoever arrives (or comes back) offers;
   * who was already there builds theirs at once, `answerFirst`, so that it is ready
   * for that offer.
   * @param {{answerFirst?: boolean, iceConfig?: Promise<RTCConfiguration>}} [options]
   */
  async function begin({ answerFirst = false, iceConfig = undefined } = {}) {
    end();
    const call = await startCall({
      localStream: page.localStream,
      polite: page.polite,
      answerFirst,
      iceConfig,
      sendMessage: (payload) => page.server.send(payload),
      onRemoteStream: (stream) => showRemote(stream, log),
      onConnectionState: (pcState) => {
        log(`peer connection ${pcState}`);
        dispatch({ type: "pc-state", pcState, remotePlaying: isRemotePlaying() });
      },
      onRelayFailed: () => dispatch({ type: "relay-failed" }),
      onRelayNeeded: () => dispatch({ type: "relay-needed" }),
      log,
    });
    dispatch({ type: "call-started", call });
  }

  /** Close the running call, if any. */
  function end() {
    if (page.call === null) return;
    page.call.close();
    dispatch({ type: "call-ended" });
    clearRemote();
  }

  /**
   * A message from the other page's peer connection.
   * @param {{pc?: string, to?: string | null}} message
   */
  async function receive(message) {
    if (page.room === null) return;
    const next = route(page.call, message);
    if (next === "stale") return;
    if (next === "restart") {
      if (page.call) log("the other side has a new peer connection: starting over");
      // Their old media stops here (they reloaded or came back after a drop): we are
      // connecting until the new connection's media plays.
      dispatch({ type: "peer-restarted" });
      await begin({ answerFirst: true }); // a new peer connection's first message
    }
    await page.call.receive(message);
  }

  return { begin, end, receive };
}
