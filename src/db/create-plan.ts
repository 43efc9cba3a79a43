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
  /** The values `guard` is made of (idempotency/claim.ts `claimHeld`), for a plan rendered once per isolate. */
  keyed?: { key: string; location: string } | undefined;
  /**
   * For a create that keeps its answer (AnsweringPlan) under an Idempotency-Key: the statement
   * that stores `answer` (SQL text) with the claim's record and yields it as column `answer`.
   */
  keep?: ((db: Db, answer: SQL<string>) => Statement) | undefined;
}

export interface CreatePlan<Refusal> {
  statements: [Statement, ...Statement[]];
  /** SQL true once the row exists (the claim keeps its record only then). */
  written: SQL;
  /** Why nothing was written, from the statements' results; null when the row was created. */
  refusal(results: unknown[]): Refusal | null;
}

/**
 * A create whose answer is a body its own statements compute (POST /registrations/batch), not a
 * 201 + Location. Under a key, one statement yields that answer through `target.keep`, which
 * also keeps it with the claim's record; a replay rebuilds the outcome from the kept text.
 */
export interface AnsweringPlan<Outcome> {
  statements: [Statement, ...Statement[]];
  /** SQL true when the answer is to be remembered (the claim keeps its record only then). */
  written: SQL;
  /** The outcome, from the statements' results. */
  outcome(results: unknown[]): Outcome;
  /** The outcome, from the answer an earlier run of the same request kept. */
  replay(kept: string): Outcome;
}

/** Runs a plan on its own (no claim): one batch, then its refusal or null. */
export async function runPlan<Refusal>(db: Db, plan: CreatePlan<Refusal>): Promise<Refusal | null> {
  return plan.refusal(await db.batch(plan.statements));
}

