/** POST /registrations as a domain operation: check and insert in one atomic D1 call. */
import { and, eq, isNull, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { Db } from "../db/client";
import { liveOffering, liveUser, liveUserExists } from "../db/live";
import { runPlan, type CreatePlan, type CreateTarget } from "../db/create-plan";
import { newId } from "../lib/crypto";
import { offerings, organizations, registrations, users, type RegistrationStatus } from "../db/schema";
import { eventData, outboxInsert, outboxRows, snapshotJson, type SnapshotFields } from "../db/outbox";
import { sqlTemplate } from "../db/sql-template";
import { claimHeld } from "../idempotency/claim";
import { unavailabilityReason, type UnavailabilityReason } from "../db/availability";
import { columns } from "./read";

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

/** What differs between two registrations' statements (`second`: `now` at whole seconds, as the rule compares). */
type Values = { organizationId: string; userId: string; offeringId: string; id: string; now: number; second: number };
/** With an Idempotency-Key, the values of the claim's condition too. */
type KeyedValues = Values & { key: string; location: string };

/**
 * The batch's SQL, as fragments: the guarded row, the outbox's event rows, and the
 * diagnostics. The diagnostics follow the insert and run only when it wrote nothing (the new row
 * does not exist), so a 201 evaluates the availability rule once, in the insert's guard; a
 * refused insert changed nothing, so they see what it saw.
 */
function fragments(db: Db, v: Values, guard: SQL | undefined) {
  const input = { userId: v.userId, offeringId: v.offeringId };
  const check = refusalChecks(v.organizationId, v.userId, v.offeringId, v.now);
  const event = { organizationId: v.organizationId, type: "registration.created" as const, now: v.now };
  return {
    row: registrationRow(db, v.organizationId, input, v.id, v.now, guard).getSQL(),
    event: outboxRows(db, event, registrationEventSource(db, eq(registrations.id, v.id))).getSQL(),
    userExists: check.userExists,
    offeringExists: check.offeringExists,
    reason: check.reason,
    refused: sql`${eq(organizations.id, v.organizationId)} AND NOT ${written(v.id)}`,
  };
}

const marker = (n: number): Values => ({
  organizationId: `\u0000organizationId${n}`,
  userId: `\u0000userId${n}`,
  offeringId: `\u0000offeringId${n}`,
  id: `\u0000id${n}`,
  now: 1111111111111 * n,
  second: Math.floor((1111111111111 * n) / 1000) * 1000,
});
const keyedMarker = (n: number): KeyedValues => ({ ...marker(n), key: `\u0000key${n}`, location: `\u0000location${n}` });

type Templates<F> = { unkeyed: (db: Db, v: Values) => F; keyed: (db: Db, v: KeyedValues) => F };

/** `render` as templates rendered once per isolate: without an Idempotency-Key (the hot path), and with one. */
function templates<K extends string>(render: (db: Db, v: Values, guard: SQL | undefined) => Record<K, SQL>): Templates<Record<K, SQL>> {
  return {
    unkeyed: sqlTemplate((db: Db, v: Values) => render(db, v, undefined), [marker(1), marker(2)]),
    keyed: sqlTemplate((db: Db, v: KeyedValues) => render(db, v, claimHeld(v)), [keyedMarker(1), keyedMarker(2)]),
  };
}

/**
 * The fragments for this target from the templates; a guard whose values are not known
 * (`keyed` absent) is rendered as it is: the same SQL, only slower.
 */
function forTarget<F>(db: Db, v: Values, { guard, keyed }: Pick<CreateTarget, "guard" | "keyed">, t: Templates<F>, afresh: (guard: SQL) => F): F {
  if (guard === undefined) return t.unkeyed(db, v);
  return keyed === undefined ? afresh(guard) : t.keyed(db, { ...v, ...keyed });
}

const single = templates(fragments);
/** The guarded row alone: the batch's items (registrationInserts). */
const rowOnly = templates((db, v, guard) => ({ row: registrationRow(db, v.organizationId, v, v.id, v.now, guard).getSQL() }));

const valuesOf = (organizationId: string, input: RegisterInput, id: string, now: number): Values => ({
  organizationId,
  userId: input.userId,
  offeringId: input.offeringId,
  id,
  now,
  second: Math.floor(now / 1000) * 1000,
});

function written(id: string): SQL {
  return sql`EXISTS (SELECT 1 FROM ${registrations} WHERE ${registrations.id} = ${id})`;
}

/**
 * The batch that registers the user into the offering when the availability rule allows it.
 *
 * An `INSERT … SELECT` guarded by the rule (and the caller's guard: an Idempotency-Key claim),
 * the outbox's event, then the diagnostics of a refusal (see `fragments`). The batch runs
 * serialised on the database, and the partial unique index backs the "one active registration"
 * invariant, so concurrent identical requests yield exactly one row.
 */
export function registerPlan(
  db: Db,
  organizationId: string,
  input: RegisterInput,
  now: number,
  target: CreateTarget,
): CreatePlan<RegisterRefusal> {
  const { id } = target;
  const values = valuesOf(organizationId, input, id, now);
  const f = forTarget(db, values, target, single, (guard) => fragments(db, values, guard));
  return {
    statements: [
      db.insert(registrations).select(f.row).onConflictDoNothing().returning({ id: registrations.id }),
      outboxInsert(db, f.event),
      // Selected from the caller's own organization row, so it yields at most one row. Every
      // expression is aliased: D1 batch rows are keyed by column name.
      db
        .select({
          userExists: f.userExists.as("user_exists"),
          offeringExists: f.offeringExists.as("offering_exists"),
          reason: (f.reason as SQL<UnavailabilityReason | null>).as("reason"),
        })
        .from(organizations)
        .where(f.refused),
    ],
    written: written(id),
    refusal(results) {
      const [inserted, , [diagnosis]] = results as [unknown[], unknown, Diagnosis[]];
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

/**
 * Why a registration of `userId` into `offeringId` would be refused at the moment the statement
 * runs, as three SQL values (the contract's steps 3 and 4): the user is live, the offering is
 * live, the first unavailability reason (NULL: none). The ids are values, or SQL (a batch's items).
 */
export function refusalChecks(organizationId: string, userId: string | SQLWrapper, offeringId: string | SQLWrapper, now: number) {
  const theOffering = liveOffering(organizationId, offeringId);
  return {
    userExists: sql<number>`${liveUserExists(organizationId, userId)}`,
    offeringExists: sql<number>`EXISTS (SELECT 1 FROM ${offerings} WHERE ${theOffering})`,
    reason: sql<UnavailabilityReason | null>`(SELECT ${unavailabilityReason(userId, now)} FROM ${offerings} WHERE ${theOffering})`,
  };
}

/**
 * The guarded insert of one registration: `INSERT … SELECT` that writes the row only when the
 * user and the offering are live in the organization, the availability rule finds no reason,
 * and the caller's `guard` holds, all at the moment the statement runs, rendered afresh. The
 * single POST and the batch (one such statement per item) send it from templates
 * (`registerPlan`, `registrationInserts`); this is what the templates must equal
 * (test/registrations/batch.workers.test.ts).
 */
export function registrationInsert(db: Db, organizationId: string, input: RegisterInput, id: string, now: number, guard: SQL | undefined) {
  return db.insert(registrations).select(registrationRow(db, organizationId, input, id, now, guard)).onConflictDoNothing();
}

/** The row registrationInsert writes, selected only when every check passes. */
function registrationRow(db: Db, organizationId: string, input: RegisterInput, id: string, now: number, guard: SQL | undefined) {
  const theUser = liveUser(organizationId, input.userId);
  const theOffering = liveOffering(organizationId, input.offeringId);
  const rule = unavailabilityReason(input.userId, now);
  return db
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
    .where(and(theUser, isNull(rule), guard));
}

/**
 * registrationInsert for many items at once (the batch), each from the row's templates: the
 * items' statements differ only in their values, so rendering (most of the statement's cost in
 * the Worker: the rule is a deep tree of SQL fragments) happens once per isolate, not per item.
 */
export function registrationInserts(
  db: Db,
  organizationId: string,
  items: readonly { input: RegisterInput; id: string }[],
  now: number,
  target: Pick<CreateTarget, "guard" | "keyed">,
) {
  return items.map(({ input, id }) => {
    const afresh = (guard: SQL) => ({ row: registrationRow(db, organizationId, input, id, now, guard).getSQL() });
    const { row } = forTarget(db, valuesOf(organizationId, input, id, now), target, rowOnly, afresh);
    return db.insert(registrations).select(row).onConflictDoNothing();
  });
}

/**
 * The outbox source of every registration event (src/db/outbox.ts): the registrations `where`
 * selects, as GET returns them; `changes` replaces fields whose new value the statement knows
 * before the write runs (an ejection, selected before its update).
 */
export function registrationEventSource(db: Db, where: SQL | undefined, changes: Partial<SnapshotFields> = {}) {
  return db
    .select(eventData(snapshotJson({ ...columns, ...changes } as SnapshotFields)))
    .from(registrations)
    .innerJoin(offerings, eq(offerings.id, registrations.offeringId))
    .where(where);
}
