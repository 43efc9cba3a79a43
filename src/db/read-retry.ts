/**
 * One retry for read-only requests: a D1 binding or session whose every call (a statement's
 * `all`/`raw`/`first`/`run`, or a `batch`) is repeated once, after a short pause, when it fails
 * with a transient error. Only the Workers entry uses it, and only for GET and HEAD requests,
 * which never write; a write is never repeated here (its client retries, with an
 * Idempotency-Key where it matters).
 *
 * Statements stay the real D1 objects with their methods patched in place, because `batch`
 * only accepts real statements.
 */
import { isTransientDatabaseError } from "./transient-errors";

const EXECUTIONS = ["all", "raw", "first", "run"] as const;

/** 10–40 ms: long enough for a dropped connection to be replaced, short against the request. */
function pause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 30));
}

async function once<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!isTransientDatabaseError(error)) throw error;
    await pause();
    return call();
  }
}

function retryingStatement(statement: D1PreparedStatement): D1PreparedStatement {
  const patched = statement as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const method of EXECUTIONS) {
    const original = patched[method];
    if (original === undefined) continue;
    Object.defineProperty(statement, method, {
      configurable: true,
      writable: true,
      value: (...args: unknown[]) => once(() => original.apply(statement, args) as Promise<unknown>),
    });
  }
  const bind = statement.bind;
  Object.defineProperty(statement, "bind", {
    configurable: true,
    writable: true,
    value: (...values: unknown[]) => retryingStatement(bind.apply(statement, values)),
  });
  return statement;
}

/** The session (or binding) with one retry of each call on a transient error. */
export function retryingReads(session: D1DatabaseSession): D1DatabaseSession {
  return {
    prepare: (query: string) => retryingStatement(session.prepare(query)),
    batch: <T = unknown>(statements: D1PreparedStatement[]) => once(() => session.batch<T>(statements)),
    getBookmark: () => session.getBookmark(),
  } as D1DatabaseSession;
}
