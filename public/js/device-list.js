/**
 * The devices there are, and which one comes next: the browser's list by kind, one
 * device opened by id, the camera a flip goes to, the device that takes over when one
 * is plugged in or out. Knows nothing about the call or the selects.
 */

/** @typedef {import("./device-prefs.js").DeviceKind} DeviceKind */

// Aliases Chromium lists next to the real devices; plugging in a headset adds a real one.
const ALIASES = ["default", "communications"];

/** @returns {Promise<Record<DeviceKind, MediaDeviceInfo[]>>} */
export async function listDevices() {
  const lists = { videoinput: [], audioinput: [], audiooutput: [] };
  for (const device of await navigator.mediaDevices.enumerateDevices()) {
    if (device.deviceId && device.kind in lists) lists[device.kind].push(device);
  }
  return lists;
}

/**
 * @param {"videoinput" | "audioinput"} kind
 * @param {string} deviceId
 * @returns {Promise<MediaStreamTrack>}
 */
export async function openDevice(kind, deviceId) {
  const media = kind === "videoinput" ? "video" : "audio";
  const stream = await navigator.mediaDevices.getUserMedia({ [media]: { deviceId: { exact: deviceId } } });
  return stream.getTracks()[0];
}

/**
 * Front and back camera, on a phone: the camera facing the other way, else the next one.
 * @param {MediaDeviceInfo[]} cameras
 * @param {string | undefined} facing the current camera's facingMode
 * @param {string} currentId
 * @returns {MediaDeviceInfo}
 */
export function otherCamera(cameras, facing, currentId) {
  // Phones name their cameras by the side they face ("camera2 0, facing back",
  // "Back Camera"); a phone with several back cameras must not cycle through them.
  const other = facing === "user" ? /back|rear|environment/i
    : facing === "environment" ? /front|user|face/i : null;
  const index = cameras.findIndex((d) => d.deviceId === currentId);
  return (other && cameras.find((d) => other.test(d.label))) ??
    cameras[(index + 1) % cameras.length];
}

/**
 * After a devicechange: the device to switch to for one kind, if any, and whether the
 * one in use is gone (else a new one arrived).
 * @param {DeviceKind} kind
 * @param {MediaDeviceInfo[]} before the list before the change
 * @param {MediaDeviceInfo[]} now the list after it
 * @param {string} currentId the device in use ("" for the default)
 * @returns {{next: MediaDeviceInfo, isGone: boolean} | null}
 */
export function takingOver(kind, before, now, currentId) {
  const isGone = Boolean(currentId) && !ALIASES.includes(currentId) &&
    !now.some((d) => d.deviceId === currentId);
  const added = now.filter((d) => !ALIASES.includes(d.deviceId) &&
    !before.some((b) => b.deviceId === d.deviceId));
  // A new camera is listed only; a new headset is what people mean to talk through.
  const next = isGone ? now[0] : kind !== "videoinput" ? added[0] : undefined;
  return next ? { next, isGone } : null;
}
