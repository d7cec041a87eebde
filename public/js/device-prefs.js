/**
 * The devices a person chose, kept per browser in localStorage: by label (device ids
 * can change, a headset's name does not), with the last id as a hint for the first ask.
 * Never opens a device.
 */

const STORAGE_PREFIX = "video-room.device.";

/** @typedef {"videoinput" | "audioinput" | "audiooutput"} DeviceKind */
/** @typedef {{label: string, deviceId: string}} DeviceChoice */

/**
 * The choice kept for one kind of device, or null.
 * @param {DeviceKind} kind
 * @returns {DeviceChoice | null}
 */
export function preferredDevice(kind) {
  try {
    const choice = JSON.parse(localStorage.getItem(STORAGE_PREFIX + kind) ?? "null");
    return typeof choice?.label === "string" && typeof choice?.deviceId === "string"
      ? choice
      : null;
  } catch {
    return null; // storage disabled or garbage: choose afresh
  }
}

/**
 * Keep a choice for the next visit.
 * @param {DeviceKind} kind
 * @param {DeviceChoice} choice
 */
export function rememberDevice(kind, { label, deviceId }) {
  try {
    localStorage.setItem(STORAGE_PREFIX + kind, JSON.stringify({ label, deviceId }));
  } catch {
    // Private browsing may refuse storage: the choice holds for this visit only.
  }
}

/**
 * What to ask getUserMedia for first: both, on the kept devices if they are there
 * (`ideal`, so a missing one falls back to any device instead of failing).
 * @returns {MediaStreamConstraints}
 */
export function preferredConstraints() {
  const camera = preferredDevice("videoinput");
  const mic = preferredDevice("audioinput");
  return {
    video: camera ? { deviceId: { ideal: camera.deviceId } } : true,
    audio: mic ? { deviceId: { ideal: mic.deviceId } } : true,
  };
}

/**
 * The device of a list a kept choice points at: the same label, else the same id.
 * @param {MediaDeviceInfo[]} devices of one kind
 * @param {DeviceChoice | null} choice
 * @returns {MediaDeviceInfo | null}
 */
export function findChosen(devices, choice) {
  if (!choice) return null;
  return devices.find((d) => d.label === choice.label) ??
    devices.find((d) => d.deviceId === choice.deviceId) ?? null;
}
