/**
 * What the page says about the call's quality: the indicator's label, one piece of
 * advice at a time, and the details panel's rows (also its text for a support
 * request). Pure: figures in, words out.
 */

import { t } from "./i18n.js";
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

/** The indicator's label for a level, in the page's language. */
export const levelLabel = (level) => t(`quality.${level}`);

/** The advice codes (their words: i18n "quality.advice.<code>"). */
export const ADVICE = Object.freeze({
  "upload-weak": "upload-weak", "peer-unstable": "peer-unstable",
  "connection-unstable": "connection-unstable", relay: "relay",
});

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
const reasonText = (reason) => (["rtt", "loss", "jitter", "upload"].includes(reason)
  ? t(`quality.reason.${reason}`) : reason);

const orDash = (value, unit = "") => (value === null || value === undefined ? "–" : `${value}${unit}`);

/**
 * A picture's size and rate in words, as people say it: "640×480, 20 fps".
 * @param {{width?: number | null, height?: number | null, fps?: number | null}} video
 */
export function pictureText({ width, height, fps }) {
  if (!width || !height) return t("quality.no-video");
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
    ? t("quality.they-see", { picture: pictureText(peer) }) : "";
  return t(`quality.advice.${code}`) + seen;
}

/**
 * The details panel: label and value rows, live figures.
 * @param {CallStats} stats
 * @param {Quality} quality
 * @param {PeerReport | null} peer
 * @returns {Array<[string, string]>}
 */
export function detailRows(stats, quality, peer) {
  const [inWord, outWord] = [t("quality.in"), t("quality.out")];
  const video = (figures) => `${orDash(figures.codec)} ${pictureText(figures)}, ` +
    `${orDash(figures.kbps, " kbps")}`;
  const limited = stats.outVideo.limitation && stats.outVideo.limitation !== "none"
    ? ` (${t("quality.held-back")} ${stats.outVideo.limitation})` : "";
  const route = stats.transport
    ? ` ${t("quality.over")} ${stats.transport.toUpperCase()}` : "";
  /** @type {(key: string, value: string) => [string, string]} */
  const row = (key, value) => [t(`quality.row.${key}`), value];
  return [
    row("quality", `${levelLabel(quality.level)}${quality.reasons.length
      ? ` (${t("quality.now")}: ${quality.reasons.map(reasonText).join(", ")})` : ""}`),
    row("path", `${orDash(stats.path)}: ${orDash(stats.localCandidate)} → ` +
      `${orDash(stats.remoteCandidate)}${route}`),
    row("rtt", orDash(stats.rttMs, " ms")),
    row("loss", `${inWord} ${orDash(stats.inLossPct, " %")}, ` +
      `${outWord} ${orDash(stats.outLossPct, " %")}`),
    row("jitter", orDash(stats.jitterMs, " ms")),
    row("bitrate", `${inWord} ${orDash(stats.inKbps, " kbps")}, ` +
      `${outWord} ${orDash(stats.outKbps, " kbps")}` + (stats.availableOutKbps === null
      ? "" : ` (${t("quality.upload-estimate")} ${stats.availableOutKbps} kbps)`)),
    row("audio-codec", orDash(stats.audioCodec)),
    row("video-in", video(stats.inVideo)),
    row("video-out", video(stats.outVideo) + limited),
    row("they-see", peer ? pictureText(peer) + (peer.lossPct === null ||
      peer.lossPct === undefined ? "" : `, ${peer.lossPct} % ${t("quality.loss")}`) : "–"),
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
  return [`${t("quality.details-title")}, ${now.toISOString()}`, ...lines, ""].join("\n");
}
