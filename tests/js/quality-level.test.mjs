// Levels from recorded getStats() series: thresholds and hysteresis.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  IMPROVE_AFTER, WORSEN_AFTER, assess, initialQuality, levelOf, nextQuality, settle,
} from "../../public/js/quality-level.js";
import { degrade, recorded, summaries } from "./recorded.mjs";

/** The level shown after each second of a series. */
function shownLevels(series) {
  let quality = initialQuality();
  return summaries(series).map((stats) => (quality = nextQuality(quality, stats)).level);
}

// These recordings include the loaded test machine's own blips (a 724 ms round trip
// in the first second, frame rates down to 2 fps for a second): none may show.
for (const name of ["direct-first", "direct-second", "relay-first", "relay-second",
  "throttled-second", "firefox-first", "firefox-second"]) {
  test(`the recorded ${name} call is good throughout`, () => {
    assert.deepEqual(new Set(shownLevels(recorded(name))), new Set(["good"]));
  });
}

test("a sender whose video is held under 150 kbps by bandwidth is poor", () => {
  const series = summaries(recorded("throttled-first"));
  assert.equal(levelOf(series), "poor");
  assert.deepEqual(assess(series.at(-1)), { level: "poor", reasons: ["upload"] });
  const quality = series.reduce(nextQuality, initialQuality());
  assert.equal(quality.uploadWeak, true);
});

test("an upload estimate under 150 kbps is a weak upload, and it recovers", () => {
  const series = summaries(degrade(recorded("direct-first"),
    { from: 5, to: 12, availableOutKbps: 100 }));
  const steps = [];
  let quality = initialQuality();
  for (const stats of series) steps.push(quality = nextQuality(quality, stats));
  assert.equal(steps[4].uploadWeak, false);
  assert.deepEqual([steps[7].uploadWeak, steps[7].level], [true, "poor"]);
  assert.equal(steps[12 + IMPROVE_AFTER - 2].uploadWeak, true);
  assert.equal(steps[12 + IMPROVE_AFTER - 1].uploadWeak, false);
});

test("the other side of a weak upload does not call its own upload weak", () => {
  const quality = summaries(recorded("throttled-second")).reduce(nextQuality,
    initialQuality());
  assert.equal(quality.uploadWeak, false);
});

for (const [what, degradation, expected] of [
  ["a 400 ms round trip (G.114: over 150 ms one way)", { rttMs: 400 }, "fair"],
  ["a 900 ms round trip (G.114: over 400 ms one way)", { rttMs: 900 }, "poor"],
  ["5 % loss", { lossPct: 5 }, "fair"],
  ["15 % loss", { lossPct: 15 }, "poor"],
  ["1 % loss", { lossPct: 1 }, "good"],
]) {
  test(`${what} for ten seconds is ${expected}`, () => {
    const series = degrade(recorded("direct-first"), { from: 5, to: 15, ...degradation });
    assert.equal(shownLevels(series)[14], expected);
  });
}

test("a blip shorter than WORSEN_AFTER seconds changes nothing", () => {
  const series = degrade(recorded("direct-first"),
    { from: 5, to: 5 + WORSEN_AFTER - 1, rttMs: 2000, lossPct: 50 });
  assert.deepEqual(new Set(shownLevels(series)), new Set(["good"]));
});

test("poor shows after WORSEN_AFTER seconds and good after IMPROVE_AFTER more", () => {
  const series = degrade(recorded("direct-first"), { from: 5, to: 10, rttMs: 1000 });
  const levels = shownLevels(series);
  assert.equal(levels.indexOf("poor"), 5 + WORSEN_AFTER - 1);
  assert.equal(levels.lastIndexOf("poor"), 10 + IMPROVE_AFTER - 2);
  assert.equal(levels.at(-1), "good");
});

test("settle moves only on a run of worse or better levels", () => {
  const cases = [
    ["good", ["fair", "poor", "poor"], "fair"],
    ["good", ["poor", "good", "poor"], "good"],
    ["good", ["poor", "poor", "poor"], "poor"],
    ["poor", ["good", "good", "good", "good", "good"], "poor"],
    ["poor", ["fair", "good", "good", "good", "good", "good"], "fair"],
    ["poor", ["good", "good", "good", "good", "good", "good"], "good"],
    ["fair", ["good", "good", "good", "good", "good", "poor"], "fair"],
  ];
  for (const [shown, recent, expected] of cases) {
    assert.equal(settle(shown, recent), expected, `${shown} after ${recent}`);
  }
});
