// Chat text: what may be sent, and what is accepted from the other page.
import assert from "node:assert/strict";
import { test } from "node:test";

import { MAX_CHAT_CHARS, receivedText, sendingProblem } from "../../public/js/chat-text.js";

for (const [what, text, problem] of [
  ["words", "hello", null],
  ["markup, as text", "<b>hi</b>", null],
  ["the longest message", "x".repeat(MAX_CHAT_CHARS), null],
  ["nothing", "", "empty"],
  ["only spaces", "  \n ", "empty"],
  ["one character too many", "x".repeat(MAX_CHAT_CHARS + 1), "too-long"],
]) {
  test(`sending ${what}: ${problem ?? "fine"}`, () => assert.equal(sendingProblem(text), problem));
}

for (const [what, message, text] of [
  ["text", { type: "chat", text: "hi" }, "hi"],
  ["no text", { type: "chat" }, null],
  ["a number", { type: "chat", text: 3 }, null],
  ["markup in an object", { type: "chat", text: { html: "<b>" } }, null],
  ["too long", { type: "chat", text: "x".repeat(MAX_CHAT_CHARS + 1) }, null],
]) {
  test(`receiving ${what}`, () => assert.equal(receivedText(message), text));
}
