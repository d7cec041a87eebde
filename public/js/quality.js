/**
 * Watches one call's quality: getStats() once a second, the level (quality-level.js),
 * our receive-side figures to the other page and theirs from it over the data channel,
 * our video lowered while our upload is weak (sender-quality.js), and what the page
 * shows (quality-view.js). Knows nothing of signaling or page states.
 */
import { summarize } from "./call-stats.js";
import { initialQuality, nextQuality } from "./quality-level.js";
import { adviceFor, detailRows, readPeerReport } from "./quality-words.js";
import { hideQuality, showQuality } from "./quality-view.js";
import { lowerVideo, restoreVideo } from "./sender-quality.js";

const INTERVAL_MS = 1000;
// A report older than this is not how they receive us now.
const PEER_REPORT_MAX_AGE_MS = 5000;

/**
 * Start watching `call`; stop() ends it and hides the indicator.
 * @param {{pc: RTCPeerConnection, channel: ReturnType<typeof import("./data-channel.js").openAppChannel>}} call
 * @param {(...args: unknown[]) => void} log
 * @returns {{stop: () => void}}
 */
export function watchQuality(call, log) {
  let quality = initialQuality();
  /** @type {import("./call-stats.js").CallStats | null} */
  let previous = null;
  /** @type {import("./quality-words.js").PeerReport | null} */
  let peer = null;
  let peerAt = 0;
  /** @type {Awaited<ReturnType<typeof lowerVideo>> | null} */
  let lowered = null;
  let busy = false;
  let stopped = false;

  const unsubscribe = call.channel.on("stats", (message) => {
    peer = readPeerReport(message);
    peerAt = performance.now();
  });

  async function followUpload() {
    if (quality.uploadWeak && lowered === null) {
      log("upload weak: lowering our video");
      lowered = await lowerVideo(call.pc, log);
    } else if (!quality.uploadWeak && lowered !== null) {
      log("upload recovered: restoring our video");
      const saved = lowered;
      lowered = null;
      await restoreVideo(saved, log);
    }
  }

  /** @type {Parameters<typeof showQuality>[0] | null} */
  let shown = null;

  async function tick() {
    if (busy || stopped) return;
    // Media has stopped while ICE looks for a way back: that is poor, not the last
    // good second.
    if (["disconnected", "failed"].includes(call.pc.connectionState) && shown) {
      showQuality({ ...shown, level: "poor", adviceCode: null });
      return;
    }
    if (call.pc.connectionState !== "connected") return;
    busy = true;
    try {
      const reports = [...(await call.pc.getStats()).values()];
      const stats = summarize(reports, previous);
      previous = stats;
      quality = nextQuality(quality, stats);
      if (stopped) return;
      await followUpload();
      const { width, height, fps } = stats.inVideo;
      call.channel.send("stats", { level: quality.level, uploadWeak: quality.uploadWeak,
        width, height, fps, lossPct: stats.inLossPct });
      if (performance.now() - peerAt > PEER_REPORT_MAX_AGE_MS) peer = null;
      shown = {
        level: quality.level,
        path: stats.path,
        adviceCode: adviceFor(quality, stats, peer),
        rows: detailRows(stats, quality, peer),
        peer,
      };
      showQuality(shown);
    } catch (err) {
      log("quality check failed", err);
    } finally {
      busy = false;
    }
  }

  const timer = setInterval(tick, INTERVAL_MS);
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
      unsubscribe();
      hideQuality();
    },
  };
}
