// The page's state machine: (page data, event) → what changes, for the transitions that
// matter most, and that an event the table does not know is a bug, never a no-op.
import assert from "node:assert/strict";
import { test } from "node:test";

import { NO_NOTICE, transition } from "../../public/js/machine.js";
import { TEXT } from "../../public/js/texts.js";

const IN_CALL = {
  state: "connected", notice: NO_NOTICE, room: "r", polite: false, signaling: "online",
  localStream: null, call: {}, server: null,
};
const RECONNECTING = { code: "reconnecting", text: TEXT.reconnecting };

for (const [what, page, event, expected] of [
  [
    "the peer connection failing interrupts a connected call",
    IN_CALL,
    { type: "pc-state", pcState: "failed", remotePlaying: false },
    { state: "reconnecting", notice: RECONNECTING },
  ],
  [
    "the other person arriving means nothing outside a room",
    { ...IN_CALL, state: "naming", room: null, call: null },
    { type: "peer-joined" },
    null,
  ],
  [
    "remote media playing is a call even while signaling is away",
    { ...IN_CALL, state: "reconnecting", signaling: "offline" },
    { type: "remote-playing" },
    { state: "connected" },
  ],
  [
    "losing signaling during a call that plays changes nothing but data-signaling",
    IN_CALL,
    { type: "signaling-lost" },
    { signaling: "offline" },
  ],
  [
    "losing signaling before the call plays is told",
    { ...IN_CALL, state: "connecting" },
    { type: "signaling-lost" },
    { signaling: "offline", state: "reconnecting", notice: RECONNECTING },
  ],
  [
    "rejoining keeps a call that plays, with the seat's role",
    IN_CALL,
    { type: "rejoined", ack: { room: "r", polite: true, result: "created" } },
    { room: "r", polite: true },
  ],
  [
    "the other person coming back keeps a call that plays",
    IN_CALL,
    { type: "peer-returned" },
    {},
  ],
  [
    "remote media playing connects and clears the reconnecting notice",
    { ...IN_CALL, state: "reconnecting", notice: RECONNECTING },
    { type: "remote-playing" },
    { state: "connected", notice: NO_NOTICE },
  ],
  [
    "a refused join goes back to the form with the server's sentence",
    { ...IN_CALL, state: "joining", room: null, call: null },
    { type: "join-refused", code: "room-full", text: "Full." },
    { state: "naming", notice: { code: "room-full", text: "Full." } },
  ],
  [
    "the other person's drop is no news while their media plays",
    IN_CALL,
    { type: "peer-reconnecting" },
    {},
  ],
  [
    "the other person's drop before the call plays is told, in their words",
    { ...IN_CALL, state: "connecting" },
    { type: "peer-reconnecting" },
    { state: "reconnecting", notice: { code: "reconnecting", text: TEXT["peer-reconnecting"] } },
  ],
]) {
  test(what, () => assert.deepEqual(transition(page, event), expected));
}

test("an unknown event is a bug, not a silent no-op", () => {
  assert.throws(() => transition(IN_CALL, { type: "no-such-event" }), /unknown page event/);
});
