/** Case-insensitive substring filters of lists (`?email=acme`), with `%` and `_` taken literally. */
import { sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";

export function containsIgnoringCase(column: SQLiteColumn, needle: string | undefined): SQL | undefined {
  if (needle === undefined) return undefined;
  // instr() has no wildcards, so nothing in the needle needs escaping.
  return sql`instr(lower(${column}), ${needle.toLowerCase()}) > 0`;
}
