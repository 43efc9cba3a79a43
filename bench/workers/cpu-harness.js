// CPU-time harness: the registrar's own bundle (./worker.js, the `wrangler deploy --dry-run`
// output) with a stopwatch around its fetch handler. Only used by the CPU measurement, never
// under load.
//
// workerd run locally (unlike production) lets performance.now() advance while JavaScript runs,
// so: in-isolate time = (end - start) of the handler - the time spent awaiting D1 calls (and the
// rate limiter, when bound). With one request at a time the isolate has nothing else to do while
// a D1 call is pending, so the difference is time this isolate spent running (JavaScript plus the
// runtime's native work invoked from it), which is what Workers bills as CPU time. It is wall
// time, so a busy machine inflates it. The wrappers below add a few microseconds of their own.
// Local workerd's clock has 1 ms resolution: single values are coarse, means over many
// requests are not.
import worker from "./worker.js";

const RAW = Symbol("raw");

// D1 calls can nest (the D1 API calls itself) or overlap; only the outermost span counts.
function timed(state, call) {
  return async (...args) => {
    if (state.depth++ === 0) state.since = performance.now();
    try {
      return await call(...args);
    } finally {
      if (--state.depth === 0) {
        state.d1Ms += performance.now() - state.since;
        state.d1Calls++;
      }
    }
  };
}

function wrapStatement(statement, state) {
  return new Proxy(statement, {
    get(target, property) {
      if (property === RAW) return target;
      const value = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      if (property === "bind") return (...args) => wrapStatement(value.apply(target, args), state);
      if (["all", "raw", "run", "first"].includes(property)) return timed(state, value.bind(target));
      return value.bind(target);
    },
  });
}

function wrapDatabase(db, state) {
  return new Proxy(db, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      if (property === "prepare") return (query) => wrapStatement(value.call(target, query), state);
      if (property === "batch") {
        return timed(state, (statements) => value.call(target, statements.map((s) => s[RAW] ?? s)));
      }
      if (property === "withSession") return (...args) => wrapDatabase(value.apply(target, args), state);
      return value.bind(target);
    },
  });
}

export default {
  async fetch(request, env, ctx) {
    const state = { d1Ms: 0, d1Calls: 0, depth: 0, since: 0 };
    const start = performance.now();
    const bindings = { ...env, DB: wrapDatabase(env.DB, state) };
    if (env.RATE_LIMITER) {
      // Also I/O: a call to the rate limiter (when bench/run.mjs --rate-limit keeps the binding).
      bindings.RATE_LIMITER = { limit: timed(state, (options) => env.RATE_LIMITER.limit(options)) };
    }
    const response = await worker.fetch(request, bindings, ctx);
    const body = [101, 204, 205, 304].includes(response.status) ? null : await response.arrayBuffer();
    const totalMs = performance.now() - start;
    const headers = new Headers(response.headers);
    headers.set("X-Bench-Total-Ms", String(totalMs));
    headers.set("X-Bench-D1-Ms", String(state.d1Ms));
    headers.set("X-Bench-D1-Calls", String(state.d1Calls));
    return new Response(body, { status: response.status, headers });
  },
};
