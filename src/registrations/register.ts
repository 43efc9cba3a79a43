/** POST /registrations as a domain operation: check and insert in one atomic D1 call. */
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { liveOffering, liveUser, liveUserExists } from "../db/live";
import { runPlan, type CreatePlan, type CreateTarget } from "../db/create-plan";
import { newId } from "../db/ids";
import { offerings, organizations, registrations, users, type RegistrationStatus } from "../db/schema";
import { unavailabilityReason, type UnavailabilityReason } from "../db/availability";

export interface RegisterInput {
  userId: string;
  offeringId: string;
}

/** Why a registration was refused: unknown ids, or the first reason of the availability rule. */
export type RegisterRefusal = { unknownUser: boolean; unknownOffering: boolean; reason: UnavailabilityReason };

interface Diagnosis {
  userExists: number;
  offeringExists: number;
  reason: UnavailabilityReason | null;
}

/**
 * The batch that registers the user into the offering when the availability rule allows it.
 *
 * First the diagnostics, then an `INSERT … SELECT` guarded by the same rule (and the caller's
 * guard: an Idempotency-Key claim). The batch runs serialised on the database, and the partial
 * unique index backs the "one active registration" invariant, so concurrent identical requests
 * yield exactly one row.
 */
export function registerPlan(
  db: Db,
  organizationId: string,
  input: RegisterInput,
  now: number,
  target: CreateTarget,
): CreatePlan<RegisterRefusal> {
  const theUser = liveUser(organizationId, input.userId);
  const theOffering = liveOffering(organizationId, input.offeringId);
  const rule = unavailabilityReason(input.userId, now);
  const { id, guard } = target;
  return {
    statements: [
      // Selected from the caller's own organization row, so it yields exactly one row. Every
      // expression is aliased: D1 batch rows are keyed by column name.
      db
        .select({
          userExists: sql<number>`${liveUserExists(organizationId, input.userId)}`.as("user_exists"),
          offeringExists: sql<number>`EXISTS (SELECT 1 FROM ${offerings} WHERE ${theOffering})`.as("offering_exists"),
          reason: sql<UnavailabilityReason | null>`(SELECT ${rule} FROM ${offerings} WHERE ${theOffering})`.as("reason"),
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
            .innerJoin(offerings, theOffering)
            .where(and(theUser, isNull(rule), guard)),
        )
        .onConflictDoNothing()
        .returning({ id: registrations.id }),
    ],
    written: sql`EXISTS (SELECT 1 FROM ${registrations} WHERE ${registrations.id} = ${id})`,
    refusal(results) {
      const [[diagnosis], inserted] = results as [Diagnosis[], unknown[]];
      if (inserted.length > 0) return null;
      return {
        unknownUser: !diagnosis?.userExists,
        unknownOffering: !diagnosis?.offeringExists,
        // No reason but no row either can only be the unique index refusing a racing twin.
        reason: diagnosis?.reason ?? "already_registered",
      };
    },
  };
}

/** The registration on its own (no Idempotency-Key): null when created. */
export function register(db: Db, organizationId: string, input: RegisterInput, now: number): Promise<RegisterRefusal | null> {
  return runPlan(db, registerPlan(db, organizationId, input, now, { id: newId() }));
}
