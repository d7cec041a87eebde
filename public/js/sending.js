/**
 * What we send: one camera-or-screen video track and one microphone track, held in the
 * stream that every new peer connection adds. Swapping a track changes that stream and
 * the running peer connection's sender in place (replaceTrack: no renegotiation, no new
 * peer connection). Never asks for devices itself.
 */

// The screens we send. Chromium marks a screen track by its contentHint; Firefox has
// neither MediaStreamTrack.contentHint nor getSettings().displaySurface, so the page
// remembers which tracks are screens itself.
/** @type {WeakSet<MediaStreamTrack>} */
const screenTracks = new WeakSet();

/**
 * Remember that `track` is a shared screen (see `isScreen`).
 * @param {MediaStreamTrack} track
 */
export function markScreen(track) {
  screenTracks.add(track);
}

/**
 * Whether `track` shows a screen, whose text must keep its pixels.
 * @param {MediaStreamTrack | null | undefined} track
 * @returns {boolean}
 */
export function isScreen(track) {
  if (!track) return false;
  return screenTracks.has(track) || ["detail", "text"].includes(track.contentHint);
}

/**
 * The sender that carries one kind of media on this peer connection, or null.
 * A transceiver's receiver keeps its kind even while the sender has no track.
 * @param {RTCPeerConnection | null} pc
 * @param {"audio" | "video"} kind
 * @returns {RTCRtpSender | null}
 */
export function senderFor(pc, kind) {
  if (!pc || pc.signalingState === "closed") return null;
  const transceiver = pc.getTransceivers().find(
    (t) => t.currentDirection !== "stopped" && t.receiver.track?.kind === kind &&
      t.direction !== "recvonly",
  );
  return transceiver?.sender ?? null;
}

/**
 * Send `track` instead of the stream's track of the same kind, in the stream and on the
 * peer connection. The old track is neither stopped nor changed: its owner decides.
 * @param {MediaStream} stream
 * @param {RTCPeerConnection | null} pc
 * @param {MediaStreamTrack} track
 * @returns {Promise<MediaStreamTrack | null>} the track it replaced
 */
export async function replaceSentTrack(stream, pc, track) {
  const old = stream.getTracks().find((t) => t.kind === track.kind) ?? null;
  if (old === track) return old;
  const sender = senderFor(pc, /** @type {"audio" | "video"} */ (track.kind));
  if (sender) await sender.replaceTrack(track);
  if (old) stream.removeTrack(old);
  stream.addTrack(track);
  return old;
}
