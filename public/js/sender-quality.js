/**
 * Our side of a weak upload: lower what our video asks of the connection (half the
 * resolution, at most 15 frames a second, lower priority; a shared screen keeps its
 * resolution at 5 frames a second) and give audio the higher
 * priority, so the voice stays clear; and put back what was there before. Acts only
 * on our RTCRtpSenders' encoding parameters, never on the tracks.
 */
import { isScreen } from "./sending.js";

// Enough to keep a face recognisable and motion readable at a fraction of the bits.
const LOWERED_VIDEO = { scaleResolutionDownBy: 2, maxFramerate: 15, priority: "low",
  networkPriority: "low" };
// A shared screen (sending.js `isScreen`) keeps its pixels, or its text blurs: it
// gives up frames instead.
const LOWERED_SCREEN = { maxFramerate: 5, priority: "low", networkPriority: "low" };
// Audio is small: the highest priority costs video little and keeps speech intact.
const RAISED_AUDIO = { priority: "high", networkPriority: "high" };
const KEYS = ["scaleResolutionDownBy", "maxFramerate", "priority", "networkPriority"];

/**
 * Lower video and raise audio on `pc`'s senders; returns what to restore them to (the
 * senders the browser let us change).
 * @param {RTCPeerConnection} pc
 * @param {(...args: unknown[]) => void} log
 * @returns {Promise<Map<RTCRtpSender, Array<Record<string, unknown>>>>}
 */
export async function lowerVideo(pc, log) {
  /** @type {Map<RTCRtpSender, Array<Record<string, unknown>>>} */
  const saved = new Map();
  for (const sender of pc.getSenders()) {
    const kind = sender.track?.kind;
    const change = kind === "audio" ? RAISED_AUDIO
      : kind !== "video" ? null : isScreen(sender.track) ? LOWERED_SCREEN : LOWERED_VIDEO;
    const parameters = sender.getParameters();
    if (change === null || !parameters.encodings?.length) continue;
    const before = parameters.encodings.map((encoding) =>
      Object.fromEntries(KEYS.map((key) => [key, encoding[key]])));
    for (const encoding of parameters.encodings) Object.assign(encoding, change);
    try {
      await sender.setParameters(parameters);
      saved.set(sender, before);
    } catch (err) {
      log(`could not change our ${kind} encoding`, err);
    }
  }
  return saved;
}

/**
 * Put back the encoding parameters `lowerVideo` saved.
 * @param {Map<RTCRtpSender, Array<Record<string, unknown>>>} saved
 * @param {(...args: unknown[]) => void} log
 */
export async function restoreVideo(saved, log) {
  for (const [sender, before] of saved) {
    const parameters = sender.getParameters();
    if (!parameters.encodings?.length) continue;
    parameters.encodings.forEach((encoding, index) => {
      for (const key of KEYS) {
        const value = before[index]?.[key];
        if (value === undefined) delete encoding[key];
        else encoding[key] = value;
      }
    });
    await sender.setParameters(parameters).catch((err) => {
      log(`could not restore our ${sender.track?.kind} encoding`, err);
    });
  }
}
