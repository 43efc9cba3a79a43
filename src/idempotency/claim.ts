/**
 * An Idempotency-Key claim: the write guard that makes a keyed create happen at most once.
 *
 * Inside the create's one batch (one transaction, one round trip), in this order:
 *   1. read the live record of (organization, key), if any;
 *   2. purge expired records: this key's, and a bounded number of others (index on expires_at);
 *   3. insert our record (201 and our planned Location), ON CONFLICT DO NOTHING: it lands only
 *      when no live record exists;
 *      (a create whose answer is a body, POST /registrations/batch, records 200 and a Location
 *      that only marks the record as this request's; one of its statements, `keep`, stores the
 *      answer in the record and yields it);
 *   4. the create itself, each statement also requiring that the record under the key is ours
 *      (its Location names our new id, which no other request has);
 *   5. delete our record again if the create did not happen, so only successes are remembered.
 * D1 runs batches one at a time, so of concurrent requests with one key exactly one claims it;
 * the others read its record in step 1 and replay it.
 */
import { and, eq, lte, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { idempotencyKeys } from "../db/schema";

/** How long a key is remembered. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** Expired records deleted by one keyed request, besides its own key's. */
const PURGE_BATCH = 20;

export interface ClaimRequest {
  organizationId: string;
  key: string;
  requestHash: string;
  /**
   * The Location the create will answer with; it names the new id. For a create that keeps its
   * answer, a marker unique to this request, never shown to a client.
   */
  location: string;
  /** The status recorded: 201 (the default), or 200 for an answer stored by `keep`. */
  status?: 201 | 200;
  now: number;
}

export type ClaimOutcome =
  /** No live record existed: the create ran under our claim (its own result decides). */
  | { kind: "claimed" }
  /** The same request was made before: answer as it was answered. */
  | { kind: "replay"; location: string; response: string | null }
  /** The key was used with a different request. */
  | { kind: "conflict" };

/** Only successes are recorded: a 201 (its Location), or a 200 with the answer `keep` stored. */
interface KeyRecord {
  requestHash: string;
  location: string | null;
  response: string | null;
}

/**
 * The claim as data: the statements that go around the create in its batch, the condition its
 * statements add to their own, and the reading of the verdict from the results of `before`.
 */
export class IdempotencyClaim {
  readonly condition: SQL;

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

  /** Steps 1-3: read, purge, insert our record. */
  before(db: Db) {
    const { organizationId, key, requestHash, location, now, status = 201 } = this.request;
    const expired = lte(idempotencyKeys.expiresAt, now);
    return [
      db
        .select({
          requestHash: idempotencyKeys.requestHash,
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
        .values({ organizationId, key, requestHash, status, location, createdAt: now, expiresAt: now + IDEMPOTENCY_TTL_MS })
        .onConflictDoNothing(),
    ];
  }

  /**
   * Stores `answer` (SQL text) in our record and yields it as column `answer`; yields no row when
   * the record is not ours (a replay or a conflict). One statement both answers and keeps.
   */
  keep(db: Db, answer: SQL<string>) {
    return db
      .update(idempotencyKeys)
      .set({ response: answer })
      .where(this.#ours())
      // Aliased: D1 batch rows are keyed by column name.
      .returning({ answer: sql<string>`${idempotencyKeys.response}`.as("answer") });
  }

  /** Step 5: our record goes again unless `written` (SQL) holds. */
  after(db: Db, written: SQL) {
    return [db.delete(idempotencyKeys).where(and(this.#ours(), sql`NOT ${written}`))];
  }

  /** The verdict, from the results of `before` (the first is the live record read in step 1). */
  outcome(before: unknown[]): ClaimOutcome {
    const [found] = before[0] as KeyRecord[];
    if (found === undefined) return { kind: "claimed" };
    if (found.requestHash !== this.request.requestHash) return { kind: "conflict" };
    return { kind: "replay", location: found.location ?? "", response: found.response };
  }
}
