/**
 * What the page says about the call's quality: the indicator's label, one piece of
 * advice at a time, and the details panel's rows (also its text for a support
 * request). Pure: figures in, words out.
 */

import { LEVELS } from "./quality-level.js";

/** @typedef {import("./call-stats.js").CallStats} CallStats */
/** @typedef {import("./quality-level.js").Quality} Quality */
/**
 * What the other page reports about the media it receives from us, and its own state.
 * @typedef {{level?: string, uploadWeak?: boolean, width?: number | null,
 *   height?: number | null, fps?: number | null, lossPct?: number | null}} PeerReport
 */

const number = (value) => (typeof value === "number" && Number.isFinite(value) ? value : null);

/**
 * The other page's "stats" message, keeping only well-formed fields: it is input.
 * @param {Record<string, unknown>} message
 * @returns {PeerReport}
 */
export function readPeerReport(message) {
  return {
    level: LEVELS.includes(/** @type {any} */ (message.level)) ? String(message.level) : undefined,
    uploadWeak: message.uploadWeak === true,
    width: number(message.width),
    height: number(message.height),
    fps: number(message.fps),
    lossPct: number(message.lossPct),
  };
}

export const LEVEL_LABEL = { good: "Good connection", fair: "Fair connection",
  poor: "Poor connection" };

export const ADVICE = {
  "upload-weak": "Your upload is weak: video was lowered to keep your voice clear.",
  "peer-unstable": "The other person's connection is unstable.",
  "connection-unstable":
    "The connection between you is unstable: video may freeze or blur.",
  relay: "This call goes through a relay server.",
};

/**
 * The one piece of advice to show now, most useful first; null when all is well.
 * Each input is already steady (quality-level.js), so the advice does not flap.
 * @param {Quality} quality
 * @param {CallStats | null} stats
 * @param {PeerReport | null} peer
 * @returns {keyof typeof ADVICE | null}
 */
export function adviceFor(quality, stats, peer) {
  if (quality.uploadWeak) return "upload-weak";
  if (peer?.uploadWeak || peer?.level === "poor") return "peer-unstable";
  if (quality.level === "poor") return "connection-unstable";
  if (stats?.path === "relay") return "relay";
  return null;
}

// What made this second worse than good (quality-level.js `assess`), in words.
const REASON = { rtt: "long round trip", loss: "packet loss", jitter: "jitter",
  upload: "weak upload" };

const orDash = (value, unit = "") => (value === null || value === undefined ? "–" : `${value}${unit}`);

/**
 * A picture's size and rate in words, as people say it: "640×480, 20 fps".
 * @param {{width?: number | null, height?: number | null, fps?: number | null}} video
 */
export function pictureText({ width, height, fps }) {
  if (!width || !height) return "no video";
  return `${width}×${height}${fps === null || fps === undefined ? "" : `, ${fps} fps`}`;
}

/**
 * The advice in words; a weak upload adds how the other person sees us now, from
 * their report: "They see you at 320×240, 8 fps."
 * @param {keyof typeof ADVICE} code
 * @param {PeerReport | null} peer
 * @returns {string}
 */
export function adviceText(code, peer) {
  const seen = code === "upload-weak" && peer?.height
    ? ` They see you at ${pictureText(peer)}.` : "";
  return ADVICE[code] + seen;
}

/**
 * The details panel: label and value rows, live figures.
 * @param {CallStats} stats
 * @param {Quality} quality
 * @param {PeerReport | null} peer
 * @returns {Array<[string, string]>}
 */
export function detailRows(stats, quality, peer) {
  const video = (figures) => `${orDash(figures.codec)} ${pictureText(figures)}, ` +
    `${orDash(figures.kbps, " kbps")}`;
  const limited = stats.outVideo.limitation && stats.outVideo.limitation !== "none"
    ? ` (held back by ${stats.outVideo.limitation})` : "";
  const route = stats.transport ? ` over ${stats.transport.toUpperCase()}` : "";
  return [
    ["Quality", `${LEVEL_LABEL[quality.level]}${quality.reasons.length
      ? ` (now: ${quality.reasons.map((reason) => REASON[reason] ?? reason).join(", ")})`
      : ""}`],
    ["Path", `${orDash(stats.path)}: ${orDash(stats.localCandidate)} → ` +
      `${orDash(stats.remoteCandidate)}${route}`],
    ["Round trip", orDash(stats.rttMs, " ms")],
    ["Packet loss", `in ${orDash(stats.inLossPct, " %")}, out ${orDash(stats.outLossPct, " %")}`],
    ["Jitter", orDash(stats.jitterMs, " ms")],
    ["Bitrate", `in ${orDash(stats.inKbps, " kbps")}, out ${orDash(stats.outKbps, " kbps")}` +
      (stats.availableOutKbps === null ? "" : ` (upload estimate ${stats.availableOutKbps} kbps)`)],
    ["Audio codec", orDash(stats.audioCodec)],
    ["Video in", video(stats.inVideo)],
    ["Video out", video(stats.outVideo) + limited],
    ["They see you at", peer ? pictureText(peer) +
      (peer.lossPct === null || peer.lossPct === undefined ? "" : `, ${peer.lossPct} % loss`)
      : "–"],
  ];
}

/**
 * The details as plain text for a support request, one "Label: value" line each.
 * @param {Array<[string, string]>} rows
 * @param {Date} now
 * @returns {string}
 */
export function detailsText(rows, now) {
  const lines = rows.map(([label, value]) => `${label}: ${value}`);
  return [`Video room call details, ${now.toISOString()}`, ...lines, ""].join("\n");
}
