// Sealed signaling: what reaches the other page, and what is dropped on the way.
import assert from "node:assert/strict";
import { test } from "node:test";

import { newLinkKey, privateRoom } from "../../public/js/private-room.js";
import { createSealedLink, seal, unseal } from "../../public/js/sealing.js";

/** Two pages and the server between them: every envelope each one sent, in order. */
async function pair(linkKey = newLinkKey()) {
  const { sealingKey } = await privateRoom(linkKey);
  const make = (name) => {
    const page = { name, wire: [], logs: [], delivered: [] };
    page.link = createSealedLink({
      sealingKey, send: (envelope) => page.wire.push(envelope), log: (text) => page.logs.push(text),
    });
    return page;
  };
  return { linkKey, sealingKey, first: make("first"), second: make("second") };
}

/** Relay what each page sent since the last relay to the other, until both are quiet. */
async function relay(...pages) {
  for (let moved = true; moved;) {
    moved = false;
    for (const [index, from] of pages.entries()) {
      const to = pages[1 - index];
      from.read ??= 0;
      while (from.read < from.wire.length) {
        const body = await to.link.receive(from.wire[from.read++]);
        if (body !== null) to.delivered.push(body);
        moved = true;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 0)); // sealing is asynchronous
    moved ||= pages.some((page) => (page.read ?? 0) < page.wire.length);
  }
}

test("messages sent before the other page is known arrive after the hellos, in order", async () => {
  const { first, second } = await pair();
  await Promise.all([second.link.send({ n: 1 }), second.link.send({ n: 2 })]);
  await relay(first, second);
  await first.link.send({ n: 3 });
  await relay(first, second);
  assert.deepEqual(first.delivered, [{ n: 1 }, { n: 2 }]);
  assert.deepEqual(second.delivered, [{ n: 3 }]);
  assert.deepEqual([...first.logs, ...second.logs], []);
});

test("what crosses the server is ciphertext", async () => {
  const { linkKey, first, second } = await pair();
  await second.link.send({ description: { type: "offer", sdp: "v=0\r\na=fingerprint:x" } });
  await relay(first, second);
  const wire = JSON.stringify([...first.wire, ...second.wire]);
  for (const secret of ["v=0", "fingerprint", "offer", linkKey, first.link.id]) {
    assert.ok(!wire.includes(secret), secret);
  }
});

test("an altered message is dropped and logged", async () => {
  const { first, second } = await pair();
  await second.link.send({ n: 1 });
  await relay(first, second);
  await second.link.send({ n: 2 });
  const envelope = second.wire.at(-1);
  const flipped = envelope.sealed.at(-5) === "A" ? "B" : "A";
  const altered = { sealed: envelope.sealed.slice(0, -5) + flipped + envelope.sealed.slice(-4) };
  assert.equal(await first.link.receive(altered), null);
  assert.match(first.logs.at(-1), /does not open/);
  assert.deepEqual(await first.link.receive(envelope), { n: 2 });
});

test("a message received twice is applied once", async () => {
  const { first, second } = await pair();
  await second.link.send({ n: 1 });
  await relay(first, second);
  const envelope = second.wire.at(-1);
  assert.equal(await first.link.receive(envelope), null);
  assert.match(first.logs.at(-1), /replayed/);
  assert.deepEqual(first.delivered, [{ n: 1 }]);
});

test("an earlier page's messages are dropped once the other side reloaded", async () => {
  const { sealingKey, first, second } = await pair();
  await second.link.send({ n: 1 });
  await relay(first, second);
  const old = second.wire.at(-1);
  // The first page reloads: a new page, same link key.
  const reloaded = { name: "reloaded", wire: [], logs: [], delivered: [] };
  reloaded.link = createSealedLink({
    sealingKey, send: (e) => reloaded.wire.push(e), log: (t) => reloaded.logs.push(t),
  });
  assert.equal(await reloaded.link.receive(old), null);
  assert.match(reloaded.logs.at(-1), /earlier page/);
  // And the page that stayed refuses the old page once it has heard from the new one.
  const oldFromFirst = first.wire.at(-1);
  await reloaded.link.send({ n: "new" });
  await relay(reloaded, second);
  assert.deepEqual(second.delivered, [{ n: "new" }]);
  assert.equal(await second.link.receive(oldFromFirst), null);
  assert.match(second.logs.at(-1), /earlier page/);
});

test("a message sealed with another room's key, or not sealed, is dropped", async () => {
  const { first } = await pair();
  const { sealingKey: other } = await privateRoom(newLinkKey());
  const stranger = await seal(other, { from: "x", to: first.link.id, seq: 1, body: {} });
  assert.equal(await first.link.receive(stranger), null);
  assert.equal(await first.link.receive({ description: { type: "offer" } }), null);
  assert.equal(await first.link.receive("bye"), null);
  assert.equal(first.logs.length, 3);
});

test("a message reflected back to its sender is dropped", async () => {
  const { first, second } = await pair();
  await second.link.send({ n: 1 });
  await relay(first, second);
  await first.link.send({ n: 2 });
  assert.equal(await first.link.receive(first.wire.at(-1)), null);
  assert.match(first.logs.at(-1), /not from the other page/);
});

test("unseal opens what seal made, with the same key only", async () => {
  const { sealingKey } = await privateRoom(newLinkKey());
  assert.deepEqual(await unseal(sealingKey, await seal(sealingKey, { a: 1 })), { a: 1 });
});
