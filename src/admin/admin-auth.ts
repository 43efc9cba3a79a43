/** The operator API's guard: absent without ADMIN_TOKEN, 401 without the right bearer token. */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../http/app-env";
import { apiError, errorResponse, MESSAGES, unauthorized } from "../http/errors";
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
    const expected = c.var.settings.adminToken;
    if (!expected) return errorResponse(apiError("not_found", MESSAGES.pathNotFound));
    const header = c.req.header("authorization");
    const token = bearerToken(header);
    if (token === null) return errorResponse(noBearerToken(header));
    if (!(await sameSecret(token, expected))) return errorResponse(unauthorized(true));
    await next();
  };
}
