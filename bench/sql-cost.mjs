#!/usr/bin/env node
// `npx node bench/sql-cost.mjs [--requests 300] [--drop-index NAME,…] [--migrations DIR] [--json PATH]`
// (from the project root, through npx/npm so that Node 22 is used)
//
// What the SQL of one request costs the database, from D1's own result metadata: rows read,
// rows written (index entries and trigger writes included, as D1 counts them) and D1's
// `meta.duration` (the time SQLite spent on the statement), per POST /registrations 201 and per
// GET /registrations/{id}:
//   - registrar: its exact statements, replayed by the floor Worker (bench/workers/floor.js takes
//     them from src/ through the recording D1 binding and runs them raw), with X-Bench-Meta;
//   - naive peer: bench/workers/naive.js's five calls per POST and one per GET.
// The bearer token's lookup is not counted: both cache it per isolate, so under load it is not
// sent. Local D1 reports durations in whole milliseconds: the means over many requests are the
// figures, single values are not.
//
// `--drop-index a,b` applies migrations/*.sql and then one more migration, made in a temp dir
// only, that drops those indexes: what the writes would cost without them (migrations/ is not
// touched). `--extra-migration FILE` appends FILE (SQL, statements separated by
// `--> statement-breakpoint`) as one more migration the same way, e.g. to try a replacement
// index. `--migrations DIR` takes the migrations from DIR instead of migrations/.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { applyMigrations, freshPairs, seed, TOKEN } from "./lib/dataset.mjs";
import { buildBundle, defaultStateDir, startRuntime } from "./lib/runtime.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const log = (text) => process.stderr.write(`[sql-cost] ${text}\n`);

const flags = { users: 10_000, offerings: 1_000, registrations: 100_000, requests: 300, "drop-index": "", "extra-migration": "", migrations: path.join(root, "migrations"), json: "" };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const name = argv[i].replace(/^--/, "");
  if (!(name in flags)) throw new Error(`unknown flag ${argv[i]} (flags: ${Object.keys(flags).join(", ")})`);
  const value = argv[++i];
  if (value === undefined) throw new Error(`${argv[i - 1]} needs a value`);
  flags[name] = typeof flags[name] === "number" ? Number(value) : value;
}
const dropped = flags["drop-index"].split(",").map((s) => s.trim()).filter((s) => s !== "");

/** migrations/ as is, or a temp copy with the extra migration and one that drops `dropped`. */
function migrationsDir(tmp) {
  if (dropped.length === 0 && flags["extra-migration"] === "") return flags.migrations;
  const dir = path.join(tmp, "migrations");
  mkdirSync(dir);
  for (const file of readdirSync(flags.migrations).filter((f) => f.endsWith(".sql"))) {
    writeFileSync(path.join(dir, file), readFileSync(path.join(flags.migrations, file)));
  }
  if (flags["extra-migration"] !== "") writeFileSync(path.join(dir, "9998_bench_extra.sql"), readFileSync(flags["extra-migration"]));
  if (dropped.length > 0) {
    writeFileSync(path.join(dir, "9999_bench_drop_indexes.sql"), dropped.map((name) => `DROP INDEX \`${name}\`;`).join("\n--> statement-breakpoint\n"));
  }
  return dir;
}

const PREFIX = "/dc/api/v5/registrations";
const FIELDS = ["rows_read", "rows_written", "duration"];
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** One request with X-Bench-Meta; returns its statements' {sql, params, meta}. */
async function measured(url, method, pathname, body, expect) {
  const response = await fetch(url + pathname, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json", "x-bench-meta": "1" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = await response.json();
  if (answer.status !== expect) throw new Error(`${method} ${url}${pathname}: ${answer.status ?? response.status}, expected ${expect}`);
  return answer.statements;
}

/** Per statement position: the mean of each meta field; plus the totals per request. */
function summarize(samples) {
  const count = samples[0].length;
  if (samples.some((s) => s.length !== count)) throw new Error("the number of statements per request varied");
  const statements = Array.from({ length: count }, (_, i) => ({
    sql: samples[0][i].sql,
    params: samples[0][i].params,
    ...Object.fromEntries(FIELDS.map((f) => [f, mean(samples.map((s) => s[i].meta[f]))])),
  }));
  const total = Object.fromEntries(FIELDS.map((f) => [f, mean(samples.map((s) => s.reduce((a, st) => a + st.meta[f], 0)))]));
  return { requests: samples.length, statements, total };
}

const short = (sql) => sql.replace(/\s+/g, " ").slice(0, 110) + (sql.length > 110 ? "…" : "");

const tmp = mkdtempSync(path.join(defaultStateDir(), "registrar-sql-cost-"));
let runtime = null;
try {
  const migrations = migrationsDir(tmp);
  const bundlePath = buildBundle(root, path.join(tmp, "dist"));
  runtime = await startRuntime({ root, bundlePath, persistDir: path.join(tmp, "state"), rateLimit: false });
  const db = runtime.d1;
  const applied = await applyMigrations(db, migrations);
  log(`migrations: ${applied.join(", ")}`);
  const data = await seed(db, { users: flags.users, offerings: flags.offerings, registrations: flags.registrations }, log);
  const indexes = (await db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'registrations' ORDER BY name").all()).results.map((r) => r.name);
  const triggers = (await db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'registrations' ORDER BY name").all()).results.map((r) => r.name);

  const fresh = freshPairs(data);
  const targets = { registrar: runtime.urls.floor, naive: runtime.urls.naive };
  // The naive peer's first request fills its token cache (one more D1 call, not counted).
  await measured(targets.naive, "GET", `${PREFIX}/${data.registrationIds[0]}`, undefined, 200);

  const samples = { registrar: { post201: [], getOne: [] }, naive: { post201: [], getOne: [] } };
  for (let i = 0; i < flags.requests; i++) {
    for (const [name, url] of Object.entries(targets)) {
      const [userId, offeringId] = fresh();
      samples[name].post201.push(await measured(url, "POST", PREFIX, { userId, offeringId }, 201));
      const id = data.registrationIds[(i * 7919) % data.registrationIds.length];
      samples[name].getOne.push(await measured(url, "GET", `${PREFIX}/${id}`, undefined, 200));
    }
  }

  const results = {};
  const out = [
    `SQL cost per request: ${flags.requests} requests each, dataset ${flags.users} users, ${flags.offerings} offerings, ${flags.registrations} registrations.`,
    `Indexes on registrations: ${indexes.join(", ")}${dropped.length > 0 ? ` (dropped: ${dropped.join(", ")})` : ""}. Triggers: ${triggers.join(", ")}.` +
      (flags["extra-migration"] === "" ? "" : ` Extra migration: ${flags["extra-migration"]}.`),
    "",
    "| design | request | D1 calls | statements | rows read | rows written | meta.duration ms (mean) |",
    "|---|---|---:|---:|---:|---:|---:|",
  ];
  const calls = { registrar: { post201: 1, getOne: 1 }, naive: { post201: 5, getOne: 1 } };
  for (const [name, byRequest] of Object.entries(samples)) {
    results[name] = {};
    for (const [request, list] of Object.entries(byRequest)) {
      const s = summarize(list);
      results[name][request] = s;
      const label = request === "post201" ? "POST /registrations 201" : "GET /registrations/{id}";
      out.push(`| ${name} | ${label} | ${calls[name][request]} | ${s.statements.length} | ${s.total.rows_read.toFixed(1)} | ${s.total.rows_written.toFixed(1)} | ${s.total.duration.toFixed(3)} |`);
    }
  }
  out.push("", "Per statement (means), with its query plan:", "");
  for (const [name, byRequest] of Object.entries(results)) {
    for (const [request, s] of Object.entries(byRequest)) {
      for (const [i, st] of s.statements.entries()) {
        const plan = (await db.prepare(`EXPLAIN QUERY PLAN ${st.sql}`).bind(...st.params).all()).results.map((r) => r.detail);
        out.push(
          `- ${name} ${request} #${i + 1}: rows read ${st.rows_read.toFixed(1)}, written ${st.rows_written.toFixed(1)}, ${st.duration.toFixed(3)} ms — \`${short(st.sql)}\``,
          `  plan: ${plan.join(" | ")}`,
        );
        st.plan = plan;
      }
    }
  }
  console.log(out.join("\n"));
  if (flags.json) writeFileSync(flags.json, JSON.stringify({ flags, dropped, indexes, triggers, results }, null, 2));
} finally {
  await runtime?.mf.dispose().catch(() => {});
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(0);
