// Link keys of private rooms: what a link asks for, and what the server gets to see of a key.
import assert from "node:assert/strict";
import { test } from "node:test";

import { NO_NOTICE, transition } from "../../public/js/machine.js";
import {
  fromBase64Url, isPrivateRoomName, linkKeyIn, newLinkKey, privateRoom,
} from "../../public/js/private-room.js";

test("a new key has 128 random bits and fits a URL fragment", () => {
  const key = newLinkKey();
  assert.match(key, /^[A-Za-z0-9_-]{22}$/);
  assert.equal(fromBase64Url(key).length, 16);
  assert.notEqual(newLinkKey(), key);
});

test("the room name comes from the key, and reveals nothing of it", async () => {
  const key = newLinkKey();
  const { roomName } = await privateRoom(key);
  assert.equal((await privateRoom(key)).roomName, roomName);
  assert.notEqual((await privateRoom(newLinkKey())).roomName, roomName);
  assert.ok(isPrivateRoomName(roomName));
  assert.ok(!roomName.includes(key));
});

test("a typed name is not a private room's", () => {
  for (const name of ["family", "private-room", "private-" + "g".repeat(24)]) {
    assert.ok(!isPrivateRoomName(name), name);
  }
});

const KEY = "AAAAAAAAAAAAAAAAAAAAAA";
const NAME = "private-" + "0".repeat(24);
for (const [address, expected] of [
  ["/?room=family", { kind: "none" }],
  ["/", { kind: "none" }],
  [`/?room=${NAME}#${KEY}`, { kind: "key", key: KEY }],
  [`/?room=${NAME}`, { kind: "missing" }],
  [`/?room=${NAME.toUpperCase()}`, { kind: "missing" }],
  [`/?room=${NAME}#${KEY.slice(1)}`, { kind: "invalid" }],
  [`/?room=${NAME}#${KEY}!`, { kind: "invalid" }],
]) {
  test(`${address} asks for ${expected.kind}`, () => {
    assert.deepEqual(linkKeyIn(new URL(address, "https://example.test")), expected);
  });
}

test("the page keeps a private room's link key from the join until it leaves", () => {
  const naming = {
    state: "naming", notice: NO_NOTICE, room: null, linkKey: null, polite: false,
    signaling: "online", localStream: null, call: null, server: null,
  };
  const joining = { ...naming, ...transition(naming, { type: "join-sent", linkKey: KEY }) };
  assert.equal(joining.linkKey, KEY);
  const seated = { ...joining, room: NAME, state: "waiting" };
  assert.equal(transition(seated, { type: "hung-up" }).linkKey, null);
  assert.equal(transition(naming, { type: "join-sent" }).linkKey, null);
});
