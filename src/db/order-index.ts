/**
 * The rows an organization keeps in an order of its own (offerings, offering and userfield
 * categories, userfields): the order they are listed in, and a new row's default position.
 */
import { asc, desc, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "./client";

/**
 * The default position of a new row: `order_index` of the last row matching `live`, plus one (0 when there is none). ORDER BY …
 * DESC LIMIT 1 walks the (organization, order_index) index from its end and stops at the first
 * live row, where max() would visit every row to check deleted_at.
 */
export function nextOrderIndex(db: Db, table: SQLiteTable, orderIndex: SQLiteColumn, live: SQL): SQL {
  const last = db.select({ orderIndex }).from(table).where(live).orderBy(desc(orderIndex)).limit(1);
  return sql`coalesce((${last}), -1) + 1`;
}

/** The list order of such rows: `order_index`, then creation (`created_at`, `id`) among equals. */
export function orderIndexOrderBy(table: { orderIndex: SQLiteColumn; createdAt: SQLiteColumn; id: SQLiteColumn }): SQL[] {
  return [asc(table.orderIndex), asc(table.createdAt), asc(table.id)];
}
