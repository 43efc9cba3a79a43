/**
 * An Idempotency-Key claim: the write guard that makes a keyed create happen at most once.
 *
 * Inside the create's one batch (one transaction, one round trip), in this order:
 *   1. read the live record of (organization, key), if any;
 *   2. purge expired records: this key's, and a bounded number of others (index on expires_at);
 *   3. insert our record (201 and our planned Location), ON CONFLICT DO NOTHING: it lands only
 *      when no live record exists;
 *   4. the create itself, each statement also requiring that the record under the key is ours
 *      (its Location names our new id, which no other request has);
 *   5. delete our record again if the create did not happen, so only successes are remembered.
 * D1 runs batches one at a time, so of concurrent requests with one key exactly one claims it;
 * the others read its record in step 1 and replay it.
 */
import { and, eq, lte, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { idempotencyKeys } from "../db/schema";
import type { WriteGuard } from "../db/write-guard";

/** How long a key is remembered. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** Expired records deleted by one keyed request, besides its own key's. */
const PURGE_BATCH = 20;

export interface ClaimRequest {
  organizationId: string;
  key: string;
  requestHash: string;
  /**
   * The Location the create will answer with; it names the new id. For an answer with a body
   * (`status` other than 201), a marker unique to this request, never shown to a client.
   */
  location: string;
  /** The status the answer is recorded with: 201 (the default) or 200 for a body kept by `keep`. */
  status?: 201 | 200;
  now: number;
}

export type ClaimOutcome =
  /** No live record existed: the create ran under our claim (its own result decides). */
  | { kind: "claimed" }
  /** The same request was made before: answer as it was answered. */
  | { kind: "replay"; status: number; location: string; response: string | null }
  /** The key was used with a different request. */
  | { kind: "conflict" };

/** Only successes are recorded: a 201 (its Location), or a 200 with the body kept by `keep`. */
interface KeyRecord {
  requestHash: string;
  status: number;
  location: string | null;
  response: string | null;
}

export class IdempotencyClaim implements WriteGuard {
  readonly condition: SQL;
  #found: KeyRecord | null | undefined = undefined;

  constructor(private readonly request: ClaimRequest) {
    this.condition = sql`EXISTS (SELECT 1 FROM ${idempotencyKeys} WHERE ${this.#ours()})`;
  }

  #thisKey(): SQL {
    return and(
      eq(idempotencyKeys.organizationId, this.request.organizationId),
      eq(idempotencyKeys.key, this.request.key),
    ) as SQL;
  }

  #ours(): SQL {
    return and(this.#thisKey(), eq(idempotencyKeys.location, this.request.location)) as SQL;
  }

  before(db: Db) {
    const { organizationId, key, requestHash, location, now } = this.request;
    const expired = lte(idempotencyKeys.expiresAt, now);
    return [
      db
        .select({
          requestHash: idempotencyKeys.requestHash,
          status: idempotencyKeys.status,
          location: idempotencyKeys.location,
          response: idempotencyKeys.response,
        })
        .from(idempotencyKeys)
        .where(and(this.#thisKey(), sql`${idempotencyKeys.expiresAt} > ${now}`)),
      db
        .delete(idempotencyKeys)
        .where(
          sql`(${and(this.#thisKey(), expired)}) OR rowid IN (SELECT rowid FROM ${idempotencyKeys} WHERE ${expired} LIMIT ${PURGE_BATCH})`,
        ),
      db
        .insert(idempotencyKeys)
        .values({
          organizationId,
          key,
          requestHash,
          status: this.request.status ?? 201,
          location,
          createdAt: now,
          expiresAt: now + IDEMPOTENCY_TTL_MS,
        })
        .onConflictDoNothing(),
    ];
  }

  /**
   * Stores `answer` (SQL text) in our record and yields it as column `answer`; yields no row
   * when the record is not ours (a replay or a conflict). One statement serves both the answer
   * and its keeping.
   */
  keep(db: Db, answer: SQL) {
    return db
      .update(idempotencyKeys)
      .set({ response: answer })
      .where(this.#ours())
      // Aliased: D1 batch rows are keyed by column name.
      .returning({ answer: sql<string | null>`${idempotencyKeys.response}`.as("answer") });
  }

  after(db: Db, written: SQL) {
    return [db.delete(idempotencyKeys).where(and(this.#ours(), sql`NOT ${written}`))];
  }

  settle(before: unknown[]): void {
    const [found] = before[0] as KeyRecord[];
    this.#found = found ?? null;
  }

  /** Undefined until the batch has run (it failed, or was never sent). */
  outcome(): ClaimOutcome | undefined {
    const found = this.#found;
    if (found === undefined) return undefined;
    if (found === null) return { kind: "claimed" };
    if (found.requestHash !== this.request.requestHash) return { kind: "conflict" };
    return { kind: "replay", status: found.status, location: found.location ?? "", response: found.response };
  }
}
