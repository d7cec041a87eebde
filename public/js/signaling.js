/**
 * The Socket.IO connection to our signaling server (docs/PROTOCOL.md, "ours" dialect).
 * Joins and leaves wait for the server's ack with a timeout; events become callbacks.
 * Classic-dialect events (created, join, ready, 'bye'…) are not listened to.
 */
import { io } from "/vendor/socket.io.esm.min.js";
import { TEXT } from "./texts.js";

import { roomKey } from "./room-key.js";

const ACK_TIMEOUT_MS = 10000;
const SEAT_TOKEN_PREFIX = "seat-token:";
function loadSeatToken(roomName) {
  try {
    return sessionStorage.getItem(SEAT_TOKEN_PREFIX + roomKey(roomName));
  } catch {
    return null; // storage disabled: joining still works, only without a held seat
  }
}

function storeSeatToken(roomName, token) {
  try {
    const key = SEAT_TOKEN_PREFIX + roomKey(roomName);
    if (token) sessionStorage.setItem(key, token);
    else sessionStorage.removeItem(key);
  } catch {
    // storage disabled: nothing to keep
  }
}

function isPlainObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Connect to the server that served the page.
 * @param {object} hooks
 * @param {(payload: object) => void} hooks.onMessage the other person's message
 * @param {() => void} hooks.onPeerJoined someone arrived while we were waiting
 * @param {() => void} hooks.onPeerLeft the other person left or disconnected
 * @param {() => void} [hooks.onPeerReconnecting] their connection dropped, seat held
 * @param {() => void} [hooks.onPeerReturned] they are back after a drop
 * @param {() => void} hooks.onConnected our connection is up (each time it comes up)
 * @param {() => void} hooks.onDisconnected our own connection dropped
 * @param {() => void} hooks.onReconnected our connection is back (not the first one)
 * @param {() => void} hooks.onReplaced our seat went to a newer connection of ours
 * @param {(code: string, message: string) => void} [hooks.onRefused] the server
 *   refused the connection (too-many-connections, server-full, …)
 * @param {(message: string) => void} hooks.log
 */
export function connectSignaling(hooks) {
  const socket = io({
    // WebSocket first: one connection that ends with the page, and no sticky sessions
    // needed behind a load balancer. Long polling remains the fallback.
    transports: ["websocket", "polling"],
    tryAllTransports: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 3000,
  });
  let hasConnected = false;
  /** @type {{code: string, message: string} | null} */
  let refusal = null;

  // The server refused the connection (one of its limits): Socket.IO does not try
  // again, so say why now, and answer joins with it instead of a timeout.
  socket.on("connect_error", (err) => {
    const code = /** @type {any} */ (err)?.data?.code;
    if (typeof code !== "string" || socket.active) return;
    refusal = { code, message: TEXT[code] ?? err.message };
    hooks.onRefused?.(refusal.code, refusal.message);
  });

  socket.on("connect", () => {
    hooks.onConnected();
    if (hasConnected) hooks.onReconnected();
    hasConnected = true;
  });
  socket.on("disconnect", (reason) => {
    hooks.log(`signaling disconnected: ${reason}`);
    // The server closes a connection on purpose only when its seat went to a newer
    // connection of the same person (another tab with this tab's seat token): coming
    // back would take the seat from there, so stay out. Any other loss is retried.
    if (reason === "io server disconnect") hooks.onReplaced();
    else hooks.onDisconnected();
  });
  socket.on("message", (payload) => {
    // 'bye' and other classic strings are for the codelab page, not for us.
    if (isPlainObject(payload)) hooks.onMessage(payload);
  });
  socket.on("peer-joined", () => hooks.onPeerJoined());
  socket.on("peer-left", () => hooks.onPeerLeft());
  socket.on("peer-reconnecting", () => hooks.onPeerReconnecting?.());
  socket.on("peer-returned", () => hooks.onPeerReturned?.());
  socket.on("signaling-error", ({ code, message } = {}) => {
    hooks.log(`server refused: ${code} ${message}`);
  });

  return {
    /**
     * `create or join`: take a seat, handing back the seat token we hold for the room.
     * @param {string} roomName
     * @returns {Promise<{ok: boolean, result?: string, room?: string, seat?: number,
     *   polite?: boolean, peer_held?: boolean, seat_token?: string, code?: string,
     *   message?: string}>}
     */
    async join(roomName) {
      if (refusal !== null) return { ok: false, ...refusal };
      const seatToken = loadSeatToken(roomName);
      const ack = await socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck("create or join", roomName, seatToken ? { seat_token: seatToken } : {});
      if (ack?.ok && ack.seat_token) storeSeatToken(ack.room ?? roomName, ack.seat_token);
      return ack;
    },

    /**
     * `leave`: give the seat back at once, and forget its token.
     * @param {string} roomName
     */
    async leave(roomName) {
      storeSeatToken(roomName, null);
      try {
        await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("leave");
      } catch (err) {
        hooks.log(`leave not acknowledged: ${err}`); // a disconnect frees the seat too
      }
    },

    /**
     * `leave` without waiting, for a page that is going away: closing the tab is a
     * real goodbye. The seat token stays in the tab's sessionStorage, which a reload
     * keeps: whether this leave reaches the server is up to the browser, so a reload
     * must not depend on it. The token wins the seat back while it is held (or still
     * sat in by this connection); after a leave that arrived, the seat is free anyway.
     */
    leaveNow() {
      socket.emit("leave");
    },

    /**
     * Relay a JSON payload to the other person in the room.
     * @param {object} payload
     */
    send(payload) {
      // Socket.IO would keep it for the next connection, which sits in no room until
      // it rejoins: the server would refuse it. The call recovers once back instead.
      if (socket.connected) socket.emit("message", payload);
      else hooks.log("signaling is away: message not sent");
    },

    /** @returns {boolean} whether the connection is up right now */
    get connected() {
      return socket.connected;
    },
  };
}
