/**
 * The page's state machine, pure: (page, event) → what changes. The one place that
 * decides the page state (the UI contract's body[data-state]), the notice, the room
 * and whether signaling is up. No DOM, no network, no timers: main.js dispatches
 * events here and carries out the effects.
 */
import { TEXT } from "./texts.js";

export const STATES = Object.freeze([
  "media", "media-error", "naming", "joining", "waiting", "connecting", "connected",
  "reconnecting",
]);

/** @typedef {{code: string, text: string}} Notice */
/**
 * The page's data: everything a decision depends on. main.js keeps it in one object,
 * next to the resources (stream, signaling connection, call) it changes only here too.
 * @typedef {object} PageData
 * @property {string} state one of STATES
 * @property {Notice} notice what #notice shows; code "" when nothing
 * @property {string | null} room the room we sit in, as the server echoed it
 * @property {string | null} linkKey a private room's key (its link's fragment); null
 *   in a typed room
 * @property {boolean} polite our negotiation role, from the server
 * @property {"online" | "offline"} signaling whether the server connection is up
 * @property {MediaStream | null} localStream
 * @property {Call | null} call the running call (call.js), or null
 * @property {Server | null} server the connection to the signaling server
 */
/** @typedef {Awaited<ReturnType<typeof import("./call.js").startCall>>} Call */
/** @typedef {ReturnType<typeof import("./signaling.js").connectSignaling>} Server */
/** @typedef {{type: string} & Record<string, any>} PageEvent */
/** @typedef {Partial<PageData>} Changes */

/** No notice shown. */
export const NO_NOTICE = Object.freeze({ code: "", text: "" });
/** What `transition` answers for an event that means nothing in this state. */
export const IGNORED = null;

const notice = (code, text = TEXT[code]) => ({ code, text });
// The other person's connection dropped: a "reconnecting" notice in their words.
const peerAway = () => notice("reconnecting", TEXT["peer-reconnecting"]);

/**
 * The notice cleared when it is one of `codes` (nothing changes otherwise).
 * @param {PageData} page
 * @param {...string} codes
 * @returns {Changes}
 */
function clearing(page, ...codes) {
  return codes.includes(page.notice.code) ? { notice: NO_NOTICE } : {};
}

/** Rules that only apply while we sit in a room. */
function inRoom(rule) {
  return (page, event) => (page.room === null ? IGNORED : rule(page, event));
}

/** The seat the server gave us: who is there decides what we wait for. */
function seated(page, { ack }) {
  const changes = { room: ack.room, polite: ack.polite };
  if (ack.result === "created") return { ...changes, state: "waiting" };
  if (ack.peer_held) {
    // The other seat is held for someone whose connection dropped: they offer when back.
    return { ...changes, state: "reconnecting", notice: peerAway() };
  }
  return { ...changes, state: "connecting" };
}

/**
 * The other person's media plays: the call is up. This holds whether or not signaling
 * is: the media goes peer to peer (the UI contract's "What a call survives").
 */
function remotePlays(page) {
  if (page.call === null || !["connecting", "reconnecting"].includes(page.state)) {
    return IGNORED;
  }
  return {
    state: "connected",
    ...clearing(page, "reconnecting", "peer-left", "turn-failed", "relay-needed"),
  };
}

/**
 * We still have a peer connection with them: the server's news about seats (its
 * restart, our drop or theirs, a rolling deploy) does not end it. A call whose media
 * flows stays connected; one that stopped recovers from where it is (calls.js).
 */
function keepsCall(page) {
  return page.call !== null;
}

/** What the server's news changes while we keep our call: at most a stale notice. */
function kept(page) {
  return page.state === "connected" ? clearing(page, "reconnecting", "peer-left") : {};
}

const leftRoom = { room: null, linkKey: null, state: "naming" };

/**
 * Every event the page knows, and what it changes. A rule answers IGNORED when the
 * event means nothing now; main.js then skips the event's effects.
 * @type {Record<string, (page: PageData, event: any) => Changes | null>}
 */
const RULES = {
  // Camera and microphone, then a name.
  "media-asked": () => ({ state: "media", notice: NO_NOTICE }),
  "media-refused": (page, { code, text }) => ({
    state: "media-error", notice: notice(code, text),
  }),
  "media-ready": (page, { stream }) => ({ localStream: stream }),
  "name-asked": () => ({ state: "naming" }),
  "name-missing": () => ({ state: "naming", notice: notice("name-required") }),
  // Joining a room.
  "join-sent": (page, { linkKey = null }) => ({ state: "joining", notice: NO_NOTICE, linkKey }),
  "join-refused": (page, { code, text }) => ({
    state: "naming", notice: notice(code, text),
  }),
  joined: seated,
  // Signaling: our own connection to the server.
  "signaling-up": () => ({ signaling: "online" }),
  // While the other person's media plays, the call goes on without the server.
  "signaling-lost": (page) => (page.room === null || page.state === "connected"
    ? { signaling: "offline" }
    : { signaling: "offline", state: "reconnecting", notice: notice("reconnecting") }),
  rejoined: inRoom((page, event) => (keepsCall(page)
    ? { room: event.ack.room, polite: event.ack.polite, ...kept(page) }
    : { ...clearing(page, "reconnecting"), ...seated(page, event) })),
  "rejoin-refused": inRoom((page, { code, text }) => ({
    ...leftRoom, notice: notice(code, text),
  })),
  replaced: inRoom(() => ({ ...leftRoom, notice: notice("replaced") })),
  "hung-up": inRoom(() => ({ ...leftRoom, notice: NO_NOTICE })),
  // The other person, as the server tells us.
  "peer-joined": inRoom((page) => (keepsCall(page)
    ? kept(page) : { state: "connecting", ...clearing(page, "peer-left") })),
  "peer-left": inRoom(() => ({ state: "waiting", notice: notice("peer-left") })),
  // Their signaling dropped; while their media plays, that is no news to the person.
  "peer-reconnecting": inRoom((page) => (keepsCall(page) && page.state === "connected"
    ? {} : { state: "reconnecting", notice: peerAway() })),
  "peer-returned": inRoom((page) => (keepsCall(page)
    ? kept(page) : { state: "connecting", ...clearing(page, "reconnecting") })),
  // The peer connection and its media.
  "call-started": (page, { call }) => ({ call }),
  "call-ended": () => ({ call: null }),
  // A message from a new peer connection of theirs: their old media stopped.
  "peer-restarted": inRoom((page) => (["waiting", "connected"].includes(page.state)
    ? { state: "connecting" } : {})),
  "remote-playing": remotePlays,
  "pc-state": (page, { pcState, remotePlaying }) => {
    if (["disconnected", "failed"].includes(pcState) && page.state === "connected") {
      return { state: "reconnecting", notice: notice("reconnecting") };
    }
    if (pcState === "connected" && page.state === "reconnecting" && remotePlaying) {
      return remotePlays(page);
    }
    return IGNORED;
  },
  "relay-failed": () => ({ notice: notice("turn-failed") }),
  // No TURN server configured, and the call failed before it ever connected.
  "relay-needed": () => ({ notice: notice("relay-needed") }),
  // Anything that went wrong in our own code.
  failed: () => ({ notice: notice("call-failed") }),
  // A feature's own notice, without a state change.
  notice: (page, { code, text }) => ({ notice: notice(code, text) }),
  // A feature's notice whose time is up: cleared unless another one replaced it.
  "notice-expired": (page, { code }) => clearing(page, code),
};

/**
 * What `event` changes in `page`: the fields to assign, or IGNORED.
 * @param {PageData} page
 * @param {PageEvent} event
 * @returns {Changes | null}
 */
export function transition(page, event) {
  const rule = RULES[event.type];
  if (rule === undefined) throw new Error(`unknown page event ${event.type}`);
  const changes = rule(page, event);
  if (changes?.state !== undefined && !STATES.includes(changes.state)) {
    throw new Error(`unknown page state ${changes.state}`);
  }
  return changes;
}

