/**
 * The guard of a table that has no organization of its own (user_agreements,
 * offering_category_links): a row is the organization's when its parent row is.
 */
import { inArray, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "./client";

/** `column IN (SELECT id FROM parent WHERE where)`: the rows whose parent is one of `where`'s. */
export function inRowsOf(db: Db, column: SQLiteColumn, parent: SQLiteTable & { id: SQLiteColumn }, where: SQL): SQL {
  return inArray(column, db.select({ id: parent.id }).from(parent).where(where));
}
