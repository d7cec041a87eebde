/**
 * Wiring and the page state machine: media first, then a room, then the call.
 * The visible state is only body[data-state] and #notice (ui.js); this module decides
 * when they change. Network work lives in signaling.js and call.js.
 */
import { fetchIceConfig, route, startCall } from "./call.js";
import { copyInviteLink, wireCallControls } from "./controls.js";
import { MediaError, openCameraAndMicrophone } from "./media.js";
import { watchQuality } from "./quality.js";
import { wireQualityDetails } from "./quality-view.js";
import { clearRemote, isRemotePlaying, showRemote, wireRemoteVideo } from "./remote-video.js";
import { wireScreenShare } from "./screen-share.js";
import { preferredConstraints } from "./device-prefs.js";
import { wireDevices } from "./devices.js";
import { wireViews } from "./views.js";
import { connectSignaling, randomRoomName } from "./signaling.js";
import { TEXT } from "./texts.js";
import { clearNotice, getState, inviteLink, setState, showNotice, showRoom } from "./ui.js";

const localVideo = /** @type {HTMLVideoElement} */ (document.getElementById("localVideo"));
const roomForm = document.getElementById("room-form");
const roomInput = /** @type {HTMLInputElement} */ (document.getElementById("room-name"));
const roomCancel = document.getElementById("room-cancel");
const roomNew = document.getElementById("room-new");
const mediaRetry = document.getElementById("media-retry");
const copyInvite = /** @type {HTMLButtonElement} */ (document.getElementById("copy-invite"));
const hangUp = document.getElementById("hang-up");
const toggleCamera = /** @type {HTMLButtonElement} */ (document.getElementById("toggle-camera"));

let role = "page";
const log = (...args) => console.log(`[${role}]`, ...args);

/** @type {MediaStream | null} */
let localStream = null;
/** @type {ReturnType<typeof connectSignaling> | null} */
let signaling = null;
/** The room we sit in, as the server echoed it; null when in none. */
let room = null;
let polite = false;
/** @type {Awaited<ReturnType<typeof startCall>> | null} */
let call = null;
/** @type {ReturnType<typeof watchQuality> | null} */
let quality = null;

// Peer connection work runs one step at a time, in arrival order: an offer that arrives
// while the configuration is still being fetched waits for the peer connection.
let queue = Promise.resolve();
function serially(task) {
  queue = queue.then(task).catch(fail);
  return queue;
}

function fail(err) {
  console.error(`[${role}]`, err);
  showNotice("call-failed", TEXT["call-failed"]);
}

function guarded(handler) {
  return (...args) => Promise.resolve().then(() => handler(...args)).catch(fail);
}

async function askForMedia() {
  setState("media");
  clearNotice();
  try {
    localStream = await openCameraAndMicrophone(preferredConstraints());
  } catch (err) {
    if (!(err instanceof MediaError)) throw err;
    log("media refused", err.cause ?? err);
    mediaRetry.hidden = err.code === "insecure-context";
    setState("media-error");
    showNotice(err.code, err.message);
    return;
  }
  localVideo.srcObject = localStream;
  await devices.mediaReady(); // the devices kept from last time, before any call
  signaling ??= connectSignaling({
    onMessage: (message) => serially(() => receive(message)),
    onPeerJoined: guarded(peerJoined),
    onPeerLeft: guarded(peerLeft),
    onPeerReconnecting: guarded(peerReconnecting),
    onPeerReturned: guarded(peerReturned),
    onDisconnected: guarded(signalingLost),
    onReconnected: () => serially(rejoin),
    onReplaced: guarded(seatReplaced),
    onRefused: (code, message) => showNotice(code, message),
    log,
  });
  const linked = new URL(window.location.href).searchParams.get("room");
  if (linked !== null) await joinRoom(linked);
  else showNaming();
}

function showNaming() {
  setState("naming");
  roomInput.focus();
}

async function joinRoom(name) {
  if (name.trim() === "") {
    showNaming();
    showNotice("name-required", TEXT["name-required"]);
    return;
  }
  setState("joining");
  clearNotice();
  // Asked for while the join is on its way: a call may start as soon as it is answered.
  const iceConfig = fetchIceConfig();
  iceConfig.catch(() => {}); // a failure counts only if a call uses it
  let ack;
  try {
    ack = await signaling.join(name);
  } catch (err) {
    log("join not acknowledged", err);
    ack = { ok: false, code: "server-error", message: TEXT["server-error"] };
  }
  if (!ack?.ok) {
    roomInput.value = name;
    history.replaceState(null, "", "/"); // a reload should not knock on the same door
    showNaming();
    showNotice(ack?.code ?? "server-error", ack?.message ?? TEXT["server-error"]);
    return;
  }
  room = ack.room;
  polite = ack.polite;
  role = polite ? "polite" : "impolite";
  showRoom(room);
  history.replaceState(null, "", inviteLink(room));
  log(`${ack.result} room, seat ${ack.seat}`);
  if (ack.result === "created") setState("waiting");
  else if (ack.peer_held) waitForPeer();
  else {
    setState("connecting");
    serially(() => beginCall({ iceConfig }));
  }
}

// The other seat is held for someone whose connection dropped (both of us reloaded,
// say): an offer now would reach nobody. They offer when they are back.
function waitForPeer() {
  serially(endCall);
  setState("reconnecting");
  showNotice("reconnecting", TEXT["peer-reconnecting"]);
}

/**
 * A fresh peer connection with our tracks. Whoever arrives (or comes back) offers;
 * who was already there builds theirs at once, `answerFirst`, so that it is ready for
 * that offer.
 * @param {{answerFirst?: boolean, iceConfig?: Promise<RTCConfiguration>}} [options]
 */
async function beginCall({ answerFirst = false, iceConfig = undefined } = {}) {
  endCall();
  call = await startCall({
    localStream,
    polite,
    answerFirst,
    iceConfig,
    sendMessage: (payload) => signaling.send(payload),
    onRemoteStream: (stream) => showRemote(stream, log),
    onConnectionState: peerConnectionChanged,
    onRelayFailed: () => showNotice("turn-failed", TEXT["turn-failed"]),
    onRelayNeeded: () => showNotice("relay-needed", TEXT["relay-needed"]),
    log,
  });
  quality = watchQuality(call, log);
}

function endCall() {
  quality?.stop();
  quality = null;
  call?.close();
  call = null;
  clearRemote();
}

async function receive(message) {
  if (room === null) return;
  const next = route(call, message);
  if (next === "stale") return;
  if (next === "restart") {
    if (call) log("the other side has a new peer connection: starting over");
    // Their old media stops here (they reloaded or came back after a drop): we are
    // connecting until the new connection's media plays.
    if (["waiting", "connected"].includes(getState())) setState("connecting");
    await beginCall({ answerFirst: true }); // a new peer connection's first message
  }
  await call.receive(message);
}

function remotePlaying() {
  const state = getState();
  if (call === null || !["connecting", "reconnecting"].includes(state)) return;
  if (state === "reconnecting" && !signaling.connected) return;
  setState("connected");
  clearNotice("reconnecting", "peer-left", "turn-failed", "relay-needed");
}

function peerConnectionChanged(state) {
  log(`peer connection ${state}`);
  if ((state === "disconnected" || state === "failed") && getState() === "connected") {
    setState("reconnecting");
    showNotice("reconnecting", TEXT.reconnecting);
  } else if (state === "connected" && getState() === "reconnecting" && signaling.connected) {
    if (call !== null && isRemotePlaying()) remotePlaying();
  }
}

// The newcomer offers first and we answer. Had both sides offered at once, Chromium's
// rollback of our initial offer sometimes left the answer without a single ICE
// candidate.
function peerJoined() {
  if (room === null) return;
  clearNotice("peer-left");
  setState("connecting");
  serially(() => beginCall({ answerFirst: true }));
}

function peerLeft() {
  if (room === null) return;
  serially(() => {
    endCall();
    setState("waiting");
    showNotice("peer-left", TEXT["peer-left"]);
  });
}

function peerReconnecting() {
  if (room === null) return;
  setState("reconnecting");
  showNotice("reconnecting", TEXT["peer-reconnecting"]);
}

// Whoever comes back to a held seat starts a fresh peer connection and offers (a
// reloaded page has nothing else; rejoin() does the same): ours is over, and an offer
// we made while they were away reached nobody.
function peerReturned() {
  if (room === null) return;
  clearNotice("reconnecting");
  setState("connecting");
  serially(() => beginCall({ answerFirst: true }));
}

function signalingLost() {
  if (room === null) return;
  setState("reconnecting");
  showNotice("reconnecting", TEXT.reconnecting);
}

async function rejoin() {
  if (room === null) return;
  const ack = await signaling.join(room);
  if (!ack?.ok) {
    leaveRoomLocally();
    showNotice(ack?.code ?? "server-error", ack?.message ?? TEXT["server-error"]);
    return;
  }
  polite = ack.polite;
  clearNotice("reconnecting");
  if (ack.result === "created") {
    endCall();
    setState("waiting");
    return;
  }
  if (ack.peer_held) {
    waitForPeer();
    return;
  }
  // We cannot tell whether the other side kept its peer connection (seat held) or was
  // told we left and dropped it; a fresh one with a new id works in both cases.
  setState("connecting");
  await beginCall();
}

function leaveRoomLocally() {
  screenShare.stop().catch(fail);
  endCall();
  room = null;
  showRoom(null);
  history.replaceState(null, "", "/");
  showNaming();
}

function seatReplaced() {
  if (room === null) return;
  leaveRoomLocally();
  showNotice("replaced", TEXT.replaced);
}

async function hangUpCall() {
  if (room === null) return;
  const leaving = room;
  leaveRoomLocally();
  clearNotice();
  await signaling.leave(leaving);
}

roomForm.addEventListener("submit", guarded((event) => {
  event.preventDefault();
  return joinRoom(roomInput.value);
}));
roomCancel.addEventListener("click", () => {
  roomInput.value = "";
  showNaming();
  showNotice("name-required", TEXT["name-required"]);
});
roomNew.addEventListener("click", guarded(async () => {
  const name = randomRoomName();
  roomInput.value = name;
  // Copy while the click still counts as a gesture; the room is joined meanwhile.
  const copying = copyInviteLink(name, copyInvite);
  await joinRoom(name);
  await copying;
}));
mediaRetry.addEventListener("click", guarded(askForMedia));
wireCallControls({ getStream: () => localStream, getRoom: () => room });
const screenShare = wireScreenShare({
  getStream: () => localStream,
  getPeerConnection: () => call?.pc ?? null,
  onChange: (sharing) => { toggleCamera.disabled = sharing; }, // it would hide the screen
  fail,
  log,
});
wireViews(log);
const devices = wireDevices({
  getStream: () => localStream,
  getPeerConnection: () => call?.pc ?? null,
  screenShare,
  log,
});
hangUp.addEventListener("click", guarded(hangUpCall));
// Closing the tab frees the seat at once when the browser delivers this; a reload
// comes back with the seat token either way (signaling.js).
window.addEventListener("pagehide", () => {
  if (room !== null) signaling?.leaveNow();
});
wireRemoteVideo(remotePlaying, fail);
wireQualityDetails();

guarded(askForMedia)();
