/** Headers every response carries: API responses are not sniffed, framed or cached. */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./app-env";
import { setResponseHeaders } from "./response-headers";

const HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-store",
};

export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async function securityHeaders(c, next) {
    await next();
    setResponseHeaders(c, HEADERS);
  };
}
