/**
 * Camera and microphone: ask for both, and turn a refusal into one notice code.
 * Never asks for a room; never touches the page.
 */
import { TEXT } from "./texts.js";

/** DOMException.name → notice code (see the UI contract). */
export const MEDIA_ERROR_CODES = Object.freeze({
  NotAllowedError: "media-denied",
  SecurityError: "media-denied",
  NotFoundError: "media-unavailable",
  NotReadableError: "media-unavailable",
  OverconstrainedError: "media-unavailable",
  AbortError: "media-unavailable",
});

/** A media failure the person can act on: a notice code and its sentence. */
export class MediaError extends Error {
  /** @param {string} code @param {Error} [cause] */
  constructor(code, cause) {
    super(TEXT[code], { cause });
    this.code = code;
  }
}

/**
 * Ask for camera and microphone together; both are required.
 * @param {MediaStreamConstraints} [constraints] which devices, when the person chose
 * @returns {Promise<MediaStream>}
 * @throws {MediaError} with code media-denied, media-unavailable or insecure-context
 */
export async function openCameraAndMicrophone(constraints = { audio: true, video: true }) {
  if (!window.isSecureContext || !navigator.mediaDevices?.getUserMedia) {
    throw new MediaError("insecure-context");
  }
  try {
    return await navigator.mediaDevices.getUserMedia(constraints);
  } catch (err) {
    throw new MediaError(MEDIA_ERROR_CODES[err?.name] ?? "media-unavailable", err);
  }
}

/**
 * Turn every track of one kind on or off without stopping it (no new permission prompt).
 * @param {MediaStream} stream
 * @param {"audio" | "video"} kind
 * @param {boolean} enabled
 */
export function setTrackEnabled(stream, kind, enabled) {
  for (const track of stream.getTracks()) {
    if (track.kind === kind) track.enabled = enabled;
  }
}
