#!/usr/bin/env node
// `npx node bench/seat-count.mjs` (from the project root, through npx/npm so that Node 22 is used)
//
// The seat limit at scale: one organization with 100,000 users, 99,000 of them actively
// registered in one seat-limited offering. Prints what the old availability rule paid on every
// POST into that offering (a count of its active registrations, D1's own meta.duration) and the
// p50 of 400 sequential POST /registrations 201 into it now (the kept count, migration 0002),
// next to 400 into an empty offering without a seat limit. Ad hoc, not part of `npm run bench`.
import { mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { applyMigrations, seed, TOKEN, offeringId } from "./lib/dataset.mjs";
import { buildBundle, startRuntime } from "./lib/runtime.mjs";
const root = process.cwd();
const tmp = mkdtempSync("/dev/shm/seat-");
const runtime = await startRuntime({ root, bundlePath: buildBundle(root, path.join(tmp, "dist")), persistDir: path.join(tmp, "state"), rateLimit: false });
const db = runtime.d1;
await applyMigrations(db, path.join(root, "migrations"));
await seed(db, { users: 100_000, offerings: 10, registrations: 0 }, () => {});
const big = offeringId(0);
const t0 = Date.now();
await db.prepare(`INSERT INTO registrations (id, organization_id, user_id, offering_id, status, created_at)
  SELECT lower(hex(randomblob(16))), organization_id, id, ?, 'active', created_at FROM users WHERE rowid % 100 != 0`).bind(big).run();
console.log("inserted 99k active registrations in", Date.now() - t0, "ms");
const kept = await db.prepare("SELECT seat_limit, active_registrations FROM offerings WHERE id = ?").bind(big).first();
console.log("offering 0:", kept);
const count = db.prepare("SELECT count(*) AS n FROM registrations r WHERE r.offering_id = ? AND r.status = 'active'").bind(big);
const durations = [];
for (let i = 0; i < 30; i++) durations.push((await count.all()).meta.duration);
durations.sort((a, b) => a - b);
console.log("old rule's count, D1 meta.duration ms: mean", (durations.reduce((a, b) => a + b, 0) / durations.length).toFixed(2), "median", durations[15]);
const free = (await db.prepare("SELECT id FROM users WHERE rowid % 100 = 0 ORDER BY rowid").all()).results.map((r) => r.id);
async function posts(offering, users) {
  const ms = [];
  for (const userId of users) {
    const s = performance.now();
    const r = await fetch(`${runtime.urls.registrar}/dc/api/v5/registrations`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" }, body: JSON.stringify({ userId, offeringId: offering }) });
    await r.arrayBuffer();
    if (r.status !== 201) throw new Error(`status ${r.status}`);
    ms.push(performance.now() - s);
  }
  ms.sort((a, b) => a - b);
  return ms[Math.floor(ms.length / 2)].toFixed(2);
}
console.log("POST 201 p50 ms into the 99k-active seat-limited offering:", await posts(big, free.slice(0, 400)), "| into an empty unlimited offering:", await posts(offeringId(1), free.slice(400, 800)));
await runtime.mf.dispose();
rmSync(tmp, { recursive: true, force: true });
