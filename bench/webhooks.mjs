// `npm run bench -- --webhooks [--events N] [--concurrency C]`: webhook delivery through
// `wrangler dev` (the real local Queue and its consumer in the same Worker, as `npm run dev`
// runs it). N registrations are POSTed, C at a time, into an organization with one webhook whose
// receiver is on loopback; printed: events delivered per second (first POST to last receipt)
// and the lag from commit to receipt (receipt time minus the arrival of the request's 201, which
// comes after the commit: the true lag is at most this), p50/p99/max. Everything it starts is
// stopped and deleted at the end.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { createServer as netServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const log = (text) => process.stderr.write(`[bench:webhooks] ${text}\n`);
const ADMIN = "bench-admin-token";

function flag(argv, name, fallback) {
  const i = argv.indexOf(`--${name}`);
  const value = i === -1 ? undefined : Number(argv[i + 1]);
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  return value;
}

const freePort = () =>
  new Promise((resolve) => {
    const server = netServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

export async function benchWebhooks(argv) {
  const events = flag(argv, "events", 500);
  const concurrency = flag(argv, "concurrency", 8);
  const state = mkdtempSync(path.join(os.tmpdir(), "registrar-bench-webhooks-"));
  const wrangler = path.join(root, "node_modules", "wrangler", "bin", "wrangler.js");
  const env = { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" };
  const receipts = new Map();
  const receiver = createServer((request, response) => {
    const id = request.headers["webhook-id"];
    request.on("data", () => undefined).on("end", () => {
      if (!receipts.has(id)) receipts.set(id, { at: performance.now(), path: request.url });
      response.statusCode = 204;
      response.end();
    });
  });
  await new Promise((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const [port, inspector] = [await freePort(), await freePort()];
  let child;
  try {
    execFileSync(process.execPath, [wrangler, "d1", "migrations", "apply", "DB", "--local", "--persist-to", state], { cwd: root, env, stdio: "ignore" });
    child = spawn(process.execPath, [wrangler, "dev", "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspector), "--persist-to", state,
      "--var", `ADMIN_TOKEN:${ADMIN}`, "--var", "ALLOW_LOCAL_WEBHOOKS:true", "--show-interactive-dev-session=false"], { cwd: root, env, detached: true, stdio: "ignore" });
    const base = `http://127.0.0.1:${port}`;
    for (let ready = false; !ready; ) {
      ready = await fetch(`${base}/dc/api/v5/openapi.json`).then((r) => r.ok, () => false);
      if (!ready) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const call = async (token, method, p, json) => {
      const response = await fetch(`${base}${p}`, { method, headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: json === undefined ? null : JSON.stringify(json) });
      await response.body?.cancel();
      return response;
    };
    const org = await (await fetch(`${base}/admin/v1/organizations`, { method: "POST", headers: { Authorization: `Bearer ${ADMIN}`, "Content-Type": "application/json" }, body: '{"name":"bench"}' })).json();
    const offering = (await call(org.token, "POST", "/dc/api/v5/offerings", { title: "Bench" })).headers.get("Location").split("/").pop();
    log(`creating ${events} users…`);
    const users = [];
    for (let i = 0; i < events; i++) {
      users.push((await call(org.token, "POST", "/dc/api/v5/users", { firstName: "B", lastName: `${i}`, email: `u${i}@bench.test` })).headers.get("Location").split("/").pop());
    }
    await call(org.token, "POST", "/dc/api/v5/webhooks", { url: `http://127.0.0.1:${receiver.address().port}/hook`, events: ["registration.created"] });
    log(`${events} registrations, ${concurrency} at a time…`);
    const committed = [];
    const start = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < users.length) {
        const userId = users[next++];
        const response = await call(org.token, "POST", "/dc/api/v5/registrations", { userId, offeringId: offering });
        if (response.status !== 201) throw new Error(`POST /registrations answered ${response.status}`);
        committed.push({ location: response.headers.get("Location"), at: performance.now() });
      }
    }));
    while (receipts.size < events) {
      if (performance.now() - start > 120_000) throw new Error(`only ${receipts.size} of ${events} delivered within 120 s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // A receipt's event belongs to the registration whose 201 arrived closest before it; with
    // one event per registration, matching the sorted lists pairs them by order.
    const got = [...receipts.values()].map((r) => r.at).sort((a, b) => a - b);
    const sent = committed.map((c) => c.at).sort((a, b) => a - b);
    const lags = got.map((at, i) => Math.max(0, at - sent[i])).sort((a, b) => a - b);
    const seconds = (got[got.length - 1] - start) / 1000;
    const result = { events, concurrency, eventsPerSecond: +(events / seconds).toFixed(1), lagMs: { p50: Math.round(percentile(lags, 50)), p99: Math.round(percentile(lags, 99)), max: Math.round(lags[lags.length - 1]) } };
    process.stdout.write(`| events | concurrency | delivered/s | lag p50 | lag p99 | lag max |\n|---:|---:|---:|---:|---:|---:|\n| ${events} | ${concurrency} | ${result.eventsPerSecond} | ${result.lagMs.p50} ms | ${result.lagMs.p99} ms | ${result.lagMs.max} ms |\n`);
    return result;
  } finally {
    if (child?.pid) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
    receiver.close();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    rmSync(state, { recursive: true, force: true });
  }
}
