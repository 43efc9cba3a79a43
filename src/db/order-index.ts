/** The default position of a new offering or category: after the organization's last live one. */
import { desc, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "./client";

/**
 * `order_index` of the last row matching `live`, plus one (0 when there is none). ORDER BY …
 * DESC LIMIT 1 walks the (organization, order_index) index from its end and stops at the first
 * live row, where max() would visit every row to check deleted_at.
 */
export function nextOrderIndex(db: Db, table: SQLiteTable, orderIndex: SQLiteColumn, live: SQL): SQL {
  const last = db.select({ orderIndex }).from(table).where(live).orderBy(desc(orderIndex)).limit(1);
  return sql`coalesce((${last}), -1) + 1`;
}
