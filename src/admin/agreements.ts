/** The operator's domain operations on an organization's agreements: enable (or change) and disable. */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { agreements, userAgreements, users, type AgreementType } from "../db/schema";
import { inRowsOf } from "../db/in-rows-of";
import { insertWhere } from "../db/insert-where";

export interface AgreementText {
  title: string;
  text: string;
  required: boolean;
}

/**
 * Enables the agreement with this text, or replaces the text of an enabled one (its creation
 * date stays, its update date becomes `now`; users' answers stay). One guarded upsert: false,
 * and nothing written, when there is no such organization.
 */
export async function enableAgreement(
  db: Db,
  organizationId: string,
  type: AgreementType,
  values: AgreementText,
  now: number,
): Promise<boolean> {
  const written = await insertWhere(
    db,
    agreements,
    organizationId,
    { organizationId, type, title: values.title, text: values.text, required: values.required, createdAt: now, updatedAt: now },
    sql`1`,
  )
    .onConflictDoUpdate({
      target: [agreements.organizationId, agreements.type],
      set: {
        title: sql`excluded.title`,
        text: sql`excluded.text`,
        required: sql`excluded.required`,
        updatedAt: sql`excluded.updated_at`,
      },
    })
    .returning({ type: agreements.type });
  return written.length > 0;
}

/**
 * Disables the agreement. The users' answers to it go too, in the same transaction: were it
 * enabled again, perhaps with another text, nobody has agreed to that yet. False when it was
 * not enabled (or there is no such organization).
 */
export async function disableAgreement(db: Db, organizationId: string, type: AgreementType): Promise<boolean> {
  const [, disabled] = await db.batch([
    db
      .delete(userAgreements)
      .where(and(eq(userAgreements.type, type), inRowsOf(db, userAgreements.userId, users, eq(users.organizationId, organizationId)))),
    db
      .delete(agreements)
      .where(and(eq(agreements.organizationId, organizationId), eq(agreements.type, type)))
      .returning({ type: agreements.type }),
  ]);
  return disabled.length > 0;
}
