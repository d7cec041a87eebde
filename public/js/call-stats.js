/**
 * One second of a call in figures: a summary of one getStats() report, with rates
 * and loss taken against the previous summary. Pure (plain objects in, plain objects
 * out), so recorded reports test it in Node; it never calls getStats itself.
 */

/**
 * @typedef {{width: number | null, height: number | null, fps: number | null,
 *   kbps: number | null, codec: string | null, limitation: string | null}} VideoFigures
 * @typedef {{
 *   at: number,
 *   path: "direct" | "relay" | null,
 *   localCandidate: string | null,
 *   remoteCandidate: string | null,
 *   transport: string | null,
 *   rttMs: number | null,
 *   jitterMs: number | null,
 *   inLossPct: number | null,
 *   outLossPct: number | null,
 *   inKbps: number | null,
 *   outKbps: number | null,
 *   availableOutKbps: number | null,
 *   audioCodec: string | null,
 *   inVideo: VideoFigures,
 *   outVideo: VideoFigures,
 *   totals: Record<string, number>,
 * }} CallStats
 */

const byType = (reports, type) => reports.filter((report) => report.type === type);
const find = (reports, type, kind) =>
  reports.find((report) => report.type === type && (kind === undefined || report.kind === kind));
const sum = (reports, field) => reports.reduce((total, report) => total + (report[field] ?? 0), 0);
const round = (value, digits = 0) =>
  value === null || !Number.isFinite(value) ? null : Number(value.toFixed(digits));

/**
 * The candidate pair the call uses: the transport's selected pair (both browsers name
 * it there or mark it `selected`), else the nominated succeeded one.
 */
function selectedPair(reports, byId) {
  const transport = find(reports, "transport");
  const chosen = transport?.selectedCandidatePairId && byId.get(transport.selectedCandidatePairId);
  if (chosen) return chosen;
  const pairs = byType(reports, "candidate-pair");
  return pairs.find((pair) => pair.selected) ??
    pairs.find((pair) => pair.nominated && pair.state === "succeeded") ?? null;
}

function codecName(byId, report) {
  const mimeType = report && byId.get(report.codecId)?.mimeType;
  return mimeType ? mimeType.replace(/^(audio|video)\//, "") : null;
}

/**
 * A rate in kbit/s from two byte counters `ms` apart; null without a previous count.
 * @param {number | undefined} now
 * @param {number | undefined} before
 * @param {number} ms
 */
function kbps(now, before, ms) {
  if (now === undefined || before === undefined || ms <= 0 || now < before) return null;
  return round(((now - before) * 8) / ms);
}

/**
 * Loss over the last interval, in percent of the packets that were due.
 * @param {number} lost
 * @param {number} received
 */
function lossPct(lost, received) {
  const due = lost + received;
  return due > 0 ? round((Math.max(lost, 0) / due) * 100, 1) : null;
}

/**
 * Summarise one getStats() report (its values, as an array) against the previous
 * summary (null for the first).
 * @param {Array<Record<string, any>>} reports
 * @param {CallStats | null} previous
 * @returns {CallStats}
 */
export function summarize(reports, previous = null) {
  const byId = new Map(reports.map((report) => [report.id, report]));
  const pair = selectedPair(reports, byId);
  const local = pair && byId.get(pair.localCandidateId);
  const remote = pair && byId.get(pair.remoteCandidateId);
  const inbound = byType(reports, "inbound-rtp");
  const outbound = byType(reports, "outbound-rtp");
  const inVideo = find(reports, "inbound-rtp", "video");
  const outVideo = find(reports, "outbound-rtp", "video");
  const inAudio = find(reports, "inbound-rtp", "audio");
  const at = Math.max(0, ...reports.map((report) => report.timestamp ?? 0));
  const totals = {
    inBytes: sum(inbound, "bytesReceived"),
    outBytes: sum(outbound, "bytesSent"),
    inVideoBytes: inVideo?.bytesReceived ?? 0,
    outVideoBytes: outVideo?.bytesSent ?? 0,
    packetsReceived: sum(inbound, "packetsReceived"),
    packetsLost: sum(inbound, "packetsLost"),
  };
  const ms = previous ? at - previous.at : 0;
  const delta = (name) => (previous ? totals[name] - previous.totals[name] : undefined);
  // What the other side lost of ours, from its receiver reports: the worst stream.
  const remoteLoss = byType(reports, "remote-inbound-rtp")
    .map((report) => report.fractionLost)
    .filter((fraction) => typeof fraction === "number");
  const rttSeconds = pair?.currentRoundTripTime ??
    find(reports, "remote-inbound-rtp")?.roundTripTime ?? null;
  return {
    at,
    path: local ? (local.candidateType === "relay" || remote?.candidateType === "relay"
      ? "relay" : "direct") : null,
    localCandidate: local?.candidateType ?? null,
    remoteCandidate: remote?.candidateType ?? null,
    // How our media leaves this machine: to the TURN server when relayed.
    transport: local ? (local.relayProtocol ?? local.protocol ?? null) : null,
    rttMs: rttSeconds === null ? null : round(rttSeconds * 1000),
    jitterMs: inAudio?.jitter === undefined ? null : round(inAudio.jitter * 1000),
    inLossPct: previous ? lossPct(delta("packetsLost"), delta("packetsReceived")) : null,
    outLossPct: remoteLoss.length ? round(Math.max(...remoteLoss) * 100, 1) : null,
    inKbps: kbps(totals.inBytes, previous?.totals.inBytes, ms),
    outKbps: kbps(totals.outBytes, previous?.totals.outBytes, ms),
    availableOutKbps: pair?.availableOutgoingBitrate === undefined
      ? null : round(pair.availableOutgoingBitrate / 1000),
    audioCodec: codecName(byId, inAudio ?? find(reports, "outbound-rtp", "audio")),
    inVideo: {
      width: inVideo?.frameWidth ?? null,
      height: inVideo?.frameHeight ?? null,
      fps: round(inVideo?.framesPerSecond ?? null), // Firefox reports fractions
      kbps: kbps(totals.inVideoBytes, previous?.totals.inVideoBytes, ms),
      codec: codecName(byId, inVideo),
      limitation: null,
    },
    outVideo: {
      width: outVideo?.frameWidth ?? null,
      height: outVideo?.frameHeight ?? null,
      fps: round(outVideo?.framesPerSecond ?? null),
      kbps: kbps(totals.outVideoBytes, previous?.totals.outVideoBytes, ms),
      codec: codecName(byId, outVideo),
      limitation: outVideo?.qualityLimitationReason ?? null,
    },
    totals,
  };
}
