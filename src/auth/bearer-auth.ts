/**
 * Bearer authentication of the resource API: sets `c.var.organizationId` or answers 401, and
 * applies the rate limit (429) when one is given.
 */
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../http/app-env";
import { apiError, errorResponse, unauthorized, type ApiError } from "../http/errors";
import { organizationOfTokenHash } from "./organization-of-token";
import { hashToken } from "./tokens";

const BEARER = /^Bearer +([\x21-\x7e]{1,512}) *$/i;

/**
 * The 401 for a request whose `Authorization` header yields no bearer token: a malformed Bearer
 * header was a try at a token (`invalid_token`); another scheme, or none, gets the plain challenge.
 */
export function noBearerToken(header: string | undefined): ApiError {
  return unauthorized(header !== undefined && /^bearer\b/i.test(header));
}

/** The token of an `Authorization: Bearer …` header; null when there is no bearer token. */
export function bearerToken(header: string | undefined): string | null {
  return BEARER.exec(header ?? "")?.[1] ?? null;
}

/** Whether the request may go on: counts it under `key` and says if it is within the limit. */
export type RateLimit = (c: Context, key: string) => Promise<boolean>;

export interface BearerAuthOptions {
  except?: (path: string) => boolean;
  /**
   * Requests are counted per token (by its hash, never the token itself) once authenticated,
   * and per client IP when authentication fails. Absent: no limit.
   */
  rateLimit?: RateLimit;
}

export function bearerAuth(options: BearerAuthOptions = {}): MiddlewareHandler<AppEnv> {
  const { rateLimit } = options;
  /** 401, unless the client's IP is over the limit: then 429. */
  async function refuse(c: Context<AppEnv>, error: ApiError): Promise<Response> {
    if (rateLimit && !(await rateLimit(c, `ip:${c.var.clientAddress}`))) return errorResponse(apiError("rate_limited"));
    return errorResponse(error);
  }

  return async function bearerAuth(c, next) {
    if (options.except?.(c.req.path)) {
      // The public document is counted per client address, like failed authentications.
      if (rateLimit && !(await rateLimit(c, `ip:${c.var.clientAddress}`))) return errorResponse(apiError("rate_limited"));
      return next();
    }
    const header = c.req.header("authorization");
    const token = bearerToken(header);
    if (token === null) return refuse(c, noBearerToken(header));
    const hash = await hashToken(token);
    const organizationId = await organizationOfTokenHash(c.var.db, hash, Date.now(), c.var.settings.tokenCacheTtlMs);
    if (organizationId === null) return refuse(c, unauthorized(true));
    // Authenticated from here on, even when over the limit: the 429 carries the bookmark too.
    c.set("organizationId", organizationId);
    if (rateLimit && !(await rateLimit(c, `token:${hash}`))) return errorResponse(apiError("rate_limited"));
    await next();
  };
}
