/** POST /registrations as a domain operation: check and insert in one atomic D1 call. */
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { newId } from "../db/ids";
import { offerings, organizations, registrations, users, type RegistrationStatus } from "../db/schema";
import { unavailabilityReason, type UnavailabilityReason } from "./availability";

export interface RegisterInput {
  userId: string;
  offeringId: string;
}

export type RegisterResult =
  | { ok: true; id: string }
  | { ok: false; unknownUser: boolean; unknownOffering: boolean; reason: UnavailabilityReason | null };

/**
 * Registers the user into the offering when the availability rule allows it.
 *
 * One batch (one transaction, one round trip): first the diagnostics, then an
 * `INSERT … SELECT` guarded by the same rule. The batch runs serialised on the database,
 * and the partial unique index backs the "one active registration" invariant, so
 * concurrent identical requests yield exactly one row.
 */
export async function register(
  db: Db,
  organizationId: string,
  input: RegisterInput,
  now: number,
): Promise<RegisterResult> {
  const liveUser = and(
    eq(users.id, input.userId),
    eq(users.organizationId, organizationId),
    isNull(users.deletedAt),
  );
  const liveOffering = and(
    eq(offerings.id, input.offeringId),
    eq(offerings.organizationId, organizationId),
    isNull(offerings.deletedAt),
  );
  const rule = unavailabilityReason(input.userId, now);
  const id = newId();

  const [[diagnosis], inserted] = await db.batch([
    // Selected from the caller's own organization row, so it yields exactly one row.
    db
      .select({
        userExists: sql<number>`EXISTS (SELECT 1 FROM ${users} WHERE ${liveUser})`,
        offeringExists: sql<number>`EXISTS (SELECT 1 FROM ${offerings} WHERE ${liveOffering})`,
        reason: sql<UnavailabilityReason | null>`(SELECT ${rule} FROM ${offerings} WHERE ${liveOffering})`,
      })
      .from(organizations)
      .where(eq(organizations.id, organizationId)),
    db
      .insert(registrations)
      .select(
        db
          .select({
            id: sql<string>`${id}`.as("id"),
            organizationId: users.organizationId,
            userId: users.id,
            offeringId: offerings.id,
            status: sql<RegistrationStatus>`'active'`.as("status"),
            grade: sql<null>`NULL`.as("grade"),
            graderId: sql<null>`NULL`.as("grader_id"),
            graderComment: sql<null>`NULL`.as("grader_comment"),
            createdAt: sql<number>`${now}`.as("created_at"),
            beginAt: sql<null>`NULL`.as("begin_at"),
            lastActiveAt: sql<null>`NULL`.as("last_active_at"),
            endAt: sql<null>`NULL`.as("end_at"),
          })
          .from(users)
          .innerJoin(offerings, liveOffering)
          .where(and(liveUser, isNull(rule))),
      )
      .onConflictDoNothing()
      .returning({ id: registrations.id }),
  ]);

  if (inserted.length > 0) return { ok: true, id };
  return {
    ok: false,
    unknownUser: !diagnosis?.userExists,
    unknownOffering: !diagnosis?.offeringExists,
    // No reason but no row either can only be the unique index refusing a racing twin.
    reason: diagnosis?.reason ?? "already_registered",
  };
}
