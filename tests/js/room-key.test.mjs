// The page's room key against the table the server is tested with
// (tests/room_keys.json, tests/unit/test_room_keys.py): one rule on both sides.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { roomKey } from "../../public/js/room-key.js";

const rows = JSON.parse(readFileSync(new URL("../room_keys.json", import.meta.url), "utf8"));

for (const { name, key, why } of rows.filter((row) => "key" in row)) {
  test(`the page keys ${JSON.stringify(name)} as the server does: ${why}`, () => {
    assert.equal(roomKey(name), key);
  });
}
