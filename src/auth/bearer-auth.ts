/** Bearer authentication of the resource API: sets `c.var.organizationId` or answers 401. */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../http/app-env";
import { ApiError } from "../http/errors";
import { organizationOfToken } from "./organization-of-token";

const BEARER = /^Bearer +([\x21-\x7e]{1,512}) *$/i;

/** 401 with the challenge RFC 6750 asks for: `invalid_token` only when a token was given. */
export function unauthorized(tokenGiven: boolean): ApiError {
  const challenge = tokenGiven ? 'Bearer realm="api", error="invalid_token"' : 'Bearer realm="api"';
  return new ApiError(
    401,
    "unauthorized",
    { errors: ["A valid access token is required"] },
    { "WWW-Authenticate": challenge },
  );
}

/** The token of an `Authorization: Bearer …` header; null when there is no bearer token. */
export function bearerToken(header: string | undefined): string | null {
  return BEARER.exec(header ?? "")?.[1] ?? null;
}

export function bearerAuth(options: { except?: (path: string) => boolean } = {}): MiddlewareHandler<AppEnv> {
  return async function bearerAuth(c, next) {
    if (options.except?.(c.req.path)) return next();
    const header = c.req.header("authorization");
    const token = bearerToken(header);
    // A header of another scheme carries no bearer credentials: the plain challenge.
    if (token === null) throw unauthorized(header !== undefined && /^bearer\b/i.test(header));
    const organizationId = await organizationOfToken(
      c.var.db,
      token,
      Date.now(),
      c.var.settings.tokenCacheTtlMs,
    );
    if (organizationId === null) throw unauthorized(true);
    c.set("organizationId", organizationId);
    await next();
  };
}
