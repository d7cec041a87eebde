/**
 * The page's own messages to the other page, peer to peer: one negotiated data channel
 * per peer connection ("app", id 0, so both sides make it without an extra offer),
 * carrying JSON objects with a `type` field ("chat", "stats", ...). Knows nothing of
 * what the messages mean.
 */

// Both pages create the same channel; negotiated ids must match on both sides.
const LABEL = "app";
const CHANNEL_ID = 0;
// Anything larger is not ours: a stats or chat message is a few hundred bytes.
export const MAX_MESSAGE_CHARS = 16 * 1024;

/**
 * Parse one message off the wire: an object with a string `type`, or null.
 * @param {unknown} raw
 * @returns {{type: string, [key: string]: unknown} | null}
 */
export function parseMessage(raw) {
  if (typeof raw !== "string" || raw.length > MAX_MESSAGE_CHARS) return null;
  let message;
  try {
    message = JSON.parse(raw);
  } catch {
    return null;
  }
  const isObject = typeof message === "object" && message !== null && !Array.isArray(message);
  return isObject && typeof message.type === "string" ? message : null;
}

/**
 * Open the app channel on `pc`. Call before the first offer or answer is made, so the
 * channel rides in the same negotiation as the tracks.
 * @param {RTCPeerConnection} pc
 * @param {(...args: unknown[]) => void} log
 */
export function openAppChannel(pc, log) {
  const channel = pc.createDataChannel(LABEL, { negotiated: true, id: CHANNEL_ID });
  /** @type {Map<string, Set<(message: any) => void>>} */
  const handlers = new Map();

  channel.onmessage = ({ data }) => {
    const message = parseMessage(data);
    if (message === null) {
      log("ignored a malformed data channel message");
      return;
    }
    for (const handler of handlers.get(message.type) ?? []) {
      try {
        handler(message);
      } catch (err) {
        log(`data channel ${message.type} handler failed`, err);
      }
    }
  };

  return {
    /** @returns {boolean} whether messages can go out now */
    isOpen: () => channel.readyState === "open",
    /**
     * Send `{type, ...body}`; false when the channel is not open (nothing is queued).
     * @param {string} type
     * @param {object} [body]
     * @returns {boolean}
     */
    send(type, body = {}) {
      if (channel.readyState !== "open") return false;
      channel.send(JSON.stringify({ ...body, type }));
      return true;
    },
    /**
     * Call `handler` with every message of this type; returns the unsubscribe function.
     * @param {string} type
     * @param {(message: any) => void} handler
     * @returns {() => void}
     */
    on(type, handler) {
      if (!handlers.has(type)) handlers.set(type, new Set());
      handlers.get(type).add(handler);
      return () => handlers.get(type)?.delete(handler);
    },
    /**
     * Call `handler` once the channel is open (now, if it is already).
     * @param {() => void} handler
     */
    onOpen(handler) {
      if (channel.readyState === "open") handler();
      else channel.addEventListener("open", () => handler(), { once: true });
    },
    close() {
      handlers.clear();
      channel.onmessage = null;
      channel.close();
    },
  };
}
