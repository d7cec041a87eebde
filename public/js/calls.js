/**
 * The page's calls over time: one peer connection at a time (call.js), a fresh one for
 * each new peer connection of the other side, and messages routed to it by id. Page
 * state changes go through `dispatch`; the running call is `page.call`.
 */
import { route, startCall } from "./call.js";
import { iceConfigSource } from "./ice-config.js";
import { clearRemote, isRemotePlaying, showRemote } from "./remote-video.js";

// How long an ICE restart may take to bring a call back before a new peer connection
// is tried instead: an ICE restart takes a round trip and a few checks (~1-3 s).
const RESTART_GRACE_MS = 8000;
// A new peer connection of theirs is believed this many times a minute at most: a
// flood of new ids from the other page must not rebuild ours over and over.
const REBUILDS_PER_MINUTE = 6;

/**
 * @param {object} options
 * @param {import("./machine.js").PageData} options.page
 * @param {(event: import("./machine.js").PageEvent) => boolean} options.dispatch
 * @param {(...args: unknown[]) => void} options.log
 * @param {(task: () => unknown) => Promise<unknown>} options.serially peer connection
 *   work, one step at a time
 * @param {(payload: object) => void} options.send relays a payload to the other page
 */
export function createCalls({ page, dispatch, log, serially, send }) {
  const iceConfig = iceConfigSource();
  /** @type {number[]} when the other side last made us rebuild */
  const rebuilds = [];

  /** Whether the other side may make us build a new peer connection now. */
  function mayRebuild() {
    const now = Date.now();
    while (rebuilds.length && rebuilds[0] < now - 60_000) rebuilds.shift();
    if (rebuilds.length >= REBUILDS_PER_MINUTE) return false;
    rebuilds.push(now);
    return true;
  }

  /**
   * A fresh peer connection with our tracks. Whoever arrives (or comes back) offers;
   * who was already there builds theirs at once, `answerFirst`, so that it is ready
   * for that offer.
   * @param {{answerFirst?: boolean, iceConfig?: Promise<RTCConfiguration>}} [options]
   */
  async function begin({ answerFirst = false, iceConfig: iceConfig_ = undefined } = {}) {
    end();
    const call = await startCall({
      localStream: page.localStream,
      polite: page.polite,
      answerFirst,
      iceConfig: iceConfig_ ?? iceConfig(),
      sendMessage: send,
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
      if (!mayRebuild()) {
        log("too many new peer connections from the other side: message dropped");
        return;
      }
      if (page.call) log("the other side has a new peer connection: starting over");
      // Their old media stops here (they reloaded or came back after a drop): we are
      // connecting until the new connection's media plays.
      dispatch({ type: "peer-restarted" });
      await begin({ answerFirst: true }); // a new peer connection's first message
    }
    await page.call.receive(message);
  }

  /**
   * Restart ICE on the running call now (the network changed, or it stopped while
   * signaling was away); if that does not bring it back, a new peer connection.
   * @param {string} why
   */
  async function restart(why) {
    const call = page.call;
    if (call === null || page.signaling !== "online") return; // recover() when back
    log(`${why}: restarting ICE`);
    await call.restartIce(why);
    setTimeout(() => {
      if (page.call !== call || call.pc.connectionState === "connected") return;
      if (page.signaling !== "online" || page.room === null) return;
      log("the ICE restart did not bring the call back: a new peer connection");
      serially(() => begin());
    }, RESTART_GRACE_MS);
  }

  /**
   * Signaling is back, or the other person is: a call whose media stopped recovers,
   * and an offer still waiting for its answer goes out again (it went out as
   * signaling dropped, or its answer came while we were away).
   */
  async function recover() {
    const call = page.call;
    const state = call?.pc.connectionState;
    if (state === "disconnected" || state === "failed") {
      await restart(`peer connection ${state}`);
    } else {
      call?.resendOffer();
    }
  }

  return { begin, end, receive, restart, recover, iceConfig };
}
