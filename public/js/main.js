/**
 * The page: media first, then a room, then the call. Its state lives in one object,
 * `page` (page.js), and every change to it goes through `dispatch(event)`: machine.js
 * decides what the event changes (state, notice, room, …), ui.js mirrors it into the
 * DOM, then listeners hear the event. The handlers here carry out the effects (network
 * work lives in signaling.js and call.js); no decision is read back from the DOM.
 *
 * Hooking a feature in: a module exports `wireSomething(hooks)`, called at the bottom
 * of this file with `hooks = {page, on, dispatch}`:
 * - `hooks.page` (read it, never assign to it): `page.state`, `page.room`,
 *   `page.polite`, `page.signaling` ("online"/"offline"), `page.localStream`, and
 *   `page.call`: null, or the running call (call.js) whose `page.call.pc` is the
 *   RTCPeerConnection (`page.call.id` its id on the wire).
 * - `hooks.on(listener)`: `listener(event, page, previousState)` after every event the
 *   machine took (types: the RULES of machine.js). "call-started" ({call}) comes as
 *   soon as a new peer connection has our tracks and before it makes an offer (add
 *   transceivers or data channels there); "call-ended" when it was closed;
 *   "media-ready" ({stream}) once camera and microphone are granted.
 * - `hooks.dispatch(event)`: for a feature that changes the page's state, after adding
 *   its event to machine.js's RULES; `{type: "notice", code, text}` shows a notice.
 */
import { createCalls } from "./calls.js";
import { wireCallControls } from "./controls.js";
import { preferredConstraints } from "./device-prefs.js";
import { wireDevices } from "./devices.js";
import { createJoining } from "./joining.js";
import { wireLanguageSwitch } from "./language-switch.js";
import { MediaError, openCameraAndMicrophone } from "./media.js";
import { watchNetwork } from "./network.js";
import { createPage, serialQueue } from "./page.js";
import { linkKeyIn } from "./private-room.js";
import { createPrivacy } from "./privacy.js";
import { watchQuality } from "./quality.js";
import { wireQualityDetails } from "./quality-view.js";
import { wireRecentRooms } from "./recent-rooms.js";
import { wireRemoteVideo } from "./remote-video.js";
import { wireRoomForm } from "./room-form.js";
import { wireSafetyCode } from "./safety-panel.js";
import { wireChat } from "./chat.js";
import { wireScreenShare } from "./screen-share.js";
import { wireShortcuts } from "./shortcuts.js";
import { wireViews } from "./views.js";
import { connectSignaling } from "./signaling.js";
import { TEXT, refusalText } from "./texts.js";
import { wireWakeLock } from "./wake-lock.js";

const localVideo = /** @type {HTMLVideoElement} */ (document.getElementById("localVideo"));
const mediaRetry = document.getElementById("media-retry");
const hangUp = document.getElementById("hang-up");

const { page, dispatch, on } = createPage();

const log = (...args) => {
  const role = page.room === null ? "page" : page.polite ? "polite" : "impolite";
  console.log(`[${role}]`, ...args);
};

// In a private room every signaling message to the other page is sealed (privacy.js).
const privacy = createPrivacy({ relay: (payload) => page.server.send(payload), log });

// Peer connection work runs one step at a time, in arrival order: an offer that arrives
// while the configuration is still being fetched waits for the peer connection.
const serially = serialQueue((err) => fail(err));
const calls = createCalls({
  page, dispatch, log, serially, send: (payload) => privacy.send(payload),
});
const { joinRoom, refuseJoin } = createJoining({
  page, dispatch, privacy, calls, serially, log,
});

function fail(err) {
  console.error(`[${page.polite ? "polite" : "impolite"}]`, err);
  dispatch({ type: "failed" });
}

function guarded(handler) {
  return (...args) => Promise.resolve().then(() => handler(...args)).catch(fail);
}

async function askForMedia() {
  dispatch({ type: "media-asked" });
  let stream;
  try {
    stream = await openCameraAndMicrophone(preferredConstraints());
  } catch (err) {
    if (!(err instanceof MediaError)) throw err;
    log("media refused", err.cause ?? err);
    mediaRetry.hidden = err.code === "insecure-context";
    dispatch({ type: "media-refused", code: err.code, text: err.message });
    return;
  }
  localVideo.srcObject = stream;
  dispatch({ type: "media-ready", stream });
  await devices.mediaReady(); // the devices kept from last time, before any call
  page.server ??= connectSignaling({
    onMessage: (message) => serially(async () => {
      const opened = await privacy.open(message);
      if (opened !== null) await calls.receive(opened);
    }),
    onPeerJoined: guarded(peerJoined),
    onPeerLeft: guarded(peerLeft),
    onPeerReconnecting: guarded(() => dispatch({ type: "peer-reconnecting" })),
    onPeerReturned: guarded(peerReturned),
    onConnected: () => dispatch({ type: "signaling-up" }),
    onDisconnected: guarded(() => dispatch({ type: "signaling-lost" })),
    onReconnected: () => serially(rejoin),
    onReplaced: guarded(seatReplaced),
    onRefused: (code, text) => dispatch({ type: "notice", code, text }),
    log,
  });
  const address = new URL(window.location.href);
  const found = linkKeyIn(address);
  const linked = address.searchParams.get("room");
  if (found.kind === "key") await joinRoom(await privacy.enter(found.key), found.key);
  else if (found.kind === "invalid") refuseJoin("key-invalid", TEXT["key-invalid"]);
  else if (linked !== null) await joinRoom(linked);
  else dispatch({ type: "name-asked" });
}

// The newcomer offers first and we answer. Had both sides offered at once, Chromium's
// rollback of our initial offer sometimes left the answer without a single ICE
// candidate.
function peerJoined() {
  if (dispatch({ type: "peer-joined" })) serially(() => keepOrAnswer());
}

// A call we kept through a signaling outage goes on (recovering if its media stopped);
// without one, a fresh peer connection waits for their offer.
function keepOrAnswer() {
  return page.call !== null ? calls.recover() : calls.begin({ answerFirst: true });
}

function peerLeft() {
  if (page.room === null) return;
  serially(() => {
    calls.end();
    dispatch({ type: "peer-left" });
  });
}

// Whoever comes back to a held seat starts a fresh peer connection and offers (a
// reloaded page has nothing else; rejoin() does the same): ours is over, and an offer
// we made while they were away reached nobody.
function peerReturned() {
  if (dispatch({ type: "peer-returned" })) serially(() => keepOrAnswer());
}

async function rejoin() {
  if (page.room === null) return;
  const ack = await page.server.join(page.room);
  if (!ack?.ok) {
    leaveRoomLocally({
      type: "rejoin-refused",
      code: ack?.code ?? "server-error",
      text: refusalText(ack?.code, ack?.message),
    });
    return;
  }
  dispatch({ type: "rejoined", ack });
  // Our call outlived the outage: no new peer connection, no offer unless it stopped.
  if (page.call !== null) {
    if (ack.result !== "created" && !ack.peer_held) await calls.recover();
    return;
  }
  if (ack.result === "created" || ack.peer_held) {
    calls.end();
    return;
  }
  // We cannot tell whether the other side kept its peer connection (seat held) or was
  // told we left and dropped it; a fresh one with a new id works in both cases.
  await calls.begin();
}

/** Out of the room without a goodbye to the server; `event` says why. */
function leaveRoomLocally(event) {
  if (!dispatch(event)) return false;
  calls.end();
  history.replaceState(null, "", "/");
  return true;
}

function seatReplaced() {
  leaveRoomLocally({ type: "replaced" });
}

async function hangUpCall() {
  const leaving = page.room;
  if (leaveRoomLocally({ type: "hung-up" })) await page.server.leave(leaving);
}

wireRoomForm({
  join: (name) => joinRoom(name),
  joinPrivate: async (linkKey) => joinRoom(await privacy.enter(linkKey), linkKey),
  cancel: () => dispatch({ type: "name-missing" }),
  fail,
  on,
});
mediaRetry.addEventListener("click", guarded(askForMedia));
hangUp.addEventListener("click", guarded(hangUpCall));
// Closing the tab frees the seat at once when the browser delivers this; a reload
// comes back with the seat token either way (signaling.js).
window.addEventListener("pagehide", () => {
  if (page.room !== null) page.server?.leaveNow();
});
wireRemoteVideo(() => dispatch({ type: "remote-playing" }), fail);
watchNetwork((why) => serially(() => calls.restart(why)));

/** Call quality (quality.js) watches each peer connection while it lives. */
function followQuality() {
  /** @type {ReturnType<typeof watchQuality> | null} */
  let quality = null;
  on(({ type, call }) => {
    if (type === "call-ended") quality?.stop();
    if (type === "call-started") quality = watchQuality(call, log);
  });
}

/** What a feature module gets to hook in (see the top of this file). */
const hooks = Object.freeze({ page, on, dispatch });
wireLanguageSwitch();
wireShortcuts();
wireRecentRooms(hooks, { join: (name) => guarded(joinRoom)(name) });
wireCallControls(hooks);
wireSafetyCode(hooks, log);
wireChat(hooks, log);
followQuality();
wireQualityDetails();
const screenShare = wireScreenShare(hooks, { fail, log });
const devices = wireDevices(hooks, { screenShare, log });
wireViews(log);
wireWakeLock(hooks, log);

guarded(askForMedia)();
