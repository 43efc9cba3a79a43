/**
 * What every request and response of the app passes on the wire, whatever the route:
 *
 * - the request as the router sees it (API.md §10), so that DigitalChalk's own clients work
 *   unchanged: one trailing `/` is dropped (`<prefix>/users/` is `<prefix>/users`, and so every
 *   `Location` and paging link, built from the request, stays without it), and a `?` inside the
 *   query string separates parameters like `&` (the WooCommerce plugin sends
 *   `<prefix>/offerings?limit=100?userId=<id>`). One rewrite before routing, not a case per route;
 * - on the way out: the request id, the headers every response carries (not sniffed, framed or
 *   cached), empty bodies kept empty (below), and the one JSON log line of the request. The line
 *   holds no query string, header or body, so no token, password or personal data reaches the logs.
 *
 * Empty bodies stay empty (API.md §10): a `201` keeps `Content-Length: 0` and a `204` stays bare
 * whatever `Accept-Encoding` the client sends, under `wrangler dev` and on Cloudflare. The Worker
 * never compresses, but what stands in front of it may. Cloudflare's edge compresses by
 * Content-Type (application/json is on its list), though only 200/403/404 responses of at least
 * 48 bytes. `wrangler dev` emulates that in Miniflare's entry worker more bluntly: any response
 * with a compressible (or no) Content-Type, whatever its status or size, gets `Content-Encoding:
 * gzip` when the client accepts it (a 20-byte gzip stream, chunked, for an empty 201). It ignores
 * `Cache-Control: no-transform`; it only leaves alone a response whose Content-Encoding is
 * already something other than gzip or br. `identity` ("no encoding", RFC 9110 §12.5.3) is that
 * value: it changes no byte and every client reads it as unencoded.
 */
import type { Context, MiddlewareHandler } from "hono";
import { UNAVAILABILITY_REASONS } from "../db/availability";
import type { AppEnv } from "./app-env";

/** The normalised form of `url`, or null when it is already normal. */
export function normalisedUrl(url: string): string | null {
  const parsed = new URL(url);
  let changed = false;
  if (parsed.pathname.length > 1 && parsed.pathname.endsWith("/")) {
    parsed.pathname = parsed.pathname.slice(0, -1);
    changed = true;
  }
  if (parsed.search.indexOf("?", 1) !== -1) {
    parsed.search = parsed.search.slice(1).replaceAll("?", "&");
    changed = true;
  }
  return changed ? parsed.href : null;
}

/** The request with a normal URL; method, headers and body stream untouched (the same object when already normal). */
export function normalisedRequest(request: Request): Request {
  const url = normalisedUrl(request.url);
  return url === null ? request : new Request(url, request);
}

/**
 * Sets `headers` on the context's finished response. Hono's `c.header()` copies the whole
 * Response on every call once a handler has answered, and a Workers Response copy is not free (it
 * was the largest native cost of a request in bench/profile.mjs), so headers are set in place.
 * Only a response with immutable headers (one from fetch(), say) is copied, once.
 */
export function setResponseHeaders(c: Context, headers: Record<string, string>): void {
  try {
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  } catch {
    // The first set throws when the headers are immutable; Hono's way makes a mutable copy.
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
  }
}

const EVERY_RESPONSE = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-store",
};

// No `Cache-Control: no-transform` as well: the edge never compresses a 201 or 204 (nor anything
// under 48 bytes), and every response keeps the exact `Cache-Control: no-store` above.
const BARE = { "Content-Encoding": "identity" };

const ACCEPTABLE_ID = /^[\w.:=-]{1,128}$/;
const reasons: ReadonlySet<string> = new Set(UNAVAILABILITY_REASONS);

function requestIdOf(headers: Headers): string {
  for (const name of ["cf-ray", "x-request-id"]) {
    const value = headers.get(name);
    if (value !== null && ACCEPTABLE_ID.test(value)) return value;
  }
  return crypto.randomUUID().replaceAll("-", "");
}

/** The request id, and on the way out the headers of every response and the log line. */
export function wire(): MiddlewareHandler<AppEnv> {
  return async function wire(c, next) {
    const started = Date.now();
    const requestId = requestIdOf(c.req.raw.headers);
    c.set("requestId", requestId);
    await next();
    const empty = c.res.body === null && c.res.status < 300;
    setResponseHeaders(c, { ...EVERY_RESPONSE, ...(empty ? BARE : {}), "X-Request-Id": requestId });
    const errorCode = c.res.headers.get("X-Error-Code");
    const line: Record<string, unknown> = {
      level: c.res.status >= 500 ? "error" : "info",
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Date.now() - started,
    };
    if (c.var.organizationId !== undefined) line.organizationId = c.var.organizationId;
    if (errorCode !== null) line.errorCode = errorCode;
    // A refused registration says why in its log line (the body never does).
    if (errorCode !== null && reasons.has(errorCode)) line.reason = errorCode;
    console.log(JSON.stringify(line));
  };
}
