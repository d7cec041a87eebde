/**
 * One RTCPeerConnection with the other person: built from a fresh GET /config, carrying
 * our camera and microphone, negotiated by negotiation.js. Every message it sends is
 * tagged with its own random id (`pc`) and the id of the remote one it talks to (`to`),
 * so a reloaded or rebuilt peer connection on either side is recognised.
 */
import { loadCertificate } from "./certificate.js";
import { openAppChannel } from "./data-channel.js";
import { attach } from "./negotiation.js";

/**
 * A random id for one peer connection.
 * @returns {string}
 */
export function newPeerConnectionId() {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * What to do with a message for this call: "stale" (meant for a peer connection we have
 * already closed), "restart" (the other side has a new peer connection), or "handle".
 * @param {{id: string, remoteId: string | null} | null} call
 * @param {{pc?: string, to?: string | null, description?: {type?: string}}} message
 * @returns {"stale" | "restart" | "handle"}
 */
export function route(call, message) {
  if (message.to && message.to !== call?.id) return "stale";
  // A new peer connection of theirs always starts with its offer: anything else from
  // an unknown one is stale (or made up), and must not make us rebuild.
  const isOffer = message.description?.type === "offer";
  if (!call) return isOffer ? "restart" : "stale";
  if (call.remoteId && message.pc && message.pc !== call.remoteId) {
    return isOffer ? "restart" : "stale";
  }
  return "handle";
}

/**
 * The ICE configuration for one peer connection, fresh: the server may hand out
 * short-lived TURN credentials.
 * @returns {Promise<RTCConfiguration>}
 */
export async function fetchIceConfig() {
  const response = await fetch("/config", { cache: "no-store" });
  if (!response.ok) throw new Error(`GET /config answered ${response.status}`);
  return response.json();
}

/**
 * Whether an ICE configuration names a TURN server (a `turn:` or `turns:` URL).
 * @param {RTCConfiguration} config
 * @returns {boolean}
 */
export function hasTurnServer(config) {
  return (config.iceServers ?? []).some(({ urls }) =>
    [urls].flat().some((url) => /^turns?:/i.test(String(url))));
}

/**
 * Start a call: build the peer connection from the ICE configuration, add our tracks.
 * @param {object} options
 * @param {MediaStream} options.localStream
 * @param {boolean} options.polite
 * @param {(payload: object) => void} options.sendMessage relays to the other person
 * @param {(stream: MediaStream) => void} options.onRemoteStream
 * @param {(state: RTCPeerConnectionState) => void} options.onConnectionState
 * @param {() => void} options.onRelayFailed a relay-only call found no way through TURN
 * @param {() => void} [options.onRelayNeeded] the call failed without ever connecting,
 *   and no TURN server was configured that could have relayed it
 * @param {(...args: unknown[]) => void} options.log
 * @param {boolean} [options.answerFirst] the other side makes the first offer
 * @param {Promise<RTCConfiguration>} [options.iceConfig] one already asked for
 */
export async function startCall({
  localStream, polite, sendMessage, onRemoteStream, onConnectionState, onRelayFailed,
  log, answerFirst = false, iceConfig = fetchIceConfig(), onRelayNeeded = () => {},
}) {
  const [config, certificate] = await Promise.all([
    iceConfig,
    loadCertificate(log).catch((err) => {
      log("no DTLS certificate of our own: the browser makes one for this call", err);
      return null;
    }),
  ]);
  // The browser's one certificate: the safety code stays the same from call to call.
  const pc = new RTCPeerConnection(
    certificate === null ? config : { ...config, certificates: [certificate] });
  const call = {
    id: newPeerConnectionId(),
    /** @type {string | null} */
    remoteId: null,
    pc,
    /** Messages to the other page (data-channel.js), made before any offer. */
    channel: openAppChannel(pc, log),
    /** Whether /config named a TURN server: without one, some networks cannot meet. */
    hasTurn: hasTurnServer(config),
    receive,
    close,
    /** Restart ICE now (a network change, or recovery once signaling is back). */
    restartIce: (why) => negotiation.restartIce(why),
    /** Send our unanswered offer again, if there is one (see negotiation.js). */
    resendOffer: () => negotiation.resendOffer(),
  };
  const negotiation = attach(pc, {
    polite,
    log,
    answerFirst,
    send: (payload) => sendMessage({ pc: call.id, to: call.remoteId, ...payload }),
  });
  pc.ontrack = ({ streams }) => {
    if (streams[0]) onRemoteStream(streams[0]);
  };
  pc.onconnectionstatechange = () => onConnectionState(pc.connectionState);
  if (config.iceTransportPolicy === "relay") watchRelay(pc, onRelayFailed, log);
  else if (!call.hasTurn) onFailureBeforeConnected(pc, onRelayNeeded);
  for (const track of localStream.getTracks()) pc.addTrack(track, localStream);
  log(`peer connection ${call.id} started`);

  async function receive(message) {
    if (!call.remoteId && message.pc) call.remoteId = message.pc;
    await negotiation.receive(message);
  }

  function close() {
    negotiation.detach();
    call.channel.close();
    pc.ontrack = null;
    pc.onconnectionstatechange = null;
    pc.onicecandidateerror = null;
    pc.onicegatheringstatechange = null;
    pc.close();
    log(`peer connection ${call.id} closed`);
  }

  return call;
}

/**
 * Call `then` when the connection fails before it ever connected: ICE tried every
 * pair of addresses and none got through (two NATs or firewalls that only a relay
 * can join). Once connected, a failure is a dropped network: the page reconnects.
 * @param {RTCPeerConnection} pc
 * @param {() => void} then
 */
function onFailureBeforeConnected(pc, then) {
  let connected = false;
  pc.addEventListener("connectionstatechange", () => {
    if (pc.connectionState === "connected") connected = true;
    else if (pc.connectionState === "failed" && !connected) then();
  });
}

/**
 * Call `onRelayFailed` when relay-only ICE cannot work: gathering ends without a single
 * candidate (the TURN server refused our credentials, 401, or never answered), or the
 * connection fails before it ever connected. Without this the page would wait forever
 * on a black video.
 * @param {RTCPeerConnection} pc
 * @param {() => void} onRelayFailed
 * @param {(...args: unknown[]) => void} log
 */
function watchRelay(pc, onRelayFailed, log) {
  let candidates = 0;
  pc.addEventListener("icecandidate", ({ candidate }) => {
    if (candidate) candidates += 1;
  });
  pc.onicecandidateerror = ({ errorCode, errorText, url }) => {
    log(`TURN error ${errorCode} ${errorText} from ${url}`);
  };
  pc.onicegatheringstatechange = () => {
    if (pc.iceGatheringState === "gathering") candidates = 0;
    else if (pc.iceGatheringState === "complete" && candidates === 0) onRelayFailed();
  };
  // Once connected, a failure is a dropped network first: the page says "reconnecting".
  let connected = false;
  pc.addEventListener("connectionstatechange", () => {
    if (pc.connectionState === "connected") connected = true;
    else if (pc.connectionState === "failed" && !connected) onRelayFailed();
  });
}
