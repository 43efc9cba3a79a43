#!/usr/bin/env node
// `npx node bench/profile.mjs [--endpoint getOne] [--requests 2000] [--out file.cpuprofile]`
// (run from the project root through npx/npm so that Node 22 is used)
//
// Where the registrar's CPU goes: the same local setup as bench/run.mjs (unminified bundle, so
// that names are readable), a small dataset, then the V8 sampling profiler of the registrar's
// isolate (workerd's DevTools inspector on 127.0.0.1) while `--requests` sequential requests hit
// one endpoint. Prints the sampled time by module of the bundle (src/…, node_modules/<package>)
// and the top functions by self time: use the shares to find hot spots; the CPU time per request
// comes from bench/run.mjs. `--out` keeps the .cpuprofile for Chrome DevTools.
// Endpoints: post201, post400, getOne, listByUser, offeringsByUser.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { applyMigrations, seed } from "./lib/dataset.mjs";
import { startLoader } from "./lib/loader.mjs";
import { buildBundle, defaultStateDir, startRuntime } from "./lib/runtime.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const log = (text) => process.stderr.write(`[profile] ${text}\n`);

const flags = { endpoint: "getOne", requests: 2000, out: null, users: 1000, offerings: 100, registrations: 10_000 };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const name = argv[i].replace(/^--/, "");
  if (!(name in flags)) throw new Error(`unknown flag ${argv[i]}`);
  const value = argv[++i];
  flags[name] = typeof flags[name] === "number" ? Number(value) : value;
}

/** A DevTools protocol session over the inspector's WebSocket (Node 22's global WebSocket). */
async function devtools(url) {
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => {
    socket.addEventListener("open", resolve, { once: true });
    socket.addEventListener("error", () => reject(new Error(`cannot connect to ${url}`)), { once: true });
  });
  let id = 0;
  const waiting = new Map();
  socket.addEventListener("message", (event) => {
    const message = JSON.parse(event.data);
    const w = waiting.get(message.id);
    if (!w) return;
    waiting.delete(message.id);
    if (message.error) w.reject(new Error(message.error.message));
    else w.resolve(message.result);
  });
  return {
    send(method, params = {}) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${method}: no answer`)), 60_000);
        waiting.set(++id, { resolve: (v) => (clearTimeout(timer), resolve(v)), reject: (e) => (clearTimeout(timer), reject(e)) });
        socket.send(JSON.stringify({ id, method, params }));
      });
    },
    close: () => socket.close(),
  };
}

/** Line number -> module ("src/…" or "node_modules/<pkg>") from esbuild's `// path` markers. */
function moduleOfLine(bundleText) {
  const owners = [];
  let current = "(bundle)";
  for (const line of bundleText.split("\n")) {
    const marker = line.match(/^\/\/ (\S+\.(?:[cm]?[jt]s))$/);
    if (marker) {
      const file = marker[1];
      const pkg = file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
      current = pkg ? `node_modules/${pkg[1]}` : file;
    }
    owners.push(current);
  }
  return (lineNumber) => owners[lineNumber] ?? "(bundle)";
}

function summarize(profile, ownerOf, requests) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byModule = new Map();
  const byFunction = new Map();
  let busy = 0;
  for (const [id, us] of self) {
    const { callFrame } = byId.get(id);
    const name = callFrame.functionName || "(anonymous)";
    const special = callFrame.url === "" && name.startsWith("(");
    if (name === "(idle)") continue;
    busy += us;
    const owner = special ? name : callFrame.url.endsWith("worker.js") ? ownerOf(callFrame.lineNumber) : callFrame.url || "(native)";
    byModule.set(owner, (byModule.get(owner) ?? 0) + us);
    const key = special ? name : `${name} (${owner}:${callFrame.lineNumber + 1})`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  }
  const per = (us) => `${(us / 1000 / requests).toFixed(3)} ms/request`;
  const top = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, us]) => `  ${per(us).padStart(18)}  ${((100 * us) / busy).toFixed(1).padStart(5)}%  ${k}`);
  return [
    `sampled non-idle time of the registrar isolate: ${per(busy)} over ${requests} requests`,
    "(shares, not CPU time: workerd runs every isolate, D1 included, on one thread, and samples taken",
    " while the thread works elsewhere or is preempted land in (program)/(anonymous); see RESULTS.md)",
    "by module:",
    ...top(byModule, 25),
    "top functions by self time:",
    ...top(byFunction, 30),
  ].join("\n");
}

const tmp = mkdtempSync(path.join(defaultStateDir(), "registrar-profile-"));
let runtime = null;
let loader = null;
try {
  const bundlePath = buildBundle(root, path.join(tmp, "dist"), ["--minify=false"]);
  runtime = await startRuntime({ root, bundlePath, persistDir: path.join(tmp, "state"), rateLimit: false, inspector: true });
  await applyMigrations(runtime.d1, path.join(root, "migrations"));
  const data = await seed(runtime.d1, { users: flags.users, offerings: flags.offerings, registrations: flags.registrations }, log);
  loader = startLoader(root);
  await loader.call({ type: "init", data, urls: runtime.urls }, 30_000);
  const scenario = { kind: flags.endpoint };
  await loader.call({ type: "sequential", scenario, count: 300 }, 300_000);

  const targets = await (await fetch(new URL("/json", runtime.inspectorUrl.replace(/^ws/, "http")))).json();
  const target = targets.find((t) => t.id.endsWith(":registrar"));
  if (!target) throw new Error(`no registrar target in ${targets.map((t) => t.id).join(", ")}`);
  const session = await devtools(target.webSocketDebuggerUrl);
  await session.send("Profiler.enable");
  await session.send("Profiler.setSamplingInterval", { interval: 100 });
  await session.send("Profiler.start");
  const result = await loader.call({ type: "sequential", scenario, count: flags.requests }, 600_000);
  const { profile } = await session.send("Profiler.stop");
  session.close();
  if (result.unexpected > 0) log(`${result.unexpected} unexpected statuses: ${JSON.stringify(result.statuses)}`);
  if (flags.out) writeFileSync(flags.out, JSON.stringify(profile));
  console.log(`${flags.endpoint}, ${result.count} sequential requests, sampling every 100 µs`);
  console.log(summarize(profile, moduleOfLine(readFileSync(bundlePath, "utf8")), result.count));
} finally {
  loader?.stop();
  await runtime?.mf.dispose().catch(() => {});
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(0);
