/**
 * Idempotency-Key (API.md §3): the header, the fingerprint of the request it is sent with, and
 * the claim: the write guard that makes a keyed create happen at most once.
 *
 * Two requests are "the same request" when their method, route (without the base path) and JSON
 * body (canonical: keys sorted, insignificant whitespace dropped) are equal.
 *
 * The claim goes inside the create's one batch (one transaction, one round trip), in this order:
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
import { pbkdf2Hex, sha256Hex } from "../lib/crypto";

// --- The key and the request's fingerprint ----------------------------------------------------
const VISIBLE_ASCII = /^[\x21-\x7e]{1,255}$/;

/** Whether an Idempotency-Key header is well-formed: 1 to 255 visible ASCII characters. */
export function isIdempotencyKey(header: string): boolean {
  return VISIBLE_ASCII.test(header);
}

/** A piece of output text on the work stack (as opposed to a value still to write). */
class Text {
  constructor(readonly text: string) {}
}

/**
 * JSON with every object's keys in code-point order, so key order and spacing do not count.
 * Iterative: a body may nest tens of thousands of levels deep within 64 KiB.
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  const work: unknown[] = [value];
  while (work.length > 0) {
    const item = work.pop();
    if (item instanceof Text) {
      out.push(item.text);
    } else if (Array.isArray(item)) {
      out.push("[");
      work.push(new Text("]"));
      for (let i = item.length - 1; i >= 0; i--) {
        work.push(item[i]);
        if (i > 0) work.push(new Text(","));
      }
    } else if (item !== null && typeof item === "object") {
      const entries = Object.entries(item as Record<string, unknown>)
        .filter(([, field]) => field !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      out.push("{");
      work.push(new Text("}"));
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, field] = entries[i] as [string, unknown];
        work.push(field, new Text(`${JSON.stringify(key)}:`));
        if (i > 0) work.push(new Text(","));
      }
    } else {
      out.push(JSON.stringify(item) ?? "null");
    }
  }
  return out.join("");
}

/**
 * A password is not put into a fast hash, which would make the stored fingerprint a quick way
 * to guess it: it enters as PBKDF2 of itself (as slow as the stored password hashes), salted
 * per organization and key.
 */
async function slowDigest(secret: string, salt: string): Promise<string> {
  const saltBytes = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(salt)));
  return pbkdf2Hex(secret, saltBytes);
}

export interface RequestFingerprint {
  method: string;
  /** The route without its base path, e.g. `/registrations`. */
  route: string;
  body: unknown;
  /** Top-level body fields holding secrets (passwords). */
  secretFields?: readonly string[];
  /** Salt for the secrets: the organization and the key. */
  salt: string;
}

/** SHA-256 (hex) of method, route and canonical body. */
export async function requestHash(request: RequestFingerprint): Promise<string> {
  let body = request.body;
  const secrets = (request.secretFields ?? []).filter(
    (field) => body !== null && typeof body === "object" && typeof (body as Record<string, unknown>)[field] === "string",
  );
  if (secrets.length > 0) {
    const copy = { ...(body as Record<string, unknown>) };
    for (const field of secrets) copy[field] = { pbkdf2: await slowDigest(copy[field] as string, request.salt) };
    body = copy;
  }
  return sha256Hex(`${request.method}\n${request.route}\n${canonicalJson(body)}`);
}

// --- The claim ------------------------------------------------------------------------------------

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

function thisKey(organizationId: string, key: string): SQL {
  return and(eq(idempotencyKeys.organizationId, organizationId), eq(idempotencyKeys.key, key)) as SQL;
}

function ours({ organizationId, key, location }: Pick<ClaimRequest, "organizationId" | "key" | "location">): SQL {
  return and(thisKey(organizationId, key), eq(idempotencyKeys.location, location)) as SQL;
}

/**
 * The condition every statement of a keyed create adds to its own: the record under the key is
 * this request's (its Location names the new id). `IdempotencyClaim.condition` is this SQL; a
 * plan that renders its statements once per isolate (src/db/sql-template.ts) builds it from the
 * values in `CreateTarget.keyed`.
 */
export function claimHeld(claim: Pick<ClaimRequest, "organizationId" | "key" | "location">): SQL {
  return sql`EXISTS (SELECT 1 FROM ${idempotencyKeys} WHERE ${ours(claim)})`;
}

/**
 * The claim as data: the statements that go around the create in its batch, the condition its
 * statements add to their own, and the reading of the verdict from the results of `before`.
 */
export class IdempotencyClaim {
  readonly condition: SQL;

  constructor(private readonly request: ClaimRequest) {
    this.condition = claimHeld(request);
  }

  #thisKey(): SQL {
    return thisKey(this.request.organizationId, this.request.key);
  }

  #ours(): SQL {
    return ours(this.request);
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
