#!/usr/bin/env node
// `npm run bench [-- flags]`: throughput and latency of the registrar Worker on the local
// Workers runtime (workerd through Miniflare), next to baselines and peers in the same process
// and the same run: one trivial D1 query (`SELECT 1`), hello world, the registrar's own
// statements run raw (floor), the naive five-call design (naive) and one-statement Workers (raw),
// optionally with an injected D1 round trip per call (--d1-rtt).
//
//   1. builds the bundle `wrangler deploy` would upload (`wrangler deploy --dry-run --outdir`);
//   2. starts workerd with the registrar, the baselines and the CPU harness, on 127.0.0.1;
//   3. applies migrations/*.sql to a fresh local D1 (on disk, in a temp dir) and loads the
//      dataset (bench/lib/dataset.mjs);
//   4. for each concurrency, drives every endpoint with autocannon from a separate process:
//      --warmup seconds unmeasured, then --duration seconds in --rounds slices, the endpoints and
//      baselines interleaved round by round so that all of them see the same background load;
//   5. measures deep-offset paging and the CPU time of a request (see bench/RESULTS.md);
//   6. prints Markdown tables; everything it started is stopped and deleted, even on failure.
//
// Not part of `npm test`. Run through npm so that Node 22 from node_modules is on the PATH.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "./lib/args.mjs";
import { applyMigrations, seed } from "./lib/dataset.mjs";
import { startLoader } from "./lib/loader.mjs";
import { buildBundle, defaultStateDir, processCpuNs, startRuntime } from "./lib/runtime.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const log = (text) => process.stderr.write(`[bench] ${text}\n`);

const ENDPOINTS = [
  { kind: "post201", label: "POST /registrations → 201", expect: 201, floor: "floorPost201", naive: "naivePost201", raw: "rawInsert" },
  { kind: "post400", label: "POST /registrations → 400 (already registered)", expect: 400 },
  { kind: "getOne", label: "GET /registrations/{id}", expect: 200, floor: "floorGetOne", naive: "naiveGetOne", raw: "rawGetOne" },
  { kind: "listByUser", label: "GET /registrations?userId=…", expect: 200 },
  { kind: "offeringsByUser", label: "GET /offerings?userId=…", expect: 200 },
];

/**
 * What the registrar's two main endpoints are compared with, in the same process and run:
 * bench/workers/floor.js, the registrar's own statements run raw; bench/workers/naive.js, the
 * tutorial design (five sequential D1 calls per POST); bench/workers/raw.js, one statement each.
 */
const PEERS = [
  { kind: "floorPost201", label: "floor: POST 201's own D1 batch, raw (bench/workers/floor.js)", expect: 201 },
  { kind: "floorGetOne", label: "floor: GET one's own D1 query, raw (bench/workers/floor.js)", expect: 200 },
  { kind: "naivePost201", label: "naive peer: POST 201, five sequential D1 calls (bench/workers/naive.js)", expect: 201 },
  { kind: "naiveGetOne", label: "naive peer: GET one, one primary-key read (bench/workers/naive.js)", expect: 200 },
  { kind: "rawInsert", label: "raw: one-statement INSERT (bench/workers/raw.js)", expect: 201 },
  { kind: "rawGetOne", label: "raw: one primary-key read (bench/workers/raw.js)", expect: 200 },
];

/**
 * The targets of issue 14 that apply to `kind` at concurrency `c` and injected round trip `rtt`,
 * as "rule ✅/❌" texts. Bench targets, not timed tests.
 */
function targetsOf(kind, c, rtt, ratio) {
  const out = [];
  const check = (text, ok) => out.push(`${text} ${ok ? "✅" : "❌"}`);
  if (kind === "post201" && c === 8 && rtt === 0) check("÷ naive ≥ 1.5", ratio.naive >= 1.5);
  if (kind === "post201" && c === 8 && rtt >= 5) check("÷ naive ≥ 4", ratio.naive >= 4);
  if (kind === "getOne" && rtt >= 5) check("p50 ÷ raw ≤ 1.2", ratio.p50Raw <= 1.2);
  if ((kind === "post201" || kind === "getOne") && (c === 1 || c === 8)) check("÷ floor ≥ 0.9", ratio.floor >= 0.9);
  return out.join(", ");
}

function machine() {
  const cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
  const model = cpuinfo.match(/^model name\s*:\s*(.*)$/m)?.[1] ?? "unknown";
  return {
    cpus: os.availableParallelism(),
    cpuModel: model,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
  };
}

const loadavg = () => os.loadavg().map((n) => n.toFixed(2)).join(", ");

const sliceSecondsOf = (options) => options.duration / options.rounds;
const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "–");
const fmtInt = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "–");

function throughputTable(options, byConcurrency, rtt) {
  const lines = [
    "| endpoint | expected | conc. | req/s | p50 ms | p99 ms | ÷ 1-query baseline | ÷ 1-query-in-session baseline | ÷ floor | ÷ naive | p50 ÷ raw p50 | targets (issue 14) | other statuses |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
  ];
  for (const c of options.concurrency) {
    const r = byConcurrency[c];
    const row = (label, expect, m, endpoint) => {
      const peer = (name) => (endpoint?.[name] === undefined ? undefined : r[endpoint[name]]);
      const ratio = {
        floor: peer("floor") && m.rps / peer("floor").rps,
        naive: peer("naive") && m.rps / peer("naive").rps,
        p50Raw: peer("raw") && m.p50 / peer("raw").p50,
      };
      const shown = (x) => (x === undefined ? "" : fmt(x, 2));
      const bad = m.unexpected + (m.errors ?? 0) + (m.timeouts ?? 0);
      const detail = bad === 0 ? "0" : `${bad} (${JSON.stringify(m.statuses)}, errors ${m.errors}, timeouts ${m.timeouts})`;
      lines.push(
        `| ${label} | ${expect} | ${c} | ${fmtInt(m.rps)} | ${fmt(m.p50, 2)} | ${fmt(m.p99, 2)} | ${fmt(m.rps / r.baseline.rps, 2)} | ` +
          `${fmt(m.rps / r.baselineSession.rps, 2)} | ${shown(ratio.floor)} | ${shown(ratio.naive)} | ${shown(ratio.p50Raw)} | ` +
          `${endpoint === undefined ? "" : targetsOf(endpoint.kind, c, rtt, ratio)} | ${detail} |`,
      );
    };
    for (const e of ENDPOINTS) row(e.label, e.expect, r[e.kind], e);
    for (const p of PEERS) row(p.label, p.expect, r[p.kind]);
    row("baseline: one D1 query (`SELECT 1`)", 200, r.baseline);
    row("baseline: one D1 query in a D1 session", 200, r.baselineSession);
    row("baseline: hello world", 200, r.hello);
  }
  return lines.join("\n");
}

/** How much each baseline's throughput varied between rounds: the noise of this run. */
function baselineSpread(options, byConcurrency) {
  const range = (m) => `${fmtInt(Math.min(...m.slices))}–${fmtInt(Math.max(...m.slices))}`;
  return options.concurrency
    .map((c) => `c=${c}: ${range(byConcurrency[c].baseline)} req/s (in a session: ${range(byConcurrency[c].baselineSession)})`)
    .join("; ");
}

function offsetTable(rows) {
  const first = rows[0];
  const lines = [
    "| position N | `?offset=N` req/s | p50 ms | p99 ms | p50 ÷ p50 at first N | `?after=<cursor of row N−1>` req/s | p50 ms | p99 ms |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of rows) {
    const a = r.after;
    const keyset = a ? `${fmtInt(a.rps)} | ${fmt(a.p50, 2)} | ${fmt(a.p99, 2)}` : "– | – | –";
    lines.push(`| ${r.offset} | ${fmtInt(r.rps)} | ${fmt(r.p50, 2)} | ${fmt(r.p99, 2)} | ${fmt(r.p50 / first.p50, 1)} | ${keyset} |`);
  }
  return lines.join("\n");
}

/** The `after` cursor that starts a page at position `n` (> 0): from the Link of row n-1's page. */
async function cursorAt(url, token, n) {
  const response = await fetch(`${url}/dc/api/v5/registrations?limit=1&offset=${n - 1}`, { headers: { authorization: `Bearer ${token}` } });
  await response.arrayBuffer();
  const cursor = /[?&]after=([0-9A-Za-z_-]+)>/.exec(response.headers.get("link") ?? "")?.[1];
  if (cursor === undefined) throw new Error(`no Link cursor at position ${n} (status ${response.status})`);
  return cursor;
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  return { mean: sorted.reduce((a, b) => a + b, 0) / sorted.length, p50: at(50), p99: at(99) };
}

function cpuTables(cpu) {
  const lines = [
    "In-isolate time of the registrar's handler (CPU harness: handler time minus time awaiting D1), sequential requests:",
    "",
    "| endpoint | requests | mean ms | p50 ms | p99 ms | mean D1 wait ms |",
    "|---|---:|---:|---:|---:|---:|",
  ];
  for (const r of cpu.isolate) {
    lines.push(`| ${r.label} | ${r.count} | ${fmt(r.cpu.mean, 3)} | ${fmt(r.cpu.p50, 3)} | ${fmt(r.cpu.p99, 3)} | ${fmt(r.d1.mean, 3)} |`);
  }
  lines.push(
    "",
    "CPU time of the whole workerd process per request (all threads, /proc/<pid>/task/*/schedstat), sequential requests:",
    "",
    "| Worker / endpoint | requests | workerd CPU ms / request | minus the 1-query baseline | minus the 1-query-in-session baseline |",
    "|---|---:|---:|---:|---:|",
  );
  const base = cpu.process.find((r) => r.kind === "baseline").msPerRequest;
  const sessionBase = cpu.process.find((r) => r.kind === "baselineSession").msPerRequest;
  for (const r of cpu.process) {
    const endpoint = !["hello", "baseline", "baselineSession"].includes(r.kind);
    lines.push(
      `| ${r.label} | ${r.count} | ${fmt(r.msPerRequest, 3)} | ${endpoint ? fmt(r.msPerRequest - base, 3) : ""} | ` +
        `${endpoint ? fmt(r.msPerRequest - sessionBase, 3) : ""} |`,
    );
  }
  return lines.join("\n");
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const info = { ...machine(), loadavgStart: loadavg(), date: new Date().toISOString() };
  log(`machine: ${info.cpus} CPUs (${info.cpuModel}), ${info.memoryGiB} GiB; load average ${info.loadavgStart}`);

  const stateDir = options.stateDir ?? defaultStateDir();
  info.stateDir = stateDir;
  const tmp = mkdtempSync(path.join(stateDir, "registrar-bench-"));
  let runtime = null;
  let loader = null;
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    loader?.stop();
    if (runtime) await runtime.mf.dispose().catch((e) => log(`dispose failed: ${e.message}`));
    rmSync(tmp, { recursive: true, force: true });
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.once(signal, () => {
      log(`${signal}: stopping`);
      cleanup().finally(() => process.exit(130));
    });
  }

  try {
    log("building the bundle (wrangler deploy --dry-run)…");
    const bundlePath = buildBundle(root, path.join(tmp, "dist"));

    log("starting workerd (Miniflare)…");
    runtime = await startRuntime({
      root,
      bundlePath,
      persistDir: path.join(tmp, "state"),
      rateLimit: options.rateLimit,
      // The injector only when asked for: a plain run measures the Workers exactly as they are.
      roundTrips: options.d1Rtt.some((ms) => ms > 0),
    });
    info.miniflare = runtime.miniflareVersion;
    log(`workers: ${JSON.stringify(runtime.urls)}; workerd pid ${runtime.pid}`);

    const migrations = await applyMigrations(runtime.d1, path.join(root, "migrations"));
    log(`migrations applied: ${migrations.join(", ")}`);
    const seedStart = Date.now();
    const data = await seed(runtime.d1, options, log);
    info.seedSeconds = (Date.now() - seedStart) / 1000;
    log(`dataset loaded in ${info.seedSeconds.toFixed(1)} s`);

    loader = startLoader(root);
    await loader.call({ type: "init", data, urls: runtime.urls }, 30_000);

    const sliceSeconds = options.duration / options.rounds;
    const loadTimeout = (Math.max(options.warmup, sliceSeconds, options.offsetDuration) + 120) * 1000;
    const slice = (key, scenario, c, duration, record) =>
      loader.call({ type: "load", key, scenario, connections: c, duration, record }, loadTimeout);
    const collect = async (key, label) => {
      const result = await loader.call({ type: "collect", key }, 30_000);
      log(`  ${label}: ${fmtInt(result.rps)} req/s, p50 ${fmt(result.p50, 2)} ms, p99 ${fmt(result.p99, 2)} ms${result.unexpected ? `, unexpected statuses ${JSON.stringify(result.statuses)}` : ""}`);
      return result;
    };

    const scenarios = [
      { kind: "hello" },
      { kind: "baseline" },
      { kind: "baselineSession" },
      ...ENDPOINTS.map((e) => ({ kind: e.kind })),
      ...PEERS.map((p) => ({ kind: p.kind })),
    ];
    // byRtt[ms][c][kind]: one block of the tables per injected D1 round trip.
    const byRtt = {};
    for (const rtt of options.d1Rtt) {
      const byConcurrency = {};
      for (const c of options.concurrency) {
        const at = `rtt=${rtt} c=${c}`;
        log(`${at} (load average ${loadavg()}): warm-up, then ${options.rounds} rounds of ${sliceSeconds} s per endpoint`);
        const key = (s) => `${rtt}:${c}:${s.kind}`;
        const withRtt = (s) => ({ ...s, d1RttMs: rtt });
        if (options.warmup > 0) for (const s of scenarios) await slice(key(s), withRtt(s), c, options.warmup, false);
        for (let round = 0; round < options.rounds; round++) {
          for (const s of scenarios) await slice(key(s), withRtt(s), c, sliceSeconds, true);
        }
        const r = {};
        for (const s of scenarios) r[s.kind] = await collect(key(s), `${at} ${s.kind}`);
        byConcurrency[c] = r;
      }
      byRtt[rtt] = byConcurrency;
    }

    const offsets = [];
    for (const offset of options.offsets) {
      const s = { kind: "offset", offset };
      await slice(`offset:${offset}`, s, 1, options.offsetDuration, true);
      const measured = { offset, ...(await collect(`offset:${offset}`, `offset=${offset}`)) };
      if (offset > 0) {
        const after = await cursorAt(runtime.urls.registrar, data.token, offset);
        await slice(`after:${offset}`, { kind: "after", after }, 1, options.offsetDuration, true);
        measured.after = await collect(`after:${offset}`, `after=<cursor at ${offset}>`);
      }
      offsets.push(measured);
    }

    let cpu = null;
    if (options.cpuRequests > 0) {
      log(`CPU per request: ${options.cpuRequests} sequential requests per endpoint…`);
      const n = options.cpuRequests;
      const seqTimeout = 360_000;
      const warm = Math.min(200, n);
      cpu = { isolate: [], process: [] };
      for (const e of [ENDPOINTS[0], ENDPOINTS[2]]) {
        await loader.call({ type: "sequential", scenario: { kind: e.kind, target: "harness" }, count: warm }, seqTimeout);
        const r = await loader.call({ type: "sequential", scenario: { kind: e.kind, target: "harness" }, count: n }, seqTimeout);
        const cpuMs = r.totals.map((t, i) => t - r.d1[i]);
        cpu.isolate.push({ label: e.label, kind: e.kind, count: r.count, unexpected: r.unexpected, cpu: stats(cpuMs), d1: stats(r.d1), total: stats(r.totals) });
      }
      const processRuns = [
        { kind: "hello", label: "hello world" },
        { kind: "baseline", label: "one D1 query (`SELECT 1`)" },
        { kind: "baselineSession", label: "one D1 query in a D1 session" },
        { kind: "post201", label: ENDPOINTS[0].label },
        { kind: "getOne", label: ENDPOINTS[2].label },
      ];
      for (const p of processRuns) {
        await loader.call({ type: "sequential", scenario: { kind: p.kind }, count: warm }, seqTimeout);
        const before = processCpuNs(runtime.pid);
        const r = await loader.call({ type: "sequential", scenario: { kind: p.kind }, count: n }, seqTimeout);
        const used = processCpuNs(runtime.pid) - before;
        cpu.process.push({ ...p, count: r.count, unexpected: r.unexpected, msPerRequest: used / 1e6 / r.count });
      }
      for (const r of [...cpu.isolate, ...cpu.process]) {
        if (r.unexpected > 0) log(`CPU run ${r.kind}: ${r.unexpected} unexpected statuses`);
      }
    }
    info.loadavgEnd = loadavg();

    const quote = (arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`);
    const args = process.argv.slice(2).map(quote).join(" ");
    const command = args === "" ? "npm run bench" : `npm run bench -- ${args}`;
    const out = [
      `## Run of ${info.date}`,
      "",
      `Command: \`${command}\``,
      "",
      `Machine: ${info.cpus} CPUs (${info.cpuModel}), ${info.memoryGiB} GiB RAM, ${info.kernel}, Node ${info.node}, miniflare ${info.miniflare}. ` +
        `Load average (1, 5, 15 min) at start ${info.loadavgStart}, at end ${info.loadavgEnd}.`,
      "",
      `Dataset: ${options.users} users, ${options.offerings} offerings, ${options.registrations} registrations (loaded in ${info.seedSeconds.toFixed(1)} s). ` +
        `Each endpoint and concurrency: ${options.warmup} s warm-up, then ${options.duration} s measured in ${options.rounds} interleaved slices of ${sliceSecondsOf(options)} s. ` +
        `Rate-limit binding: ${options.rateLimit ? "on (Miniflare's simulation, limit raised)" : "left out (see bench/README.md)"}. ` +
        `Local D1 state in ${info.stateDir}.`,
    ];
    for (const rtt of options.d1Rtt) {
      out.push(
        "",
        rtt > 0
          ? `### Injected D1 round trip: ${rtt} ms before every D1 call (\`--d1-rtt\`, bench/workers/d1-rtt.js)`
          : "### No injected D1 round trip (local D1, in-process)",
        "",
        throughputTable(options, byRtt[rtt], rtt),
        "",
        `Ratios are to the baseline or peer of the same concurrency, measured interleaved with the endpoints. ` +
          `The baselines' throughput across the ${options.rounds} rounds (noise): ${baselineSpread(options, byRtt[rtt])}.`,
      );
    }
    if (offsets.length > 0) out.push("", `Deep offset paging (concurrency 1, ${options.offsetDuration} s each):`, "", offsetTable(offsets));
    if (cpu) out.push("", cpuTables(cpu));
    process.stdout.write(`${out.join("\n")}\n`);

    if (options.json) {
      writeFileSync(options.json, JSON.stringify({ options, info, byRtt, offsets, cpu }, null, 2));
      log(`wrote ${options.json}`);
    }
  } finally {
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    log(`failed: ${error?.stack ?? error}`);
    process.exit(1);
  },
);
