// The safety code: one recipe on both sides, different for different certificates.
import assert from "node:assert/strict";
import { test } from "node:test";

import { fingerprintsOf, safetyCode } from "../../public/js/safety-code.js";

const sdp = (fingerprint) =>
  `v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n` +
  `m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=fingerprint:sha-256 ${fingerprint}\r\n` +
  `a=setup:actpass\r\n`;
const ALICE = sdp("AA:".repeat(31) + "01");
const BOB = sdp("bb:".repeat(31) + "02");
const MALLORY = sdp("CC:".repeat(31) + "03");

test("fingerprints are read from every section, normalised, without repeats", () => {
  const twice = `${ALICE}m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=fingerprint:SHA-256 ${"aa:".repeat(31)}01\r\n`;
  assert.deepEqual(fingerprintsOf(twice), [`sha-256 ${"AA:".repeat(31)}01`]);
});

test("both sides get the same code", async () => {
  assert.equal(await safetyCode(ALICE, BOB), await safetyCode(BOB, ALICE));
});

test("the code is twelve digits in four groups", async () => {
  assert.match(await safetyCode(ALICE, BOB), /^\d{3} \d{3} \d{3} \d{3}$/);
});

test("another certificate on either side changes the code", async () => {
  const code = await safetyCode(ALICE, BOB);
  assert.notEqual(await safetyCode(ALICE, MALLORY), code);
  assert.notEqual(await safetyCode(MALLORY, BOB), code);
});

test("a description without a fingerprint has no code", async () => {
  await assert.rejects(safetyCode("v=0\r\n", BOB), /without a DTLS fingerprint/);
});
