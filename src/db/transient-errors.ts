/**
 * Which database failures are transient: the database (not the request) failed, and the same
 * request may well succeed a moment later. They are answered with 503 and `Retry-After`, and
 * read-only requests retry them once (src/db/read-retry.ts).
 *
 * The messages are D1's "retry the operation" and overload errors
 * (https://developers.cloudflare.com/d1/observability/debug-d1/#error-list). Drizzle wraps a
 * failed single query in an error whose `.cause` is the driver's, so causes are read too.
 */
import { DrizzleQueryError } from "drizzle-orm";

const TRANSIENT_MESSAGES: readonly RegExp[] = [
  /Network connection lost/i,
  // "Internal error (while starting up | in) D1 DB storage caused object to be reset."
  /storage caused object to be reset/i,
  /reset because its code was updated/i,
  /transient issue on remote node/i,
  // "D1 DB storage operation exceeded timeout which caused object to be reset."
  /exceeded timeout/i,
  /timed out/i,
  // "D1 DB is overloaded. Requests queued for too long." / "… Too many requests queued."
  /is overloaded/i,
  /exceeded its (memory|CPU time) limit and was reset/i,
  // Deno's SQLite file (src/deno.ts): another process held the lock past the busy timeout.
  /SQLITE_BUSY|database is locked/i,
];

export function isTransientDatabaseError(error: unknown): boolean {
  let current: unknown = error;
  // A cause chain is short; the bound only guards against a cycle.
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const message = current.message;
    // Drizzle's own message quotes the SQL and its parameters (request data): only its cause counts.
    const own = !(current instanceof DrizzleQueryError);
    if (own && TRANSIENT_MESSAGES.some((pattern) => pattern.test(message))) return true;
    current = current.cause;
  }
  return false;
}
