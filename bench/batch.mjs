#!/usr/bin/env node
// `npx node bench/batch.mjs [--concurrency 1,8] [--singles 1500] [--batches 40] [--size 100] [--d1-rtt 0,5]`
// (from the project root, through npx/npm so that Node 22 is used).
//
// Cohort enrolment (issue 16): registrations per second through POST /registrations/batch with
// batches of --size items, next to the single POST /registrations, on the local Workers runtime
// with the registrar bundle and a fresh local D1 (bench/lib: the same runtime and dataset as
// `npm run bench`: 30,000 users, 10 offerings, no registrations). Every request registers pairs
// never used before, and every answer is checked (201, or 200 with every entry 201). The two
// modes alternate per concurrency so they see the same background load; the load average is
// printed with the table. Ad hoc, not part of `npm run bench`.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyMigrations, offeringId, seed, TOKEN, userId } from "./lib/dataset.mjs";
import { buildBundle, defaultStateDir, startRuntime } from "./lib/runtime.mjs";

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : process.argv[at + 1];
}
const concurrencies = option("concurrency", "1,8").split(",").map(Number);
const singles = Number(option("singles", "1500"));
const batches = Number(option("batches", "40"));
const size = Number(option("size", "100"));
// Injected D1 round trip per call (bench/workers/d1-rtt.js), one block of rows per value.
const rtts = option("d1-rtt", "0").split(",").map(Number);
const USERS = 30_000;
const OFFERINGS = 10;

const root = process.cwd();
const tmp = mkdtempSync(path.join(defaultStateDir(), "batch-"));
const log = (text) => process.stderr.write(`[batch] ${text}\n`);
let runtime;
try {
  runtime = await startRuntime({ root, bundlePath: buildBundle(root, path.join(tmp, "dist")), persistDir: path.join(tmp, "state"), rateLimit: false, roundTrips: rtts.some((ms) => ms > 0) });
  await applyMigrations(runtime.d1, path.join(root, "migrations"));
  await seed(runtime.d1, { users: USERS, offerings: OFFERINGS, registrations: 0 }, () => {});
  const base = `${runtime.urls.registrar}/dc/api/v5`;
  let headers = { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" };

  // Fresh pairs, user-major over the open offerings 0..9 (offering 0's seat limit is 1,000,000).
  let next = 0;
  const freshPair = () => {
    const i = next++;
    const user = i % USERS;
    const offering = Math.floor(i / USERS);
    if (offering >= OFFERINGS) throw new Error("out of fresh pairs: lower --singles/--batches");
    return { userId: userId(user), offeringId: offeringId(offering) };
  };

  async function single() {
    const response = await fetch(`${base}/registrations`, { method: "POST", headers, body: JSON.stringify(freshPair()) });
    await response.arrayBuffer();
    if (response.status !== 201) throw new Error(`single POST answered ${response.status}`);
    return 1;
  }

  async function batch() {
    const registrations = Array.from({ length: size }, freshPair);
    const response = await fetch(`${base}/registrations/batch`, { method: "POST", headers, body: JSON.stringify({ registrations }) });
    const body = await response.json();
    if (response.status !== 200 || body.results.some((entry) => entry.status !== 201)) {
      throw new Error(`batch answered ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
    }
    return size;
  }

  /** `count` calls of `request`, `concurrency` at a time: registrations per second and p50 ms. */
  async function drive(request, count, concurrency) {
    const latencies = [];
    let started = 0;
    let registered = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (started < count) {
          started++;
          const s = performance.now();
          registered += await request();
          latencies.push(performance.now() - s);
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    latencies.sort((a, b) => a - b);
    return { perSecond: registered / seconds, p50: latencies[Math.floor(latencies.length / 2)] };
  }

  // Warm-up, unmeasured.
  await drive(single, 100, 4);
  await drive(batch, 4, 2);

  const rows = [];
  for (const rtt of rtts) {
    headers = { ...headers, "x-bench-d1-rtt-ms": String(rtt) };
    for (const concurrency of concurrencies) {
      log(`d1-rtt ${rtt} ms, concurrency ${concurrency}`);
      const one = await drive(single, singles, concurrency);
      const many = await drive(batch, batches, concurrency);
      rows.push({ rtt, concurrency, one, many });
    }
  }
  const load = os.loadavg().map((n) => n.toFixed(2)).join(", ");
  console.log(`| mode | d1-rtt ms | conc. | registrations/s | p50 ms per request | × single |`);
  console.log(`|---|---:|---:|---:|---:|---:|`);
  for (const { rtt, concurrency, one, many } of rows) {
    console.log(`| POST /registrations (1 per request) | ${rtt} | ${concurrency} | ${one.perSecond.toFixed(0)} | ${one.p50.toFixed(2)} | 1 |`);
    console.log(
      `| POST /registrations/batch (${size} per request) | ${rtt} | ${concurrency} | ${many.perSecond.toFixed(0)} | ${many.p50.toFixed(2)} | ${(many.perSecond / one.perSecond).toFixed(1)} |`,
    );
  }
  console.log(`\nload average at the end (1, 5, 15 min): ${load}; ${os.availableParallelism()} CPUs; node ${process.version}`);
} finally {
  await runtime?.mf.dispose();
  rmSync(tmp, { recursive: true, force: true });
}
