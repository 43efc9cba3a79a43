// The local Workers runtime for the benchmark: the registrar's deployable bundle
// (`wrangler deploy --dry-run --outdir`), the baseline Workers, the floor Worker (the
// registrar's own statements run raw, bench/workers/floor.js), the naive peer
// (bench/workers/naive.js), the raw one-statement Worker (bench/workers/raw.js) and the CPU
// harness, all in one workerd process started through the Miniflare API of the `miniflare` package that wrangler
// itself depends on. Every Worker gets its own socket on 127.0.0.1 (a random free port).
//
// The registrar's bindings come from wrangler.toml through wrangler's own
// unstable_getMiniflareWorkerOptions (what `wrangler dev` and the test pool use), with three
// changes for the benchmark: D1 is the benchmark's database; the rate-limit binding is left out
// unless `rateLimit` (then its limit is raised so that it never answers 429: Miniflare simulates
// it with a Durable Object that writes SQLite on every call, far slower than production's
// in-memory counters); static assets are left out (the platform serves them in front of the
// Worker; the baselines have none either).
//
// With `roundTrips`, every Worker with D1 sits behind bench/workers/d1-rtt.js (a generated entry
// module that imports the Worker's own entry unchanged), which injects a D1 round trip when a
// request asks for one (`npm run bench -- --d1-rtt 5`). Without, the Workers run as they are.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import os from "node:os";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ORG_ID } from "./dataset.mjs";

const require = createRequire(import.meta.url);

async function loadMiniflare() {
  const fromWrangler = createRequire(require.resolve("wrangler/package.json"));
  const entry = fromWrangler.resolve("miniflare");
  const version = JSON.parse(readFileSync(fromWrangler.resolve("miniflare/package.json"), "utf8")).version;
  return { ...(await import(pathToFileURL(entry).href)), version };
}

/**
 * Where the temporary local D1 goes: /dev/shm (tmpfs) when it exists. On a disk, Miniflare's D1
 * makes every query in a D1 session wait for a flush to disk (it reads the storage's current
 * bookmark inside the query's transaction), which measures the disk, not the Worker.
 */
export function defaultStateDir() {
  return existsSync("/dev/shm") ? "/dev/shm" : os.tmpdir();
}

/** `wrangler deploy --dry-run --outdir <outdir>`: the exact bundle `wrangler deploy` would upload. */
export function buildBundle(root, outdir, extraArgs = []) {
  const wrangler = path.join(root, "node_modules", ".bin", "wrangler");
  const result = spawnSync(wrangler, ["deploy", "--dry-run", "--outdir", outdir, ...extraArgs], {
    cwd: root,
    encoding: "utf8",
    timeout: 180_000,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", WRANGLER_SEND_ERROR_REPORTS: "false", CI: "true" },
  });
  if (result.status !== 0) {
    throw new Error(`wrangler deploy --dry-run failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
  }
  const main = readdirSync(outdir).find((f) => /\.(m?js)$/.test(f));
  if (main === undefined) throw new Error(`no bundle in ${outdir}`);
  return path.join(outdir, main);
}

/**
 * bench/workers/floor.js bundled with esbuild (wrangler's own copy), since it imports the
 * registrar's TypeScript to take its statements. Returns the bundle's source.
 */
async function floorBundle(root) {
  const fromWrangler = createRequire(require.resolve("wrangler/package.json"));
  const esbuild = await import(pathToFileURL(fromWrangler.resolve("esbuild")).href);
  const result = await esbuild.build({
    entryPoints: [path.join(root, "bench", "workers", "floor.js")],
    bundle: true,
    format: "esm",
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0].text;
}

/** The registrar's Miniflare options from wrangler.toml, adjusted as described above. */
async function registrarOptions(root, rateLimit) {
  process.env.WRANGLER_LOG ??= "error"; // no "Using secrets defined in .dev.vars" on stdout
  const { unstable_getMiniflareWorkerOptions } = await import("wrangler");
  const { workerOptions } = unstable_getMiniflareWorkerOptions(path.join(root, "wrangler.toml"));
  const options = { ...workerOptions };
  delete options.assets;
  // The request benchmarks do not deliver webhooks (`--webhooks` is its own mode, through
  // wrangler dev): no consumer, so the queue's drain messages only wait and cost no CPU here
  // (the round-trip wrapper of bench/workers/d1-rtt.js exposes fetch only).
  options.queueConsumers = {};
  options.d1Databases = { DB: "registrar-bench" };
  options.ratelimits = rateLimit ? Object.fromEntries(
    Object.entries(options.ratelimits ?? {}).map(([name, limit]) => [name, { ...limit, simple: { ...limit.simple, limit: 1_000_000_000 } }]),
  ) : {};
  return options;
}

/**
 * Starts workerd with the registrar, the baselines and the harness; D1 is persisted on disk under `persistDir` (like
 * `wrangler dev`). Returns { mf, urls, d1, pid, miniflareVersion, inspectorUrl }.
 */
export async function startRuntime({ root, bundlePath, persistDir, rateLimit = true, inspector = false, roundTrips = false, extraWorkers = [] }) {
  const { Miniflare, convertV4MiniflareOptions, Log, LogLevel, version } = await loadMiniflare();
  const floorScript = await floorBundle(root);
  const registrar = await registrarOptions(root, rateLimit);
  const date = registrar.compatibilityDate;
  const benchDir = path.join(root, "bench", "workers");
  const socket = () => [{ host: "127.0.0.1", port: 0 }];
  const database = { DB: "registrar-bench" }; // the same database as the registrar's
  const read = (file) => readFileSync(file, "utf8");
  const roundTrip = { path: "d1-rtt.js", contents: read(path.join(benchDir, "d1-rtt.js")) };
  /**
   * A Worker with a D1 binding: `modules` (entry first, paths relative to `modulesRoot`), loaded
   * unchanged. With `roundTrips`, a generated entry in front imports the first one and wraps
   * env.DB when a request asks for an injected round trip (bench/workers/d1-rtt.js).
   */
  const withD1 = ({ name, modules, modulesRoot = benchDir, ...rest }) => {
    const entry = [
      `import handler from "./${modules[0].path}";`,
      `import { withInjectedRoundTrip } from "./${roundTrip.path}";`,
      "export default withInjectedRoundTrip(handler);",
    ].join("\n");
    const all = roundTrips ? [{ path: "bench-entry.js", contents: entry }, ...modules, roundTrip] : modules;
    return {
      compatibilityDate: date,
      d1Databases: database,
      ...rest,
      name,
      modules: all.map((m) => ({
        type: "ESModule",
        path: path.join(modulesRoot, m.path),
        contents: m.contents,
      })),
      modulesRoot,
      unsafeDirectSockets: socket(),
    };
  };
  const benchWorker = (name, file, rest = {}) => withD1({ name, modules: [{ path: file, contents: read(path.join(benchDir, file)) }], ...rest });
  const bundleDir = path.dirname(bundlePath);
  const registrarModule = { path: "worker.js", contents: read(bundlePath) };
  const organization = { ORGANIZATION_ID: ORG_ID };
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      host: "127.0.0.1",
      port: 0,
      cf: false,
      enableDevRegistry: false,
      log: new Log(LogLevel.WARN),
      // The registrar writes one JSON log line per request; read and dropped here, as the
      // platform would ship them elsewhere.
      handleStructuredLogs: () => {},
      resourcePersistencePath: persistDir,
      ...(inspector ? { inspectorPort: 0, inspectorHost: "127.0.0.1" } : {}),
      workers: [
        // The registrar's bindings; module names are paths relative to the bundle's temp dir.
        withD1({ ...registrar, name: "registrar", modules: [registrarModule], modulesRoot: bundleDir }),
        benchWorker("baseline", "baseline.js"),
        benchWorker("baselineSession", "baseline-session.js"),
        withD1({ name: "floor", modules: [{ path: "floor.js", contents: floorScript }], bindings: organization }),
        benchWorker("naive", "naive.js"),
        benchWorker("raw", "raw.js", { bindings: organization }),
        {
          name: "hello",
          modules: true,
          scriptPath: path.join(benchDir, "hello.js"),
          compatibilityDate: date,
          unsafeDirectSockets: socket(),
        },
        withD1({
          ...registrar,
          // A queue has one consumer: the registrar's (the harness still produces into it).
          queueConsumers: {},
          name: "harness",
          modules: [{ path: "harness.js", contents: read(path.join(benchDir, "cpu-harness.js")) }, registrarModule],
          modulesRoot: bundleDir,
        }),
        // Ad-hoc experiments: { name, script } modules Workers on the same D1.
        ...extraWorkers.map(({ name, script }) => withD1({ name, modules: [{ path: `${name}.js`, contents: script }] })),
      ],
    }),
  );
  try {
    await mf.ready;
    const urls = {};
    for (const name of ["registrar", "baseline", "baselineSession", "floor", "naive", "raw", "hello", "harness", ...extraWorkers.map((w) => w.name)]) {
      urls[name] = (await mf.unsafeGetDirectURL(name)).href.replace(/\/$/, "");
    }
    const d1 = await mf.getD1Database("DB", "registrar");
    const inspectorUrl = inspector ? (await mf.getInspectorURL()).href : null;
    return { mf, urls, d1, pid: findWorkerdPid(), miniflareVersion: version, inspectorUrl };
  } catch (error) {
    await mf.dispose().catch(() => {});
    throw error;
  }
}

/** The workerd process that Miniflare spawned (a child of this process). */
function findWorkerdPid() {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const match = stat.match(/^\d+ \((.*)\) \S (\d+)/);
      if (match && match[1] === "workerd" && Number(match[2]) === process.pid) return Number(entry);
    } catch {
      // the process went away while we looked
    }
  }
  return null;
}

/** Nanoseconds of CPU the process has used so far, all threads (from /proc/<pid>/task/ * /schedstat). */
export function processCpuNs(pid) {
  let total = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      total += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, "utf8").split(" ")[0]);
    } catch {
      // thread exited
    }
  }
  return total;
}
