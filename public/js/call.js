/**
 * One RTCPeerConnection with the other person: built from a fresh GET /config, carrying
 * our camera and microphone, negotiated by negotiation.js. Every message it sends is
 * tagged with its own random id (`pc`) and the id of the remote one it talks to (`to`),
 * so a reloaded or rebuilt peer connection on either side is recognised.
 */
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
 * @param {{pc?: string, to?: string | null}} message
 * @returns {"stale" | "restart" | "handle"}
 */
export function route(call, message) {
  if (message.to && message.to !== call?.id) return "stale";
  if (!call) return "restart";
  if (call.remoteId && message.pc && message.pc !== call.remoteId) return "restart";
  return "handle";
}

/**
 * Start a call: fetch the ICE configuration, build the peer connection, add our tracks.
 * @param {object} options
 * @param {MediaStream} options.localStream
 * @param {boolean} options.polite
 * @param {(payload: object) => void} options.sendMessage relays to the other person
 * @param {(stream: MediaStream) => void} options.onRemoteStream
 * @param {(state: RTCPeerConnectionState) => void} options.onConnectionState
 * @param {(...args: unknown[]) => void} options.log
 */
export async function startCall({
  localStream, polite, sendMessage, onRemoteStream, onConnectionState, log,
}) {
  // Fresh every call: the server may hand out short-lived TURN credentials.
  const response = await fetch("/config", { cache: "no-store" });
  if (!response.ok) throw new Error(`GET /config answered ${response.status}`);
  const pc = new RTCPeerConnection(await response.json());
  const call = {
    id: newPeerConnectionId(),
    /** @type {string | null} */
    remoteId: null,
    pc,
    receive,
    close,
  };
  const negotiation = attach(pc, {
    polite,
    log,
    send: (payload) => sendMessage({ pc: call.id, to: call.remoteId, ...payload }),
  });
  pc.ontrack = ({ streams }) => {
    if (streams[0]) onRemoteStream(streams[0]);
  };
  pc.onconnectionstatechange = () => onConnectionState(pc.connectionState);
  for (const track of localStream.getTracks()) pc.addTrack(track, localStream);
  log(`peer connection ${call.id} started`);

  async function receive(message) {
    if (!call.remoteId && message.pc) call.remoteId = message.pc;
    await negotiation.receive(message);
  }

  function close() {
    negotiation.detach();
    pc.ontrack = null;
    pc.onconnectionstatechange = null;
    pc.close();
    log(`peer connection ${call.id} closed`);
  }

  return call;
}
