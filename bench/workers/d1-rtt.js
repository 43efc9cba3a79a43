// `npm run bench -- --d1-rtt <ms>`: an injected D1 round trip. bench/lib/runtime.mjs puts this
// module in front of every Worker of the bench that has a D1 binding (registrar, floor, naive,
// raw, baselines, harness): the Worker's own entry is imported unchanged and called with
// `env.DB` wrapped so that every D1 call waits the given milliseconds before it runs, as the
// network hop to the database would on Cloudflare (locally D1 is SQLite in the same process).
//
// The delay comes per request from the X-Bench-D1-Rtt-Ms header that the load generator adds
// (bench/lib/load-child.mjs), so one workerd process serves the 0 ms and 5 ms blocks of one run.
// Without the header (or 0) the Worker gets its bindings untouched.
//
// Wrapped calls: statement.first/all/run/raw (statements from prepare, bind keeps the wrapper),
// db.batch, db.exec, and the same on a session from db.withSession(...). Everything else
// (getBookmark, dump, …) passes through. Only the call itself waits: building statements does not.

const HEADER = "x-bench-d1-rtt-ms";
const RAW = Symbol("d1-rtt raw");

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function delayed(call, ms) {
  return async (...args) => {
    await pause(ms);
    return call(...args);
  };
}

function wrapStatement(statement, ms) {
  // Methods patched onto the statement (src/db/read-retry.ts does so on GET requests) stay on
  // the wrapper: the patch calls the delayed method it read, and must not be delayed again.
  const patched = new Map();
  return new Proxy(statement, {
    defineProperty(_target, property, descriptor) {
      patched.set(property, descriptor.value);
      return true;
    },
    get(target, property) {
      if (property === RAW) return target;
      if (patched.has(property)) return patched.get(property);
      const value = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      if (property === "bind") return (...args) => wrapStatement(value.apply(target, args), ms);
      if (property === "first" || property === "all" || property === "run" || property === "raw") {
        return delayed(value.bind(target), ms);
      }
      return value.bind(target);
    },
  });
}

/** A D1Database or D1DatabaseSession whose every call waits `ms` first. */
export function withRoundTrip(db, ms) {
  return new Proxy(db, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      switch (property) {
        case "prepare":
          return (query) => wrapStatement(value.call(target, query), ms);
        case "batch":
          // The binding wants its own statements, not the wrappers.
          return delayed((statements) => value.call(target, statements.map((s) => s[RAW] ?? s)), ms);
        case "exec":
          return delayed(value.bind(target), ms);
        case "withSession":
          return (...args) => withRoundTrip(value.apply(target, args), ms);
        default:
          return value.bind(target);
      }
    },
  });
}

/** The Worker `handler` with env.DB wrapped as the request's header asks. */
export function withInjectedRoundTrip(handler) {
  return {
    fetch(request, env, ctx) {
      const ms = Number(request.headers.get(HEADER));
      if (!(ms > 0) || env.DB === undefined) return handler.fetch(request, env, ctx);
      return handler.fetch(request, { ...env, DB: withRoundTrip(env.DB, ms) }, ctx);
    },
  };
}
