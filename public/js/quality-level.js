/**
 * How the call is going, in three levels, from call-stats.js summaries: each second
 * gets a raw level from written-down thresholds, and the level shown changes only
 * when the raw level has held for a few seconds (no flapping, no alarm for a blip).
 * Pure: no DOM, no timers.
 */

/** @typedef {import("./call-stats.js").CallStats} CallStats */
/** @typedef {"good" | "fair" | "poor"} Level */

export const LEVELS = /** @type {const} */ (["good", "fair", "poor"]);

/**
 * Where a figure turns a call fair or poor. Sources:
 * - rttMs: ITU-T G.114 (2003), one-way delay: under 150 ms is fine for most uses,
 *   over 400 ms is unacceptable. The round trip is twice that: 300 ms and 800 ms.
 * - lossPct: Google Congestion Control's loss-based controller
 *   (draft-ietf-rmcat-gcc-02, section 6) treats under 2 % loss as harmless and cuts
 *   the rate over 10 %; Opus in-band FEC and video retransmission hide the rest.
 * - jitterMs: 30 ms is the common jitter target for voice (Cisco's QoS design guides,
 *   ITU-T Y.1541 class 0 allows 50 ms); at 100 ms the jitter buffer adds enough delay
 *   to push a call past G.114's limit.
 * - videoKbps (our upload, when the browser says bandwidth limits our video, and the
 *   floor for its upload bandwidth estimate):
 *   libwebrtc's own resolution ladder (video/config/simulcast.cc, kSimulcastFormats)
 *   gives 640x360 a minimum of 150 kbps and a target of 500 kbps; below 150 kbps the
 *   picture is postage-stamp sized and audio competes with video.
 */
export const THRESHOLDS = Object.freeze({
  rttMs: { fair: 300, poor: 800 },
  lossPct: { fair: 2, poor: 10 },
  jitterMs: { fair: 30, poor: 100 },
  videoKbps: { fair: 500, poor: 150 },
});

/**
 * Seconds a raw level must hold before the shown level follows: worse levels are
 * shown after 3 s in a row (a one-second blip changes nothing), better ones after 6 s
 * in a row (a call that just recovered is not called good at once).
 */
export const WORSEN_AFTER = 3;
export const IMPROVE_AFTER = 6;

const severity = (/** @type {Level} */ level) => LEVELS.indexOf(level);
const levelAt = (/** @type {number} */ value) => LEVELS[value];

/**
 * The level of one figure: higher is worse, except where `lowerIsWorse`.
 * @param {number | null} value
 * @param {{fair: number, poor: number}} limits
 * @param {boolean} [lowerIsWorse]
 * @returns {Level}
 */
function judge(value, limits, lowerIsWorse = false) {
  if (value === null || value === undefined) return "good";
  const worse = (limit) => (lowerIsWorse ? value < limit : value >= limit);
  if (worse(limits.poor)) return "poor";
  return worse(limits.fair) ? "fair" : "good";
}

/**
 * Whether the browser is holding our video back for lack of upload bandwidth, and
 * how badly: its encoder says "bandwidth" and what it sends is under the ladder, or
 * its bandwidth estimate (Chromium's availableOutgoingBitrate) is under the ladder's
 * floor. The estimate alone never makes it fair: it starts at 300 kbps and climbs.
 * @param {CallStats} stats
 * @returns {Level}
 */
export function uploadLevel(stats) {
  const { limitation, kbps } = stats.outVideo;
  if (stats.availableOutKbps !== null &&
      stats.availableOutKbps < THRESHOLDS.videoKbps.poor) return "poor";
  if (limitation !== "bandwidth") return "good";
  return judge(kbps, THRESHOLDS.videoKbps, true);
}

/**
 * One second's level and the figures that made it worse than good.
 * @param {CallStats} stats
 * @returns {{level: Level, reasons: string[]}}
 */
export function assess(stats) {
  const figures = {
    rtt: judge(stats.rttMs, THRESHOLDS.rttMs),
    loss: judge(Math.max(stats.inLossPct ?? 0, stats.outLossPct ?? 0), THRESHOLDS.lossPct),
    jitter: judge(stats.jitterMs, THRESHOLDS.jitterMs),
    upload: uploadLevel(stats),
  };
  const worst = Math.max(...Object.values(figures).map(severity));
  const reasons = Object.keys(figures).filter((name) => figures[name] !== "good");
  return { level: levelAt(worst), reasons };
}

/**
 * The shown level after one more raw level: it moves only when every one of the last
 * WORSEN_AFTER raw levels is worse (to the best of them), or every one of the last
 * IMPROVE_AFTER is better (to the worst of them).
 * @param {Level} shown
 * @param {Level[]} recent raw levels, oldest first, the newest last
 * @returns {Level}
 */
export function settle(shown, recent) {
  const now = severity(shown);
  const worse = recent.slice(-WORSEN_AFTER).map(severity);
  if (worse.length === WORSEN_AFTER && worse.every((value) => value > now)) {
    return levelAt(Math.min(...worse));
  }
  const better = recent.slice(-IMPROVE_AFTER).map(severity);
  if (better.length === IMPROVE_AFTER && better.every((value) => value < now)) {
    return levelAt(Math.max(...better));
  }
  return shown;
}

/**
 * @typedef {{level: Level, recent: Level[], reasons: string[],
 *   uploadWeak: boolean, uploadRecent: Level[]}} Quality
 */

/** @returns {Quality} the quality before any figures: good until shown otherwise */
export function initialQuality() {
  return { level: "good", recent: [], reasons: [], uploadWeak: false, uploadRecent: [] };
}

/**
 * The quality after one more second of figures.
 * @param {Quality} quality
 * @param {CallStats} stats
 * @returns {Quality}
 */
export function nextQuality(quality, stats) {
  const { level: raw, reasons } = assess(stats);
  const keep = Math.max(WORSEN_AFTER, IMPROVE_AFTER);
  const recent = [...quality.recent, raw].slice(-keep);
  const uploadRecent = [...quality.uploadRecent, uploadLevel(stats)].slice(-keep);
  const lastAre = (count, level) =>
    uploadRecent.length >= count && uploadRecent.slice(-count).every((l) => l === level);
  return {
    level: settle(quality.level, recent),
    recent,
    reasons,
    // Weak once poor for WORSEN_AFTER seconds; weak until good for IMPROVE_AFTER.
    uploadWeak: quality.uploadWeak
      ? !lastAre(IMPROVE_AFTER, "good") : lastAre(WORSEN_AFTER, "poor"),
    uploadRecent,
  };
}

/**
 * The level a series of summaries ends at (what the page shows after them).
 * @param {CallStats[]} series
 * @returns {Level}
 */
export function levelOf(series) {
  return series.reduce(nextQuality, initialQuality()).level;
}
