/** Case-insensitive substring filters of lists (`?email=acme`), with `%` and `_` taken literally. */
import { sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";

export function containsIgnoringCase(column: SQLiteColumn, needle: string | undefined): SQL | undefined {
  if (needle === undefined) return undefined;
  // instr() has no wildcards, so nothing in the needle needs escaping. Both sides are lowered
  // by SQLite (ASCII only), so non-ASCII letters match in their exact case.
  return sql`instr(lower(${column}), lower(${needle})) > 0`;
}
