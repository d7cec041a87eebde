/**
 * The other person's video: playing their stream, the one-click fallback when the
 * browser blocks autoplay with sound, and whether their media is playing now.
 */
const remoteVideo = /** @type {HTMLVideoElement} */ (document.getElementById("remoteVideo"));
const remotePlay = document.getElementById("remote-play");

/**
 * Show the other person's stream and start it.
 * @param {MediaStream} stream
 * @param {(...args: unknown[]) => void} log
 */
export function showRemote(stream, log) {
  if (remoteVideo.srcObject !== stream) remoteVideo.srcObject = stream;
  remoteVideo.play().catch((err) => {
    // Autoplay with sound can be blocked: one click plays instead of silence.
    if (err.name === "NotAllowedError") remotePlay.hidden = false;
    else log("remote play interrupted", err.name);
  });
}

/** Nobody's media: the call is over or starting again. */
export function clearRemote() {
  remoteVideo.srcObject = null;
  remotePlay.hidden = true;
}

/** @returns {boolean} the other person's media plays right now */
export function isRemotePlaying() {
  return remoteVideo.srcObject !== null && !remoteVideo.paused &&
    remoteVideo.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA;
}

/**
 * Call `onPlaying` each time their media starts playing; the play button plays it.
 * @param {() => void} onPlaying
 * @param {(err: unknown) => void} fail
 */
export function wireRemoteVideo(onPlaying, fail) {
  remotePlay.addEventListener("click", () => remoteVideo.play().catch(fail));
  // A shared screen is wide: a phone shows it whole instead of cropping it (app.css).
  remoteVideo.addEventListener("resize", () => {
    remoteVideo.classList.toggle("wide", remoteVideo.videoWidth > remoteVideo.videoHeight * 1.5);
  });
  remoteVideo.addEventListener("playing", () => {
    remotePlay.hidden = true;
    onPlaying();
  });
}
