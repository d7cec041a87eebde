/**
 * The call's safety code: a short number both people read to each other, derived from
 * the DTLS fingerprints of the negotiated session (ours and theirs, sorted). Equal
 * codes mean both browsers see the same two certificates, so nobody relays the media
 * in the middle. Pure: no DOM, no peer connection.
 */

const DIGITS = 12;
const GROUP = 3;
// A version in the hash input: a later change of the recipe never matches an old code.
const DOMAIN = "video-room safety code v1";

/**
 * Every `a=fingerprint:` of an SDP, normalised ("sha-256 AB:CD:…"), without repeats.
 * @param {string} sdp
 * @returns {string[]}
 */
export function fingerprintsOf(sdp) {
  const found = new Set();
  for (const [, algorithm, value] of sdp.matchAll(/^a=fingerprint:(\S+) ([0-9A-Fa-f:]+)\s*$/gm)) {
    found.add(`${algorithm.toLowerCase()} ${value.toUpperCase()}`);
  }
  return [...found].sort();
}

/**
 * The code for a session, the same on both sides: SHA-256 over both sides'
 * fingerprints in sorted order, as 12 digits in groups of three ("482 109 375 512").
 * @param {string} localSdp
 * @param {string} remoteSdp
 * @returns {Promise<string>}
 */
export async function safetyCode(localSdp, remoteSdp) {
  const local = fingerprintsOf(localSdp);
  const remote = fingerprintsOf(remoteSdp);
  if (local.length === 0 || remote.length === 0) {
    throw new Error("a description without a DTLS fingerprint has no safety code");
  }
  const sides = [local.join(","), remote.join(",")].sort();
  const input = new TextEncoder().encode([DOMAIN, ...sides].join("\n"));
  const digest = new DataView(await crypto.subtle.digest("SHA-256", input));
  // 64 bits reduced to 12 digits: the bias (2^64 mod 10^12 values) is negligible.
  const number = digest.getBigUint64(0) % 10n ** BigInt(DIGITS);
  const digits = number.toString().padStart(DIGITS, "0");
  return digits.match(new RegExp(`.{${GROUP}}`, "g")).join(" ");
}

/**
 * The safety code of a peer connection's current session, or null before one is
 * negotiated.
 * @param {RTCPeerConnection} pc
 * @returns {Promise<string | null>}
 */
export async function sessionSafetyCode(pc) {
  const local = pc.currentLocalDescription;
  const remote = pc.currentRemoteDescription;
  if (!local || !remote) return null;
  return safetyCode(local.sdp, remote.sdp);
}
