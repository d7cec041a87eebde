// /config is reused while its TURN credentials are valid: when do they expire?
import assert from "node:assert/strict";
import { test } from "node:test";

import { expiresAt } from "../../public/js/ice-config.js";

test("the earliest TURN REST username expiry is when the configuration expires", () => {
  const config = {
    iceServers: [
      { urls: "stun:stun.example:3478" },
      { urls: "turn:a.example", username: "1700000600:x", credential: "c" },
      { urls: "turn:b.example", username: "1700000300:y", credential: "c" },
    ],
  };
  assert.equal(expiresAt(config), 1700000300 * 1000);
});

test("a configuration without TURN credentials has no expiry", () => {
  assert.equal(expiresAt({ iceServers: [{ urls: "stun:stun.example:3478" }] }), null);
  assert.equal(expiresAt({}), null);
});
