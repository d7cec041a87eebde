/**
 * Signaling between the two pages of a private room, sealed with AES-GCM: the server
 * relays `{sealed: "…"}` that it can neither read nor alter undetected. Each page is a
 * fresh random id; every message names its sender and is addressed to the other page
 * (learned through a hello), and is numbered, so a message replayed from an earlier
 * page, or a second time, is dropped and logged, never applied. Pure: no DOM.
 */
import { fromBase64Url, toBase64Url } from "./private-room.js";

const IV_BYTES = 12;
// A sealed offer is a few kilobytes; anything far larger is not from the other page.
const MAX_SEALED_CHARS = 48 * 1024;
// Messages made before the other page is known (an offer and its candidates).
const MAX_QUEUED = 256;
// Earlier pages of theirs (reloads) whose messages are refused from now on.
const MAX_RETIRED = 256;

/** @param {unknown} value */
const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);

/** @returns {string} a random page id */
function newPageId() {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(12)));
}

/**
 * Seal one message: a random IV, then the AES-GCM ciphertext (with its tag).
 * @param {CryptoKey} key
 * @param {object} inner
 * @returns {Promise<{sealed: string}>}
 */
export async function seal(key, inner) {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const plain = new TextEncoder().encode(JSON.stringify(inner));
  const cipher = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, plain));
  const bytes = new Uint8Array(IV_BYTES + cipher.length);
  bytes.set(iv);
  bytes.set(cipher, IV_BYTES);
  return { sealed: toBase64Url(bytes) };
}

/**
 * Open one message, or null when it is not a sealed message that opens with `key`
 * (altered on the way, sealed with another key, or not sealed at all).
 * @param {CryptoKey} key
 * @param {any} envelope
 * @returns {Promise<Record<string, any> | null>}
 */
export async function unseal(key, envelope) {
  if (!isObject(envelope) || typeof envelope.sealed !== "string") return null;
  if (envelope.sealed.length > MAX_SEALED_CHARS) return null;
  try {
    const bytes = fromBase64Url(envelope.sealed);
    const iv = bytes.slice(0, IV_BYTES);
    const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv }, key, bytes.slice(IV_BYTES));
    const inner = JSON.parse(new TextDecoder().decode(plain));
    return isObject(inner) ? inner : null;
  } catch {
    return null;
  }
}

/**
 * A sealed link to the other page of a private room.
 * @param {object} options
 * @param {CryptoKey} options.sealingKey from private-room.js
 * @param {(envelope: {sealed: string}) => void} options.send hands a sealed message
 *   to the server
 * @param {(...args: unknown[]) => void} options.log
 */
export function createSealedLink({ sealingKey, send, log }) {
  const me = newPageId();
  /** @type {string | null} the other page, once it has written to us */
  let peer = null;
  let lastSeq = 0;
  let nextSeq = 1;
  const retired = new Set();
  /** @type {object[]} */
  let queue = [];
  let helloSent = false;
  // Sealing is asynchronous: one at a time keeps the numbers in sending order.
  let sending = Promise.resolve();

  function sendInner(inner) {
    sending = sending
      .then(() => seal(sealingKey, inner))
      .then(send)
      .catch((err) => log("could not seal a message", err));
    return sending;
  }

  function sendData(body) {
    return sendInner({ from: me, to: peer, seq: nextSeq++, body });
  }

  function adopt(pageId) {
    if (peer !== null) {
      retired.add(peer);
      if (retired.size > MAX_RETIRED) retired.delete(retired.values().next().value);
    }
    peer = pageId;
    lastSeq = 0;
    const waiting = queue;
    queue = [];
    helloSent = false;
    for (const body of waiting) sendData(body);
  }

  function drop(why) {
    log(`dropped a sealed message: ${why}`);
    return null;
  }

  return {
    /** This page's id (for logs and tests). */
    id: me,

    /**
     * Seal and send a signaling payload to the other page; held until it is known.
     * @param {object} body
     */
    send(body) {
      if (peer !== null) return sendData(body);
      if (queue.length >= MAX_QUEUED) queue.shift();
      queue.push(body);
      if (helloSent) return sending;
      helloSent = true;
      return sendInner({ from: me, to: null, hello: true });
    },

    /**
     * Open a message from the server: the other page's payload, or null when there is
     * nothing to apply (a hello, or a message that is dropped and logged).
     * @param {unknown} envelope
     * @returns {Promise<object | null>}
     */
    async receive(envelope) {
      const inner = await unseal(sealingKey, envelope);
      if (inner === null) {
        return drop("it does not open with this room's key (altered, or not sealed)");
      }
      const { from, to, seq, hello, body } = inner;
      if (typeof from !== "string" || from === me) return drop("not from the other page");
      if (to === null && hello === true) {
        // They do not know us yet (a new page): tell them who we are.
        sendInner({ from: me, to: from, hello: true });
        return null;
      }
      if (to !== me) return drop("it was meant for an earlier page (replayed or stale)");
      if (from !== peer) {
        if (retired.has(from)) return drop("it comes from an earlier page of theirs");
        adopt(from); // addressed to this page, so made after they learned of it
      }
      if (hello === true) return null;
      if (!Number.isSafeInteger(seq) || seq <= lastSeq) return drop("it was replayed");
      if (!isObject(body)) return drop("it carries no payload");
      lastSeq = seq;
      return body;
    },
  };
}
