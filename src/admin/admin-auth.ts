/**
 * The operator API's guard: 401 without the right bearer token, and 429 for a client address
 * after 10 failed attempts within 60 seconds (API.md §2), until the window passes. (Without
 * ADMIN_TOKEN the API does not exist at all: app.ts answers 404 before any route or method is
 * considered.)
 */
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../http/app-env";
import { apiError, errorResponse, unauthorized, type ApiError } from "../http/errors";
import { bearerToken, noBearerToken, type RateLimit } from "../auth/bearer-auth";
import { hashToken } from "../lib/crypto";
import { WindowCounter } from "../lib/window-counter";

const LOCK_MS = 60_000;

/** Compares digests so that the time taken says nothing about the secret. */
async function sameSecret(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([hashToken(given), hashToken(expected)]);
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

/**
 * `rateLimit` counts failures only (a Workers rate-limit binding cannot be read without
 * counting). Once it says an address is over, the address is also locked here for the window,
 * so that the right token is refused with the same 429 as a wrong one: otherwise the 429s would
 * tell an attacker that keeps guessing which guess was right.
 */
export function adminAuth(rateLimit?: RateLimit): MiddlewareHandler<AppEnv> {
  const locked = new WindowCounter({ limit: 0, periodMs: LOCK_MS });

  async function refuse(c: Context<AppEnv>, error: ApiError): Promise<Response> {
    const address = c.var.clientAddress;
    if (rateLimit !== undefined && !(await rateLimit(c, `admin:${address}`))) {
      locked.hit(address, Date.now());
      return errorResponse(apiError("rate_limited"));
    }
    return errorResponse(error);
  }

  return async function adminAuth(c, next) {
    const expected = c.var.settings.adminToken ?? "";
    const header = c.req.header("authorization");
    const token = bearerToken(header);
    if (token === null) return refuse(c, noBearerToken(header));
    if (expected === "" || !(await sameSecret(token, expected))) return refuse(c, unauthorized(true));
    if (locked.isOver(c.var.clientAddress, Date.now())) return errorResponse(apiError("rate_limited"));
    await next();
  };
}
