/**
 * Request id and the one JSON log line of every request. The line holds no query string,
 * header or body, so no token, password or personal data reaches the logs.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./app-env";
import { UNAVAILABILITY_REASONS } from "../db/availability";
import { setResponseHeaders } from "./response-headers";

const ACCEPTABLE_ID = /^[\w.:=-]{1,128}$/;
const reasons: ReadonlySet<string> = new Set(UNAVAILABILITY_REASONS);

function requestIdOf(headers: Headers): string {
  for (const name of ["cf-ray", "x-request-id"]) {
    const value = headers.get(name);
    if (value !== null && ACCEPTABLE_ID.test(value)) return value;
  }
  return crypto.randomUUID().replaceAll("-", "");
}

export function requestLog(): MiddlewareHandler<AppEnv> {
  return async function requestLog(c, next) {
    const started = Date.now();
    const requestId = requestIdOf(c.req.raw.headers);
    c.set("requestId", requestId);
    await next();
    setResponseHeaders(c, { "X-Request-Id": requestId });
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
