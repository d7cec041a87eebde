// What the page says about quality: advice by priority, the other page's report, details.
import assert from "node:assert/strict";
import { test } from "node:test";

import { initialQuality, nextQuality } from "../../public/js/quality-level.js";
import {
  adviceFor, adviceText, detailRows, detailsText, readPeerReport,
} from "../../public/js/quality-words.js";
import { recorded, summaries } from "./recorded.mjs";

const good = initialQuality();
const direct = summaries(recorded("direct-first")).at(-1);
const relay = summaries(recorded("relay-first")).at(-1);

test("advice comes one at a time, most useful first", () => {
  const weak = { ...good, uploadWeak: true, level: "poor" };
  const poor = { ...good, level: "poor" };
  const cases = [
    [good, direct, null, null],
    [good, relay, null, "relay"],
    [good, relay, { uploadWeak: true }, "peer-unstable"],
    [good, direct, { level: "poor" }, "peer-unstable"],
    [poor, relay, null, "connection-unstable"],
    [weak, relay, { level: "poor" }, "upload-weak"],
  ];
  for (const [quality, stats, peer, expected] of cases) {
    assert.equal(adviceFor(quality, stats, peer), expected);
  }
});

test("a weak upload says how the other person sees us", () => {
  assert.equal(adviceText("upload-weak", { width: 320, height: 240, fps: 8 }),
    "Your upload is weak: video was lowered to keep your voice clear. " +
    "They see you at 320×240, 8 fps.");
  assert.equal(adviceText("relay", { width: 320, height: 240, fps: 8 }),
    "This call goes through a relay server.");
});

test("the other page's report keeps only well-formed fields", () => {
  assert.deepEqual(
    readPeerReport({ type: "stats", level: "<b>", uploadWeak: "yes", width: "640",
      height: 480, fps: Infinity, lossPct: 1.5 }),
    { level: undefined, uploadWeak: false, width: null, height: 480, fps: null,
      lossPct: 1.5 });
});

test("the details of a throttled sender, as text for a support request", () => {
  const quality = summaries(recorded("throttled-first")).reduce(nextQuality, good);
  const stats = summaries(recorded("throttled-first")).at(-1);
  const rows = detailRows(stats, quality, { width: 320, height: 240, fps: 14, lossPct: 0 });
  const text = detailsText(rows, new Date("2026-12-06T00:00:00Z"));
  const lines = text.split("\n");
  assert.equal(lines[0], "Video room call details, 2026-12-06T00:00:00.000Z");
  assert.ok(lines.includes("Quality: Poor connection (now: weak upload)"), text);
  assert.ok(lines.includes("Path: direct: host → host over UDP"), text);
  assert.ok(lines.includes("They see you at: 320×240, 14 fps, 0 % loss"), text);
  assert.match(text, /Video out: VP8 320×240, \d+ fps, \d+ kbps \(held back by bandwidth\)/);
});
