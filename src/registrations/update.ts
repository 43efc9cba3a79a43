/** PUT /registrations/<id>: grade assignment and ejection, each one atomic D1 call. */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { qualified } from "../db/qualified";
import { offerings, registrations } from "../db/schema";
import { outboxEvent } from "../db/outbox";
import { registrationEventSource } from "./register";

export interface GradeInput {
  grade: number;
  graderId?: string | undefined;
  graderComment?: string | undefined;
}

/**
 * Sets the grade; the status follows from the offering's passing grade; `endDate` is set when
 * the registration was still running (active) or ejected. Omitted grader fields keep their
 * previous values. Returns false when no such registration exists.
 */
export async function gradeRegistration(
  db: Db,
  organizationId: string,
  id: string,
  input: GradeInput,
  now: number,
): Promise<boolean> {
  const passingGrade = sql`(SELECT ${qualified(offerings.passingGrade)} FROM ${offerings} WHERE ${qualified(offerings.id)} = ${qualified(registrations.offeringId)})`;
  const own = and(eq(registrations.organizationId, organizationId), eq(registrations.id, id));
  const [updated] = await db.batch([
    db
    .update(registrations)
    .set({
      grade: input.grade,
      graderId: input.graderId === undefined ? sql`${registrations.graderId}` : input.graderId,
      graderComment:
        input.graderComment === undefined ? sql`${registrations.graderComment}` : input.graderComment,
      status: sql`CASE WHEN ${input.grade} >= ${passingGrade} THEN 'passed' ELSE 'failed' END`,
      endAt: sql`CASE WHEN ${registrations.status} IN ('active', 'ejected') THEN ${now} ELSE ${registrations.endAt} END`,
    })
    .where(own)
    .returning({ id: registrations.id }),
    // After the update: a registration of the organization with this id was just graded.
    outboxEvent(db, { organizationId, type: "registration.graded", now }, registrationEventSource(db, own)),
  ]);
  return updated.length > 0;
}

export type EjectResult = "ejected" | "not_found" | "not_active";

/** Ejects an active registration; the state is read and changed in one transaction. */
export async function ejectRegistration(
  db: Db,
  organizationId: string,
  id: string,
  now: number,
): Promise<EjectResult> {
  const own = and(eq(registrations.organizationId, organizationId), eq(registrations.id, id));
  const [found, , ejected] = await db.batch([
    db.select({ id: registrations.id }).from(registrations).where(own),
    // Before the update, under its guard, with the two fields it sets.
    outboxEvent(
      db,
      { organizationId, type: "registration.ejected", now },
      registrationEventSource(db, and(own, eq(registrations.status, "active")), { status: "ejected", endAt: now }),
    ),
    db
      .update(registrations)
      .set({ status: "ejected", endAt: now })
      .where(and(own, eq(registrations.status, "active")))
      .returning({ id: registrations.id }),
  ]);
  if (ejected.length > 0) return "ejected";
  return found.length > 0 ? "not_active" : "not_found";
}
