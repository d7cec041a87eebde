// Lowering and restoring our encodings, on senders that keep parameters as browsers do
// (the browser itself is tested in tests/e2e/test_quality.py; restoring needs an
// upload that recovers, which loopback cannot fake).
import assert from "node:assert/strict";
import { test } from "node:test";

import { lowerVideo, restoreVideo } from "../../public/js/sender-quality.js";
import { markScreen } from "../../public/js/sending.js";

function sender(kind, encoding, { refuses = false, contentHint = "" } = {}) {
  let parameters = { encodings: [{ ...encoding }] };
  return {
    track: { kind, contentHint },
    getParameters: () => structuredClone(parameters),
    async setParameters(next) {
      if (refuses) throw new DOMException("refused", "InvalidModificationError");
      parameters = structuredClone(next);
    },
  };
}

test("video is lowered and audio raised, then both are put back as they were", async () => {
  const video = sender("video", { active: true, maxBitrate: 900_000 });
  const audio = sender("audio", { active: true, priority: "medium" });
  const pc = { getSenders: () => [video, audio] };
  const saved = await lowerVideo(pc, () => {});
  assert.deepEqual(video.getParameters().encodings[0], { active: true, maxBitrate: 900_000,
    scaleResolutionDownBy: 2, maxFramerate: 15, priority: "low", networkPriority: "low" });
  assert.deepEqual(audio.getParameters().encodings[0],
    { active: true, priority: "high", networkPriority: "high" });
  await restoreVideo(saved, () => {});
  assert.deepEqual(video.getParameters().encodings[0], { active: true, maxBitrate: 900_000 });
  assert.deepEqual(audio.getParameters().encodings[0], { active: true, priority: "medium" });
});

test("a sender that refuses is logged and left out of what is restored", async () => {
  const logged = [];
  const video = sender("video", {}, { refuses: true });
  const audio = sender("audio", {});
  const saved = await lowerVideo({ getSenders: () => [video, audio] },
    (...args) => logged.push(args[0]));
  assert.deepEqual([...saved.keys()], [audio]);
  assert.deepEqual(logged, ["could not change our video encoding"]);
});

test("a shared screen keeps its resolution and gives up frames", async () => {
  const screen = sender("video", { scaleResolutionDownBy: 1 }, { contentHint: "detail" });
  await lowerVideo({ getSenders: () => [screen] }, () => {});
  assert.deepEqual(screen.getParameters().encodings[0], { scaleResolutionDownBy: 1,
    maxFramerate: 5, priority: "low", networkPriority: "low" });
});

test("a screen the page marked keeps its resolution in a browser without contentHint", async () => {
  const screen = sender("video", { scaleResolutionDownBy: 1 });
  delete screen.track.contentHint; // Firefox's MediaStreamTrack has none
  markScreen(screen.track);
  await lowerVideo({ getSenders: () => [screen] }, () => {});
  assert.equal(screen.getParameters().encodings[0].maxFramerate, 5);
  assert.equal(screen.getParameters().encodings[0].scaleResolutionDownBy, 1);
});
