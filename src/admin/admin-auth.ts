/**
 * The operator API's guard: 401 without the right bearer token. (Without ADMIN_TOKEN the API does
 * not exist at all: app.ts answers 404 before any route or method is considered.)
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../http/app-env";
import { errorResponse, unauthorized } from "../http/errors";
import { bearerToken, noBearerToken } from "../auth/bearer-auth";
import { hashToken } from "../auth/tokens";

/** Compares digests so that the time taken says nothing about the secret. */
async function sameSecret(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([hashToken(given), hashToken(expected)]);
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

export function adminAuth(): MiddlewareHandler<AppEnv> {
  return async function adminAuth(c, next) {
    const expected = c.var.settings.adminToken ?? "";
    const header = c.req.header("authorization");
    const token = bearerToken(header);
    if (token === null) return errorResponse(noBearerToken(header));
    if (expected === "" || !(await sameSecret(token, expected))) return errorResponse(unauthorized(true));
    await next();
  };
}
