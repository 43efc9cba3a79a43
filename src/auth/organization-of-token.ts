/** Which organization a token belongs to, with a bounded per-isolate cache. */
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/client";
import { apiTokens } from "../db/schema";
import { hashToken } from "./tokens";

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

/** The token's organization, or null when the token is unknown or revoked. */
export async function organizationOfToken(
  db: Db,
  token: string,
  now: number,
  ttlMs: number,
): Promise<string | null> {
  return organizationOfTokenHash(db, await hashToken(token), now, ttlMs);
}

/** The same, for a token already hashed (`hashToken`). */
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
