/**
 * Sealing stored webhook secrets again with the current WEBHOOK_SECRETS_KEY: those sealed with
 * WEBHOOK_SECRETS_PREVIOUS_KEY (a rotation) and those stored as issued (written before a key was
 * set). The cron runs it every tick, the Deno loop once a minute; with nothing to do it costs one
 * query that seeks `idx_webhooks_secret`. Deleted webhooks' rows are sealed too: a secret is a secret.
 *
 * One run seals at most `limit` rows, in one batch; each update only applies if the row still
 * holds what was read, so a concurrent write is never overwritten.
 */
import { and, eq, gte, lt, or } from "drizzle-orm";
import type { Db } from "../db/client";
import { webhooks } from "../db/schema";
import type { KeyRing } from "../lib/crypto";
import { SEALED, sealedPrefix, secretAtRest, secretFromRest } from "./secret-at-rest";

// Each update is one query, and an invocation may send at most 50 on D1's free plan, the cron's
// other work included.
const RESEAL_LIMIT = 40;

export interface ResealRun {
  /** Rows sealed again with the current key. */
  resealed: number;
  /** Rows named by the previous key that it does not open (tampered, or moved from another webhook's row). */
  unopened: number;
  /** Nothing is left that the keys can seal again: WEBHOOK_SECRETS_PREVIOUS_KEY is no longer needed. */
  done: boolean;
}

export async function resealWebhookSecrets(db: Db, keys: KeyRing, limit = RESEAL_LIMIT): Promise<ResealRun> {
  if (keys.current === undefined) return { resealed: 0, unopened: 0, done: true };
  const sealed = beginsWith(SEALED);
  const asIssued = or(lt(webhooks.secret, sealed.from), gte(webhooks.secret, sealed.below));
  const previous = keys.previous === undefined || keys.previous === keys.current ? undefined : beginsWith(await sealedPrefix(keys.previous));
  const ofPrevious = previous && and(gte(webhooks.secret, previous.from), lt(webhooks.secret, previous.below));
  const rows = await db
    .select({ id: webhooks.id, secret: webhooks.secret })
    .from(webhooks)
    .where(ofPrevious === undefined ? asIssued : or(asIssued, ofPrevious))
    .limit(limit);

  const updates = [];
  for (const row of rows) {
    const secret = await secretFromRest(row.secret, row.id, keys).catch(() => undefined);
    // Named by the previous key yet not opening: left as it is (its deliveries wait and say so).
    if (secret === undefined) continue;
    updates.push(
      db
        .update(webhooks)
        .set({ secret: await secretAtRest(secret, row.id, keys) })
        .where(and(eq(webhooks.id, row.id), eq(webhooks.secret, row.secret)))
        .returning({ id: webhooks.id }),
    );
  }
  const [first, ...rest] = updates;
  const results = first === undefined ? [] : await db.batch([first, ...rest]);
  return {
    resealed: results.reduce((sum, updated) => sum + updated.length, 0),
    unopened: rows.length - updates.length,
    done: rows.length < limit,
  };
}

/**
 * The text values that begin with `prefix`, as a range an index can seek: from `prefix` up to
 * (not including) `prefix` with its last character one higher.
 */
function beginsWith(prefix: string): { from: string; below: string } {
  return { from: prefix, below: prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1) };
}

let saidPreviousUnneeded = false;

/** One run as the cron and the Deno loop make it, saying what it did (a count, never a secret). */
export async function resealTick(db: Db, keys: KeyRing): Promise<void> {
  const run = await resealWebhookSecrets(db, keys);
  if (run.resealed > 0) {
    console.log(JSON.stringify({ level: "info", message: "webhook secrets sealed again with WEBHOOK_SECRETS_KEY", count: run.resealed }));
  }
  if (run.unopened > 0) {
    console.error(JSON.stringify({ level: "error", message: "webhook secrets that WEBHOOK_SECRETS_PREVIOUS_KEY does not open", count: run.unopened }));
  }
  if (run.done && keys.previous !== undefined && !saidPreviousUnneeded) {
    saidPreviousUnneeded = true;
    console.warn(
      JSON.stringify({ level: "warn", message: "every webhook secret is sealed with WEBHOOK_SECRETS_KEY: WEBHOOK_SECRETS_PREVIOUS_KEY can be removed" }),
    );
  }
}
