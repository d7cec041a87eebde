// Figures from recorded getStats() reports of real Chromium calls.
import assert from "node:assert/strict";
import { test } from "node:test";

import { summarize } from "../../public/js/call-stats.js";
import { degrade, recorded, summaries } from "./recorded.mjs";

test("a direct call's selected pair is host to host over UDP, in both browsers", () => {
  for (const stats of ["direct-first", "firefox-first"].flatMap((name) =>
    summaries(recorded(name)))) {
    assert.deepEqual(
      [stats.path, stats.localCandidate, stats.remoteCandidate, stats.transport],
      ["direct", "host", "host", "udp"]);
  }
});

test("a relay-only call's selected pair is relay to relay", () => {
  for (const stats of summaries(recorded("relay-second"))) {
    assert.deepEqual([stats.path, stats.localCandidate, stats.remoteCandidate],
      ["relay", "relay", "relay"]);
  }
});

test("rates need a previous second, then follow the byte counters", () => {
  const [first, second] = summaries(recorded("direct-first"));
  assert.equal(first.inKbps, null);
  assert.equal(first.inLossPct, null);
  assert.ok(second.inKbps > 100 && second.outKbps > 100, JSON.stringify(second));
  assert.equal(second.inLossPct, 0);
});

test("codecs, resolution and frame rate both ways", () => {
  const stats = summaries(recorded("direct-first")).at(-1);
  assert.equal(stats.audioCodec, "opus");
  assert.deepEqual([stats.inVideo.codec, stats.inVideo.width, stats.inVideo.height],
    ["VP8", 640, 480]);
  assert.deepEqual([stats.outVideo.codec, stats.outVideo.height], ["VP8", 480]);
  assert.ok(stats.inVideo.fps > 0 && stats.outVideo.fps > 0);
});

test("a sender capped at 40 kbps is limited by bandwidth, and sends under 150 kbps", () => {
  const stats = summaries(recorded("throttled-first")).at(-1);
  assert.equal(stats.outVideo.limitation, "bandwidth");
  assert.ok(stats.outVideo.kbps < 150, `${stats.outVideo.kbps} kbps`);
  const seen = summaries(recorded("throttled-second")).at(-1).inVideo;
  assert.ok(seen.height < 480, `the other side receives ${seen.height}p`);
});

test("loss laid over a recording is measured per second", () => {
  const lossy = summaries(degrade(recorded("direct-first"), { from: 5, lossPct: 12 }));
  assert.equal(lossy[4].inLossPct, 0);
  for (const stats of lossy.slice(5)) {
    assert.ok(Math.abs(stats.inLossPct - 12) < 2, `${stats.inLossPct} %`);
  }
});

test("Firefox's figures: round trip from its pair, whole frame rates", () => {
  const stats = summaries(recorded("firefox-first")).at(-1);
  assert.ok(stats.rttMs !== null && stats.jitterMs !== null, JSON.stringify(stats));
  assert.equal(stats.availableOutKbps, null); // Firefox has no bandwidth estimate
  assert.ok(Number.isInteger(stats.outVideo.fps) && stats.outVideo.fps > 0);
  assert.deepEqual([stats.inVideo.codec, stats.outVideo.width], ["VP8", 640]);
});

test("an empty report has no figures rather than wrong ones", () => {
  const stats = summarize([], null);
  assert.deepEqual([stats.path, stats.rttMs, stats.inKbps, stats.inVideo.fps],
    [null, null, null, null]);
});
