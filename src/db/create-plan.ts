/**
 * A create as data: the statements of its one batch and how to read their results. The route
 * runs it (src/http/create.ts puts the Idempotency-Key claim around it in the same batch) and
 * reads the result; a domain operation never runs a create half-way or throws to refuse one.
 */
import type { SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "./client";

export type Statement = BatchItem<"sqlite">;

/** What a create is told by its caller: the new row's id, and a condition all its writes require. */
export interface CreateTarget {
  id: string;
  /** The Idempotency-Key claim's condition; undefined without a key. */
  guard?: SQL | undefined;
}

export interface CreatePlan<Refusal> {
  statements: [Statement, ...Statement[]];
  /** SQL true once the row exists (the claim keeps its record only then). */
  written: SQL;
  /** Why nothing was written, from the statements' results; null when the row was created. */
  refusal(results: unknown[]): Refusal | null;
}

/** Runs a plan on its own (no claim): one batch, then its refusal or null. */
export async function runPlan<Refusal>(db: Db, plan: CreatePlan<Refusal>): Promise<Refusal | null> {
  return plan.refusal(await db.batch(plan.statements));
}

