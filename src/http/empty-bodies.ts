/**
 * Empty bodies stay empty (API.md §10): a `201` keeps `Content-Length: 0` and a `204` stays
 * bare whatever `Accept-Encoding` the client sends, under `wrangler dev` and on Cloudflare.
 *
 * Why headers are needed at all: the Worker never compresses, but what stands in front of it
 * may. Cloudflare's edge compresses by Content-Type (application/json is on its list), though
 * only 200/403/404 responses of at least 48 bytes, and `Cache-Control: no-transform` from the
 * origin makes it leave a response (and its Content-Length) exactly as sent. `wrangler dev`
 * emulates that compression in Miniflare's entry worker more bluntly: any response with a
 * compressible (or no) Content-Type, whatever its status or size, gets `Content-Encoding: gzip`
 * when the client accepts it, so workerd sends a 20-byte gzip stream, chunked, for an empty
 * 201 and the header on a 204. It ignores `no-transform`; it only leaves alone a response whose
 * Content-Encoding is already set to something other than gzip or br. `identity` ("no
 * encoding", RFC 9110 §12.5.3) is that value: it changes no byte and every client reads it as
 * unencoded.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./app-env";
import { setResponseHeaders } from "./response-headers";

// No `Cache-Control: no-transform` as well: the edge never compresses a 201 or 204 (nor anything
// under 48 bytes), and every response keeps the exact `Cache-Control: no-store` of security-headers.
const BARE = { "Content-Encoding": "identity" };

export function emptyBodies(): MiddlewareHandler<AppEnv> {
  return async function emptyBodies(c, next) {
    await next();
    if (c.res.body === null && c.res.status < 300) setResponseHeaders(c, BARE);
  };
}
