/**
 * A guard a caller adds to a domain write without the write knowing what it is for (the
 * Idempotency-Key claim is the one guard today): statements before and after the write, and a
 * condition every statement of the write also requires. All of it runs in the write's own
 * batch, so it commits or rolls back with the write and adds no round trip.
 */
import type { SQL } from "drizzle-orm";
import type { BatchItem, BatchResponse } from "drizzle-orm/batch";
import type { Db } from "./client";

type Statement = BatchItem<"sqlite">;

export interface WriteGuard {
  /** A condition the write's statements add to their own guards. */
  readonly condition: SQL;
  /** Statements that run before the write. */
  before(db: Db): Statement[];
  /** Statements that run after the write; `written` holds (in SQL) when the write happened. */
  after(db: Db, written: SQL): Statement[];
  /** Receives the results of its own statements once the batch has run. */
  settle(before: unknown[], after: unknown[]): void;
}

/**
 * A guard that also keeps the write's answer, for writes whose answer is a body computed in the
 * batch (the Idempotency-Key claim of POST /registrations/batch): `keep` stores the SQL value
 * `answer` with the guard and yields it as column `answer`, or yields no row when the guard
 * blocked the write.
 */
export interface AnswerKeepingGuard extends WriteGuard {
  keep(db: Db, answer: SQL): Statement;
}

/** What a create operation can be told by its caller: the id to use, and a guard. */
export interface CreateOptions {
  id?: string;
  guard?: WriteGuard;
}

/**
 * `db.batch(statements)`, with the guard's statements around them when there is a guard.
 * Resolves to the results of `statements` only.
 */
export async function guardedBatch<T extends readonly [Statement, ...Statement[]]>(
  db: Db,
  guard: WriteGuard | undefined,
  statements: T,
  written: SQL,
): Promise<BatchResponse<T>> {
  if (guard === undefined) return (await db.batch(statements as unknown as [Statement])) as BatchResponse<T>;
  const before = guard.before(db);
  const after = guard.after(db, written);
  const results: unknown[] = await db.batch([...before, ...statements, ...after] as unknown as [Statement]);
  const end = before.length + statements.length;
  guard.settle(results.slice(0, before.length), results.slice(end));
  return results.slice(before.length, end) as unknown as BatchResponse<T>;
}
