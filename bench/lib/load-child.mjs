// The load generator, in its own process (forked by bench/run.mjs) so that it does not share an
// event loop with Miniflare's host side. It owns the request recipes and the cursor of fresh
// (user, offering) pairs, and answers two kinds of messages:
//   {type: "load", key, scenario, connections, duration, record} -> autocannon for `duration` s
//   {type: "collect", key}                                  -> summary of the recorded slices
//   {type: "sequential", scenario, count}                   -> `count` requests one at a time
import autocannon from "autocannon";
import { freshPairs } from "./dataset.mjs";

const PREFIX = "/dc/api/v5";
let data;
let urls;
let freshPair;
const counters = {};

function nextIndex(name, length) {
  const i = counters[name] ?? 0;
  counters[name] = i + 1;
  return i % length;
}

/** Scenario -> { origin, expect, next(): request }. */
function recipe(scenario) {
  const auth = { authorization: `Bearer ${data.token}` };
  const json = { ...auth, "content-type": "application/json" };
  const target = scenario.target ?? "registrar";
  const origin = urls[target];
  const get = (path) => ({ method: "GET", path, headers: auth });
  switch (scenario.kind) {
    case "hello":
      return { origin: urls.hello, expect: 200, next: () => get("/") };
    case "baseline":
      return { origin: urls.baseline, expect: 200, next: () => get("/") };
    case "baselineSession":
      return { origin: urls.baselineSession, expect: 200, next: () => get("/") };
    case "floorPost201":
      return { ...recipe({ kind: "post201" }), origin: urls.floor };
    case "floorGetOne":
      return { ...recipe({ kind: "getOne" }), origin: urls.floor };
    case "naivePost201":
      return { ...recipe({ kind: "post201" }), origin: urls.naive };
    case "naiveGetOne":
      return { ...recipe({ kind: "getOne" }), origin: urls.naive };
    case "rawInsert":
      return { ...recipe({ kind: "post201" }), origin: urls.raw };
    case "rawGetOne":
      return { ...recipe({ kind: "getOne" }), origin: urls.raw };
    case "post201":
      return {
        origin,
        expect: 201,
        next: () => {
          const [userId, offeringId] = freshPair();
          return { method: "POST", path: `${PREFIX}/registrations`, headers: json, body: JSON.stringify({ userId, offeringId }) };
        },
      };
    case "post400":
      return {
        origin,
        expect: 400,
        next: () => {
          const [userId, offeringId] = data.activePairs[nextIndex("post400", data.activePairs.length)];
          return { method: "POST", path: `${PREFIX}/registrations`, headers: json, body: JSON.stringify({ userId, offeringId }) };
        },
      };
    case "getOne":
      return {
        origin,
        expect: 200,
        next: () => get(`${PREFIX}/registrations/${data.registrationIds[nextIndex("getOne", data.registrationIds.length)]}`),
      };
    case "listByUser":
      return {
        origin,
        expect: 200,
        next: () => get(`${PREFIX}/registrations?userId=${data.userIds[nextIndex("listByUser", data.userIds.length)]}`),
      };
    case "offeringsByUser":
      return {
        origin,
        expect: 200,
        next: () => get(`${PREFIX}/offerings?userId=${data.userIds[nextIndex("offeringsByUser", data.userIds.length)]}`),
      };
    case "offset":
      return { origin, expect: 200, next: () => get(`${PREFIX}/registrations?offset=${scenario.offset}`) };
    case "after":
      return { origin, expect: 200, next: () => get(`${PREFIX}/registrations?after=${scenario.after}`) };
    default:
      throw new Error(`unknown scenario ${scenario.kind}`);
  }
}

/**
 * The recipe of `scenario`, its requests asking the Worker for an injected D1 round trip of
 * scenario.d1RttMs (bench/workers/d1-rtt.js reads the header).
 */
function recipeOf(scenario) {
  const r = recipe(scenario);
  const ms = scenario.d1RttMs ?? 0;
  if (!(ms > 0)) return r;
  return {
    ...r,
    next: () => {
      const request = r.next();
      return { ...request, headers: { ...request.headers, "x-bench-d1-rtt-ms": String(ms) } };
    },
  };
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function cannon(r, connections, seconds, record) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: r.origin,
        connections,
        pipelining: 1,
        duration: seconds,
        timeout: 10,
        requests: [{ setupRequest: (request) => ({ ...request, ...r.next() }) }],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    if (record) instance.on("response", (_client, status, _bytes, ms) => record(status, ms));
  });
}

// Measurements accumulate per key over several slices (bench/run.mjs interleaves scenarios so
// that all of them see the same background load), then "collect" summarizes and forgets them.
const measurements = new Map();

async function load({ key, scenario, connections, duration, record }) {
  const r = recipeOf(scenario);
  if (!record) {
    await cannon(r, connections, duration, null);
    return null;
  }
  let m = measurements.get(key);
  if (m === undefined) {
    m = { expect: r.expect, latencies: [], statuses: {}, seconds: 0, errors: 0, timeouts: 0, slices: [] };
    measurements.set(key, m);
  }
  const before = m.latencies.length;
  const result = await cannon(r, connections, duration, (status, ms) => {
    m.latencies.push(ms);
    m.statuses[status] = (m.statuses[status] ?? 0) + 1;
  });
  m.seconds += result.duration;
  m.errors += result.errors;
  m.timeouts += result.timeouts;
  const rps = (m.latencies.length - before) / result.duration;
  m.slices.push(rps);
  return { rps };
}

function collect({ key }) {
  const m = measurements.get(key);
  if (m === undefined) throw new Error(`nothing measured under ${key}`);
  measurements.delete(key);
  const latencies = m.latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    seconds: m.seconds,
    rps: latencies.length / m.seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    statuses: m.statuses,
    unexpected: latencies.length - (m.statuses[m.expect] ?? 0),
    errors: m.errors,
    timeouts: m.timeouts,
    slices: m.slices,
  };
}

async function sequential({ scenario, count }) {
  const r = recipeOf(scenario);
  const totals = [];
  const d1 = [];
  const statuses = {};
  const deadline = Date.now() + 300_000;
  for (let i = 0; i < count && Date.now() < deadline; i++) {
    const { method, path, headers, body } = r.next();
    const response = await fetch(r.origin + path, { method, headers, body, signal: AbortSignal.timeout(10_000) });
    await response.arrayBuffer();
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    const total = response.headers.get("x-bench-total-ms");
    if (total !== null) {
      totals.push(Number(total));
      d1.push(Number(response.headers.get("x-bench-d1-ms")));
    }
  }
  const done = Object.values(statuses).reduce((a, b) => a + b, 0);
  return { count: done, statuses, unexpected: done - (statuses[r.expect] ?? 0), totals, d1 };
}

process.on("message", async (message) => {
  try {
    if (message.type === "init") {
      data = message.data;
      freshPair = freshPairs(data);
      urls = message.urls;
      process.send({ type: "ok" });
    } else if (message.type === "load") {
      process.send({ type: "ok", result: await load(message) });
    } else if (message.type === "collect") {
      process.send({ type: "ok", result: collect(message) });
    } else if (message.type === "sequential") {
      process.send({ type: "ok", result: await sequential(message) });
    } else if (message.type === "exit") {
      process.exit(0);
    }
  } catch (error) {
    process.send({ type: "error", message: error?.stack ?? String(error) });
  }
});
// Never outlive the parent.
process.on("disconnect", () => process.exit(0));
