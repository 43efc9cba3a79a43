/** POST /registrations as a domain operation: check and insert in one atomic D1 call. */
import { and, eq, isNull, sql } from "drizzle-orm";
import { liveOffering } from "../offerings/read";
import { liveUser, liveUserExists } from "../users/read";
import type { Db } from "../db/client";
import { newId } from "../db/ids";
import { guardedBatch, type CreateOptions } from "../db/write-guard";
import { offerings, organizations, registrations, users, type RegistrationStatus } from "../db/schema";
import { outboxEvent } from "../events/outbox";
import { unavailabilityReason, type UnavailabilityReason } from "./availability";
import { registrationEventSource } from "./events";

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
 * concurrent identical requests yield exactly one row. A caller's guard (an Idempotency-Key
 * claim) joins the same batch and the insert's condition.
 */
export async function register(
  db: Db,
  organizationId: string,
  input: RegisterInput,
  now: number,
  options: CreateOptions = {},
): Promise<RegisterResult> {
  const theUser = liveUser(organizationId, input.userId);
  const theOffering = liveOffering(organizationId, input.offeringId);
  const rule = unavailabilityReason(input.userId, now);
  const id = options.id ?? newId();

  const [[diagnosis], inserted] = await guardedBatch(db, options.guard, [
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
          .where(and(theUser, isNull(rule), options.guard?.condition)),
      )
      .onConflictDoNothing()
      .returning({ id: registrations.id }),
    outboxEvent(db, { organizationId, type: "registration.created", now }, registrationEventSource(db, eq(registrations.id, id))),
  ], sql`EXISTS (SELECT 1 FROM ${registrations} WHERE ${registrations.id} = ${id})`);

  if (inserted.length > 0) return { ok: true, id };
  return {
    ok: false,
    unknownUser: !diagnosis?.userExists,
    unknownOffering: !diagnosis?.offeringExists,
    // No reason but no row either can only be the unique index refusing a racing twin.
    reason: diagnosis?.reason ?? "already_registered",
  };
}
