// The app channel's wire format: JSON objects with a string `type`, nothing else.
import assert from "node:assert/strict";
import { test } from "node:test";

import { MAX_MESSAGE_CHARS, parseMessage } from "../../public/js/data-channel.js";

test("a JSON object with a type is a message", () => {
  assert.deepEqual(parseMessage('{"type":"stats","fps":30}'), { type: "stats", fps: 30 });
});

for (const [what, raw] of [
  ["not JSON", "{type"],
  ["an array", '[{"type":"stats"}]'],
  ["null", "null"],
  ["a type that is not a string", '{"type":3}'],
  ["no type", '{"fps":30}'],
  ["binary", new ArrayBuffer(4)],
  ["too long", JSON.stringify({ type: "chat", text: "x".repeat(MAX_MESSAGE_CHARS) })],
]) {
  test(`${what} is not a message`, () => assert.equal(parseMessage(raw), null));
}
