/**
 * Bearer authentication of the resource API: the token of the `Authorization` header, the
 * organization it belongs to (through a bounded per-isolate cache), `c.var.organizationId` set or
 * 401, and the rate limit (429) when one is given.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Context, MiddlewareHandler } from "hono";
import type { Db } from "../db/client";
import { apiTokens } from "../db/schema";
import type { AppEnv } from "../http/app-env";
import { apiError, errorResponse, unauthorized, type ApiError } from "../http/errors";
import { hashToken } from "../lib/crypto";

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

/** Revocation must take effect within 60 s: no setting can trust a token for longer. */
const MAX_TOKEN_CACHE_TTL_MS = 60_000;

/** The `TOKEN_CACHE_TTL_SECONDS` setting in ms: the maximum when unset or not a number. */
export function tokenCacheTtlMs(setting: string | undefined): number {
  const seconds = Number(setting);
  return setting !== undefined && setting !== "" && Number.isFinite(seconds)
    ? Math.min(seconds * 1000, MAX_TOKEN_CACHE_TTL_MS)
    : MAX_TOKEN_CACHE_TTL_MS;
}
const MAX_CACHED_TOKENS = 10_000;

interface CachedToken {
  organizationId: string;
  expiresAt: number;
}

// Per isolate. Keyed by the token's hash, so the memory holds no usable secret.
const cache = new Map<string, CachedToken>();

/** The organization of a token, by its hash (`hashToken`), or null when the token is unknown or revoked. */
export async function organizationOfTokenHash(
  db: Db,
  hash: string,
  now: number,
  ttlMs: number,
): Promise<string | null> {
  const cached = cache.get(hash);
  if (cached !== undefined && cached.expiresAt > now) return cached.organizationId;
  cache.delete(hash);

  const [row] = await db
    .select({ organizationId: apiTokens.organizationId })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hash), isNull(apiTokens.revokedAt)))
    .limit(1);
  if (row === undefined) return null;

  const ttl = Math.min(Math.max(ttlMs, 0), MAX_TOKEN_CACHE_TTL_MS);
  if (ttl > 0) {
    // Map keeps insertion order: dropping the first entry drops the oldest.
    if (cache.size >= MAX_CACHED_TOKENS) cache.delete(cache.keys().next().value as string);
    cache.set(hash, { organizationId: row.organizationId, expiresAt: now + ttl });
  }
  return row.organizationId;
}
