/** PUT <prefix>/users/<userId>/agreements/<type>: a user's answer, in one guarded statement. */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { agreements, userAgreements, users, type AgreementType } from "../db/schema";
import { liveUser } from "../db/live";

/**
 * Records whether the user agrees. The INSERT … SELECT only yields a row when the user is live
 * in the organization and the organization has enabled the agreement; otherwise nothing is
 * written and false comes back (404). Agreeing records `now` as the agreement date, every time,
 * so a client can compare it with the agreement's `updatedDate`; declining clears it.
 */
export async function answerAgreement(
  db: Db,
  organizationId: string,
  userId: string,
  type: AgreementType,
  agreed: boolean,
  now: number,
): Promise<boolean> {
  const written = await db
    .insert(userAgreements)
    .select(
      db
        .select({
          userId: users.id,
          type: agreements.type,
          agreed: sql<boolean>`${agreed ? 1 : 0}`.as("agreed"),
          agreedAt: sql<number | null>`${agreed ? now : null}`.as("agreed_at"),
        })
        .from(users)
        .innerJoin(agreements, and(eq(agreements.organizationId, users.organizationId), eq(agreements.type, type)))
        .where(liveUser(organizationId, userId)),
    )
    .onConflictDoUpdate({
      target: [userAgreements.userId, userAgreements.type],
      set: { agreed: sql`excluded.agreed`, agreedAt: sql`excluded.agreed_at` },
    })
    .returning({ userId: userAgreements.userId });
  return written.length > 0;
}
