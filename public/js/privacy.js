/**
 * The sealed signaling of the private room we are in (sealing.js), or plain signaling
 * in a typed room: what the page sends to the other person goes out through here, and
 * what arrives is opened here before it is applied.
 */
import { privateRoom } from "./private-room.js";
import { createSealedLink } from "./sealing.js";

/**
 * @param {object} options
 * @param {(payload: object) => void} options.relay hands a payload to the server
 * @param {(...args: unknown[]) => void} options.log
 */
export function createPrivacy({ relay, log }) {
  /** @type {{linkKey: string, roomName: string,
   *   link: ReturnType<typeof createSealedLink>} | null} */
  let sealed = null;

  return {
    /**
     * Use a private room's link key from now on (null: a typed room, nothing sealed). The same key
     * again keeps the same link, so the other page still knows this one.
     * @param {string | null} linkKey
     * @returns {Promise<string | null>} the private room's name
     */
    async enter(linkKey) {
      if (linkKey === null) {
        sealed = null;
        return null;
      }
      if (sealed?.linkKey !== linkKey) {
        const { roomName, sealingKey } = await privateRoom(linkKey);
        sealed = { linkKey, roomName, link: createSealedLink({ sealingKey, send: relay, log }) };
      }
      return sealed.roomName;
    },

    /**
     * Send a signaling payload to the other page: sealed in a private room.
     * @param {object} payload
     */
    send(payload) {
      if (sealed === null) relay(payload);
      else sealed.link.send(payload);
    },

    /**
     * A message from the server, opened: the payload to apply, or null when there is
     * nothing to apply (a hello, or a message dropped and logged).
     * @param {object} message
     * @returns {Promise<object | null>}
     */
    async open(message) {
      if (sealed !== null) return sealed.link.receive(message);
      if ("sealed" in message) {
        log("dropped a sealed message: this room has no key");
        return null;
      }
      return message;
    },
  };
}
