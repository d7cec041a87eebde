// The page's two languages: the same keys and placeholders in both, how the language
// is chosen, and how words are filled in.
import assert from "node:assert/strict";
import { test } from "node:test";

import { DICTIONARIES, pickLanguage, t } from "../../public/js/i18n.js";

const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test("every key exists in both languages, with the same placeholders", () => {
  const { en, de } = DICTIONARIES;
  assert.deepEqual(Object.keys(de).sort(), Object.keys(en).sort());
  for (const key of Object.keys(en)) {
    assert.deepEqual(placeholders(de[key]), placeholders(en[key]), key);
    assert.ok(de[key].trim() !== "" && en[key].trim() !== "", key);
  }
});

test("german is german: most sentences differ from the english ones", () => {
  const { en, de } = DICTIONARIES;
  const same = Object.keys(en).filter((key) => en[key] === de[key]);
  // Words German borrows as they are ("Details", "Jitter", "Bitrate").
  assert.deepEqual(same.sort(), ["quality.details", "quality.row.bitrate",
    "quality.row.jitter"]);
});

for (const [search, kept, preferred, expected] of [
  ["", null, ["de-DE", "en"], "de"],
  ["", null, ["fr-FR", "en-GB"], "en"],
  ["", null, ["fr"], "en"],
  ["?lang=de", null, ["en-US"], "de"],
  ["?lang=en", "de", ["de-AT"], "en"],
  ["?lang=xx", "de", ["en"], "de"],
  ["", "de", ["en-US"], "de"],
  ["?room=a&lang=DE", null, [], "de"],
]) {
  test(`${search || "no query"}, kept ${kept}, browser ${preferred} → ${expected}`, () => {
    assert.equal(pickLanguage(search, kept, preferred), expected);
  });
}

test("words are filled in by name, and a missing key is a bug", () => {
  assert.equal(t("devices.added", { next: "Headset" }), "Now using Headset, just connected.");
  assert.throws(() => t("no.such.key"), /no text for no.such.key/);
});
