#!/usr/bin/env node
// `npx node bench/deep-offset-sql.mjs [--registrations 100000] [--offsets 0,10000,50000,90000]`
// (from the project root, through npx/npm so that Node 22 is used)
//
// SQL-level evidence for the deep-paging question: on the benchmark dataset in the local D1, the
// time D1 reports (`meta.duration`, the SQL alone) for one page of GET /registrations
// (15 rows + 1, oldest first) at several offsets, written three ways:
//   offset  - the plain form the list first had: the join, ORDER BY created_at, id, LIMIT/OFFSET;
//   deferred - the same result, but the OFFSET is taken in the covering index
//              idx_registrations_org_created (no table or join lookups for skipped rows) and the
//              page is then read from that key on: still linear, with a much smaller constant.
//              What `?offset=` does now (src/db/creation-order.ts);
//   keyset  - `(created_at, id) > (last row of the previous page)`: what `?after=<cursor>` (the
//             `Link: rel="next"` of a list) does now.
// Also prints each form's EXPLAIN QUERY PLAN. The SQL here is written out by hand, not taken
// from src/; the HTTP-level figures come from `npm run bench` (its deep-paging table).
import { mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { applyMigrations, ORG_ID, seed } from "./lib/dataset.mjs";
import { buildBundle, defaultStateDir, startRuntime } from "./lib/runtime.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const flags = { users: 10_000, offerings: 1_000, registrations: 100_000, offsets: "0,10000,50000,90000", repeat: 30 };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const name = argv[i].replace(/^--/, "");
  if (!(name in flags)) throw new Error(`unknown flag ${argv[i]}`);
  flags[name] = name === "offsets" ? argv[++i] : Number(argv[++i]);
}
const offsets = flags.offsets.split(",").map(Number);
const PAGE = 16; // limit 15 + 1 row that says whether `next` exists

const COLUMNS = `r.id, r.user_id, r.offering_id, o.title, r.status, r.grade, r.grader_id, r.grader_comment,
  r.created_at, r.begin_at, r.last_active_at, r.end_at`;
const FORMS = {
  offset: `SELECT ${COLUMNS} FROM registrations r JOIN offerings o ON o.id = r.offering_id
    WHERE r.organization_id = ?1 ORDER BY r.created_at, r.id LIMIT ${PAGE} OFFSET ?2`,
  deferred: `SELECT ${COLUMNS} FROM registrations r JOIN offerings o ON o.id = r.offering_id
    WHERE r.organization_id = ?1 AND (r.created_at, r.id) >= (
      SELECT created_at, id FROM registrations WHERE organization_id = ?1
      ORDER BY created_at, id LIMIT 1 OFFSET ?2)
    ORDER BY r.created_at, r.id LIMIT ${PAGE}`,
  keyset: `SELECT ${COLUMNS} FROM registrations r JOIN offerings o ON o.id = r.offering_id
    WHERE r.organization_id = ?1 AND (r.created_at, r.id) > (?2, ?3)
    ORDER BY r.created_at, r.id LIMIT ${PAGE}`,
};

// D1 reports whole milliseconds locally: the mean of many runs, not one run, is the figure.
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

const tmp = mkdtempSync(path.join(defaultStateDir(), "registrar-offset-"));
let runtime = null;
try {
  const bundlePath = buildBundle(root, path.join(tmp, "dist"));
  runtime = await startRuntime({ root, bundlePath, persistDir: path.join(tmp, "state"), rateLimit: false });
  const db = runtime.d1;
  await applyMigrations(db, path.join(root, "migrations"));
  await seed(db, flags, (t) => process.stderr.write(`[offset] ${t}\n`));

  for (const [name, text] of Object.entries(FORMS)) {
    const plan = await db.prepare(`EXPLAIN QUERY PLAN ${text}`).bind(ORG_ID, 0, ...(name === "keyset" ? [0] : [])).all();
    console.log(`${name}: ${plan.results.map((r) => r.detail).join(" | ")}`);
  }
  console.log("");
  console.log("| offset | offset form, mean ms | deferred join, mean ms | keyset, mean ms | same rows |");
  console.log("|---:|---:|---:|---:|---|");
  for (const offset of offsets) {
    const times = { offset: [], deferred: [], keyset: [] };
    let same = true;
    for (let k = 0; k < flags.repeat; k++) {
      const a = await db.prepare(FORMS.offset).bind(ORG_ID, offset).all();
      const b = await db.prepare(FORMS.deferred).bind(ORG_ID, offset).all();
      // The keyset query gets the row before the page, as a cursor would carry it.
      let c = a;
      if (offset > 0) {
        const [before] = (await db.prepare(FORMS.offset.replace(`LIMIT ${PAGE}`, "LIMIT 1")).bind(ORG_ID, offset - 1).all()).results;
        c = await db.prepare(FORMS.keyset).bind(ORG_ID, before.created_at, before.id).all();
        times.keyset.push(c.meta.duration);
      } else {
        times.keyset.push(a.meta.duration);
      }
      times.offset.push(a.meta.duration);
      times.deferred.push(b.meta.duration);
      const ids = (r) => r.results.map((x) => x.id).join();
      same &&= ids(a) === ids(b) && ids(a) === ids(c);
    }
    console.log(`| ${offset} | ${mean(times.offset).toFixed(2)} | ${mean(times.deferred).toFixed(2)} | ${mean(times.keyset).toFixed(2)} | ${same ? "yes" : "NO"} |`);
  }
} finally {
  await runtime?.mf.dispose().catch(() => {});
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(0);
