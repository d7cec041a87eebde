// Recorded getStats() series (tests/js/record_stats.py) and ways to degrade them.
import { readFileSync } from "node:fs";

import { summarize } from "../../public/js/call-stats.js";

/**
 * One page's recorded series: a list of seconds, each a list of stats objects.
 * @param {string} name e.g. "direct-first"
 */
export function recorded(name) {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url)));
}

/** Summaries of a series, each against the one before, as the page makes them. */
export function summaries(series) {
  const out = [];
  for (const reports of series) out.push(summarize(reports, out.at(-1) ?? null));
  return out;
}

/**
 * A recorded series with a bad network laid over seconds [from, to): the selected
 * pair's round trip set to `rttMs`, and `lossPct` of the packets due lost (the
 * inbound counters raised from `from` on, as the browser's cumulative ones would be),
 * and the upload bandwidth estimate set to `availableOutKbps`.
 */
export function degrade(series, { from, to = series.length, rttMs, lossPct, availableOutKbps }) {
  const extraLost = new Map(); // by stream id
  return series.map((reports, second) => {
    const previous = series[second - 1];
    return reports.map((report) => {
      const copy = { ...report };
      if (second >= from && second < to && rttMs !== undefined &&
          copy.type === "candidate-pair") {
        copy.currentRoundTripTime = rttMs / 1000;
      }
      if (second >= from && second < to && availableOutKbps !== undefined &&
          copy.type === "candidate-pair") {
        copy.availableOutgoingBitrate = availableOutKbps * 1000;
      }
      if (copy.type === "inbound-rtp" && lossPct !== undefined) {
        if (second >= from && second < to && previous) {
          const before = previous.find((r) => r.id === copy.id)?.packetsReceived ?? 0;
          const received = copy.packetsReceived - before;
          const more = Math.round((received * lossPct) / (100 - lossPct));
          extraLost.set(copy.id, (extraLost.get(copy.id) ?? 0) + more);
        }
        copy.packetsLost += extraLost.get(copy.id) ?? 0;
      }
      return copy;
    });
  });
}
