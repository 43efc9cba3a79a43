/** Headers every response carries: API responses are not sniffed, framed or cached. */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./app-env";

export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async function securityHeaders(c, next) {
    await next();
    c.header("X-Content-Type-Options", "nosniff");
    c.header("X-Frame-Options", "DENY");
    c.header("Referrer-Policy", "no-referrer");
    c.header("Cache-Control", "no-store");
  };
}
