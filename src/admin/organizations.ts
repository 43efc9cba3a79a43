/** The operator's domain operations: organizations and their access tokens. */
import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { newId, hashToken, newToken } from "../lib/crypto";
import { insertWhere } from "../db/insert-where";
import { insertPredefinedUserfields } from "../db/predefined-userfields";
import { apiTokens, organizations } from "../db/schema";

export interface IssuedToken {
  id: string;
  /** The token itself: shown once, never stored. */
  token: string;
}

/** Creates an organization, its first token and its predefined userfields in one transaction. */
export async function createOrganization(
  db: Db,
  name: string,
  now: number,
): Promise<{ id: string; name: string; token: string }> {
  const id = newId();
  const token = newToken();
  await db.batch([
    db.insert(organizations).values({ id, name, createdAt: now }),
    db.insert(apiTokens).values({ id: newId(), organizationId: id, name: null, tokenHash: await hashToken(token), createdAt: now }),
    insertPredefinedUserfields(db, id, now),
  ]);
  return { id, name, token };
}

/** Issues a new token for an existing organization; null when there is no such organization. */
export async function createToken(
  db: Db,
  organizationId: string,
  name: string | null,
  now: number,
): Promise<IssuedToken | null> {
  const id = newId();
  const token = newToken();
  const tokenHash = await hashToken(token);
  // Written only when the organization exists (insertWhere selects from its row).
  const inserted = await insertWhere(db, apiTokens, organizationId, { id, organizationId, name, tokenHash, createdAt: now }, sql`1`)
    .returning({ id: apiTokens.id });
  return inserted.length > 0 ? { id, token } : null;
}

/** Revokes a token (again is fine); false when there is no such token. */
export async function revokeToken(db: Db, tokenId: string, now: number): Promise<boolean> {
  const revoked = await db
    .update(apiTokens)
    .set({ revokedAt: sql`coalesce(${apiTokens.revokedAt}, ${now})` })
    .where(eq(apiTokens.id, tokenId))
    .returning({ id: apiTokens.id });
  return revoked.length > 0;
}
