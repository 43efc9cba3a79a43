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
 * A caller's guard (the Idempotency-Key claim) adds its statements around them, its condition
 * to every insert, and keeps the outcome (2) with its record.
 *
 * D1 limits: each item's insert binds 15 parameters or fewer (the limit is 100 per statement) and
 * the outcome statement a handful, whatever the batch size; 500 items are 501–502 statements,
 * plus the guard's 4.
 */
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../db/client";
import { newId } from "../db/ids";
import { qualified } from "../db/qualified";
import { organizations, registrations } from "../db/schema";
import { guardedBatch, type AnswerKeepingGuard } from "../db/write-guard";
import type { UnavailabilityReason } from "./availability";
import { refusalChecks, registrationInserts, type RegisterInput, type RegisterResult } from "./register";

export const MAX_BATCH_ITEMS = 500;

export interface BatchOptions {
  /** All items are registered or none. */
  atomic?: boolean;
  guard?: AnswerKeepingGuard;
}

export interface BatchOutcome {
  /** Per item, in order; null for an item its caller refused before the database. */
  results: (RegisterResult | null)[];
  /** Atomic mode with at least one refusal: nothing was registered. */
  undone: boolean;
}

/** One evaluated item's outcome as the outcome statement writes it: [id, inserted, user, offering, reason]. */
type Decided = [string, number, number, number, UnavailabilityReason | null];

/**
 * Registers the items in order. `null` items were refused by the caller (invalid fields): they
 * are not evaluated, but count as refusals in atomic mode. Resolves to null when the guard
 * blocked the write (it then knows the answer); makes no D1 call when no item is left to evaluate.
 */
export async function registerBatch(
  db: Db,
  organizationId: string,
  items: readonly (RegisterInput | null)[],
  now: number,
  options: BatchOptions = {},
): Promise<BatchOutcome | null> {
  const atomic = options.atomic ?? false;
  const guard = options.guard;
  const evaluated = items.flatMap((item) => (item === null ? [] : [{ item, id: newId() }]));
  const [first] = evaluated;
  if (first === undefined) return { results: items.map(() => null), undone: atomic };

  const inserts = registrationInserts(
    db,
    organizationId,
    evaluated.map(({ item, id }) => ({ input: item, id })),
    now,
    guard?.condition,
  );
  const answer = outcomeStatement(db, organizationId, evaluated, now, guard);
  const ids = JSON.stringify(evaluated.map(({ id }) => id));
  const ours = sql`${qualified(registrations.id)} IN (SELECT value FROM json_each(${ids}))`;
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
  // The claim keeps a non-atomic answer always (it is a 200), an atomic one only when it was made.
  const written = atomic ? sql`EXISTS (SELECT 1 FROM ${registrations} WHERE ${registrations.id} = ${first.id})` : sql`1`;

  const statements = [...inserts, answer, ...undo] as unknown as [BatchItem<"sqlite">];
  const results = (await guardedBatch(db, guard, statements, written)) as unknown[];
  const [row] = results[inserts.length] as { answer: string | null }[];
  if (row?.answer == null) return null;
  return readOutcome(items, row.answer, atomic);
}

/**
 * The statement that yields every evaluated item's outcome as one JSON array (column `answer`);
 * with a guard, the same value is kept with the guard's record by the same statement.
 */
function outcomeStatement(
  db: Db,
  organizationId: string,
  evaluated: { item: RegisterInput; id: string }[],
  now: number,
  guard: AnswerKeepingGuard | undefined,
) {
  const list = JSON.stringify(evaluated.map(({ item, id }) => [id, item.userId, item.offeringId]));
  const entry = { id: sql`(j.value ->> 0)`, userId: sql`(j.value ->> 1)`, offeringId: sql`(j.value ->> 2)` };
  const check = refusalChecks(organizationId, entry.userId, entry.offeringId, now);
  const answer: SQL<string> = sql`(SELECT json_group_array(json_array(
      ${entry.id},
      EXISTS (SELECT 1 FROM ${registrations} WHERE ${qualified(registrations.id)} = ${entry.id}),
      ${check.userExists},
      ${check.offeringExists},
      ${check.reason}
    ) ORDER BY j.key) FROM json_each(${list}) j)`;
  if (guard !== undefined) return guard.keep(db, answer);
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
export function readOutcome(items: readonly (RegisterInput | null)[], answer: string, atomic: boolean): BatchOutcome {
  const decided = JSON.parse(answer) as Decided[];
  let next = 0;
  const results = items.map((item): RegisterResult | null => {
    if (item === null) return null;
    const [id, inserted, userExists, offeringExists, reason] = decided[next++] ?? ["", 0, 0, 0, null];
    if (inserted) return { ok: true, id };
    return {
      ok: false,
      unknownUser: !userExists,
      unknownOffering: !offeringExists,
      reason: reason ?? "already_registered",
    };
  });
  const undone = atomic && results.some((result) => result === null || !result.ok);
  return { results, undone };
}
