/**
 * Private rooms: a random key in the link's fragment (`/?room=NAME#KEY`, the link
 * key), which browsers never send to a server. From the key come both the room name the server
 * sees and the AES-GCM key that seals every signaling message (sealing.js), so the
 * server learns nothing from either. Pure: no DOM, no network.
 */

const KEY_BYTES = 16; // 128 bits
const KEY_PATTERN = /^[A-Za-z0-9_-]{22}$/; // 16 bytes, base64url without padding
const NAME_PREFIX = "private-";
const NAME_HEX_CHARS = 24; // 96 bits: unguessable, so nobody can sit in the room first
const NAME_PATTERN = new RegExp(`^${NAME_PREFIX}[0-9a-f]{${NAME_HEX_CHARS}}$`);
// Distinct HKDF labels: the room name reveals nothing about the sealing key.
const NAME_INFO = "video-room private room name v1";
const SEALING_INFO = "video-room signaling v1";

/**
 * @param {Uint8Array} bytes
 * @returns {string}
 */
export function toBase64Url(bytes) {
  const binary = String.fromCharCode(...bytes);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/**
 * @param {string} text base64url, with or without padding
 * @returns {Uint8Array<ArrayBuffer>}
 */
export function fromBase64Url(text) {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** @returns {string} a new link key, as it appears after the `#` */
export function newLinkKey() {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(KEY_BYTES)));
}

/**
 * Whether a room name is a private room's (it then only works with its key).
 * @param {string} roomName
 * @returns {boolean}
 */
export function isPrivateRoomName(roomName) {
  return NAME_PATTERN.test(roomName.trim().toLowerCase());
}

/**
 * What an address asks for: no link key at all ("none"), a key ("key"), a private
 * room's name without its key ("missing"), or a fragment that is not a key ("invalid").
 * @param {URL} url
 * @returns {{kind: "none" | "missing" | "invalid"} | {kind: "key", key: string}}
 */
export function linkKeyIn(url) {
  const fragment = url.hash.replace(/^#/, "");
  const roomName = url.searchParams.get("room") ?? "";
  if (fragment === "") return { kind: isPrivateRoomName(roomName) ? "missing" : "none" };
  if (!KEY_PATTERN.test(fragment)) return { kind: "invalid" };
  return { kind: "key", key: fragment };
}

/**
 * HKDF-SHA-256 parameters for one purpose of the link key.
 * @param {string} info
 */
function hkdfParams(info) {
  return {
    name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0),
    info: new TextEncoder().encode(info),
  };
}

/** @param {Uint8Array<ArrayBuffer>} keyBytes */
function keyMaterial(keyBytes) {
  return crypto.subtle.importKey("raw", keyBytes, "HKDF", false, ["deriveBits", "deriveKey"]);
}

/**
 * The room name and the sealing key that belong to a link key.
 * @param {string} linkKey as after the `#`
 * @returns {Promise<{roomName: string, sealingKey: CryptoKey}>}
 */
export async function privateRoom(linkKey) {
  if (!KEY_PATTERN.test(linkKey)) throw new Error("not a private room's link key");
  const material = await keyMaterial(fromBase64Url(linkKey));
  const nameBits = await crypto.subtle.deriveBits(hkdfParams(NAME_INFO), material,
    NAME_HEX_CHARS * 4);
  const hex = Array.from(new Uint8Array(nameBits),
    (byte) => byte.toString(16).padStart(2, "0")).join("");
  const sealingKey = await crypto.subtle.deriveKey(hkdfParams(SEALING_INFO), material,
    { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
  return { roomName: NAME_PREFIX + hex, sealingKey };
}
