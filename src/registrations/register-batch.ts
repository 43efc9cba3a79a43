/**
 * POST /registrations/batch as a domain operation: a cohort registered item after item, as if
 * each were posted alone, in ONE atomic D1 call (one batch) for up to 500 items.
 *
 * The batch, in order:
 *   1. one guarded `INSERT … SELECT` per item (the single POST's own, registrationInsert): each
 *      runs after the previous ones, so the availability rule (written once, in SQL) sees their
 *      rows and the seat count the triggers keep: a seat taken by item 3 is gone for item 7;
 *   2. one statement that reads every item's outcome at once (from a JSON list, one bound
 *      parameter): inserted, or the refusal checks. Read after all inserts, and still exact for
 *      each refused item: within the batch nothing is removed and no grade is set, so every
 *      reason that refused item i still holds at the end, and a reason that arose later (an
 *      active registration of the same pair, a full offering) cannot rank before it: a later
 *      twin is refused too, and `offering_full` comes last;
 *   3. atomic mode only: delete this batch's rows again unless every item was registered.
 * As data: an AnsweringPlan (src/db/create-plan.ts), run by the create path (src/http/create.ts),
 * which puts the Idempotency-Key claim around it: the claim's condition joins every insert, and
 * the outcome statement (2) is the claim's `keep`, which stores the outcome with its record.
 *
 * D1 limits: each item's insert binds 15 parameters or fewer (the limit is 100 per statement) and
 * the outcome statement a handful, whatever the batch size; 500 items are 502–503 statements (the last one the outbox insert),
 * plus the guard's 4.
 */
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import type { AnsweringPlan, CreateTarget, Statement } from "../db/create-plan";
import { newId } from "../lib/crypto";
import { isOneOf } from "../db/json-list";
import { qualified } from "../db/qualified";
import { organizations, registrations } from "../db/schema";
import type { UnavailabilityReason } from "../db/availability";
import { outboxEvent } from "../db/outbox";
import { registrationEventSource, refusalChecks, registrationInserts, type RegisterInput, type RegisterRefusal } from "./register";

export const MAX_BATCH_ITEMS = 500;

/** One item's outcome: registered with its id, or refused as the single POST refuses. */
export type BatchItemOutcome = { registered: string } | { refused: RegisterRefusal };

export interface BatchOutcome {
  /** Per item, in order; null for an item its caller refused before the database. */
  results: (BatchItemOutcome | null)[];
  /** Atomic mode with at least one refusal: nothing was registered. */
  undone: boolean;
}

/** One evaluated item's outcome as the outcome statement writes it: [id, inserted, user, offering, reason]. */
type Decided = [string, number, number, number, UnavailabilityReason | null];

/**
 * The batch that registers the items in order (`atomic`: all or none). `null` items were refused
 * by the caller (invalid fields): they are not evaluated, but count as refusals in atomic mode.
 * Null when no item is left to evaluate: the outcome is then `unevaluated(items, atomic)`, with
 * no D1 call.
 */
export function registerBatchPlan(
  db: Db,
  organizationId: string,
  items: readonly (RegisterInput | null)[],
  atomic: boolean,
  now: number,
  target: CreateTarget,
): AnsweringPlan<BatchOutcome> | null {
  const evaluated = items.flatMap((item) => (item === null ? [] : [{ input: item, id: newId() }]));
  const [first] = evaluated;
  if (first === undefined) return null;

  const inserts = registrationInserts(db, organizationId, evaluated, now, target);
  const answer = outcomeStatement(db, organizationId, evaluated, now, target);
  const ours = isOneOf(qualified(registrations.id), evaluated.map(({ id }) => id));
  const undo = atomic
    ? [
        db
          .delete(registrations)
          .where(
            evaluated.length < items.length
              ? ours
              : and(ours, sql`(SELECT count(*) FROM ${registrations} WHERE ${ours}) < ${evaluated.length}`),
          ),
      ]
    : [];
  // After the undo: one `registration.created` per registration the batch kept (none when undone).
  const created = outboxEvent(db, { organizationId, type: "registration.created", now }, registrationEventSource(db, ours));
  const statements = [...inserts, answer, ...undo, created] as unknown as [Statement, ...Statement[]];
  return {
    statements,
    // The claim keeps a non-atomic answer always (it is a 200), an atomic one only when it was made.
    written: atomic ? sql`EXISTS (SELECT 1 FROM ${registrations} WHERE ${registrations.id} = ${first.id})` : sql`1`,
    outcome(results) {
      const [row] = results[inserts.length] as { answer: string }[];
      // The statement yields its row whenever the batch ran under no claim or under ours.
      if (row === undefined) throw new Error("the batch's outcome statement yielded no row");
      return readOutcome(items, row.answer, atomic);
    },
    replay: (kept) => readOutcome(items, kept, atomic),
  };
}

/** The outcome of a batch none of whose items reached the database. */
export function unevaluated(items: readonly (RegisterInput | null)[], atomic: boolean): BatchOutcome {
  return readOutcome(items, "[]", atomic);
}

/**
 * The statement that yields every evaluated item's outcome as one JSON array (column `answer`);
 * under a key, the same statement keeps the value with the claim's record (`target.keep`).
 */
function outcomeStatement(
  db: Db,
  organizationId: string,
  evaluated: { input: RegisterInput; id: string }[],
  now: number,
  target: CreateTarget,
): Statement {
  const list = JSON.stringify(evaluated.map(({ input, id }) => [id, input.userId, input.offeringId]));
  const entry = { id: sql`(j.value ->> 0)`, userId: sql`(j.value ->> 1)`, offeringId: sql`(j.value ->> 2)` };
  const check = refusalChecks(organizationId, entry.userId, entry.offeringId, now);
  const answer: SQL<string> = sql`(SELECT json_group_array(json_array(
      ${entry.id},
      EXISTS (SELECT 1 FROM ${registrations} WHERE ${qualified(registrations.id)} = ${entry.id}),
      ${check.userExists},
      ${check.offeringExists},
      ${check.reason}
    ) ORDER BY j.key) FROM json_each(${list}) j)`;
  if (target.keep !== undefined) return target.keep(db, answer);
  // Selected from the caller's own organization row, so it yields exactly one row.
  return db
    .select({ answer: answer.as("answer") })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
}

/**
 * The outcome of `items` from the answer the outcome statement wrote (also a kept one, on a
 * replay). Items are registered in the answer's order, `null` items skipped.
 */
function readOutcome(items: readonly (RegisterInput | null)[], answer: string, atomic: boolean): BatchOutcome {
  const decided = JSON.parse(answer) as Decided[];
  let next = 0;
  const results = items.map((item): BatchItemOutcome | null => {
    if (item === null) return null;
    const [id, inserted, userExists, offeringExists, reason] = decided[next++] ?? ["", 0, 0, 0, null];
    if (inserted) return { registered: id };
    return {
      refused: {
        unknownUser: !userExists,
        unknownOffering: !offeringExists,
        // No reason but no row either can only be the unique index refusing a racing twin.
        reason: reason ?? "already_registered",
      },
    };
  });
  const undone = atomic && results.some((result) => result === null || "refused" in result);
  return { results, undone };
}
