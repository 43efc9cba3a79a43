/**
 * Paging of the lists ordered oldest first, (created_at, id), each served by an index that ends
 * in those two columns: the keyset cursor is a seek, and a non-zero offset is counted in the
 * index by a subquery that finds the page's first key, from which the page is then read.
 * Counting an offset stays linear, as any OFFSET in SQLite is, but skipped rows are not joined
 * or, unless a filter needs them, read from the table (5-6x cheaper deep in a list; see
 * bench/RESULTS.md).
 */
import { and, asc, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Page } from "./page";
import type { Db } from "./client";

export interface CreationOrder {
  table: SQLiteTable;
  createdAt: SQLiteColumn;
  id: SQLiteColumn;
}

export function creationOrderBy(order: CreationOrder): SQL[] {
  return [asc(order.createdAt), asc(order.id)];
}

/**
 * The condition of the rows from the page's first one on: `where`, the cursor and the offset.
 * The caller orders by creationOrderBy() and limits to `limit + 1`.
 */
export function pageCondition(db: Db, order: CreationOrder, where: SQL | undefined, page: Page): SQL | undefined {
  const key = sql`(${order.createdAt}, ${order.id})`;
  const after = page.after === undefined ? undefined : sql`${key} > (${page.after.createdAt}, ${page.after.id})`;
  const rows = and(where, after);
  if (page.offset === 0) return rows;
  const first = db
    .select({ createdAt: order.createdAt, id: order.id })
    .from(order.table)
    .where(rows)
    .orderBy(...creationOrderBy(order))
    .limit(1)
    .offset(page.offset);
  return and(rows, sql`${key} >= ${first}`);
}

/** A select before its `.where()`. */
interface Selectable<Rows> {
  where(where: SQL | undefined): { orderBy(...order: SQL[]): { limit(limit: number): Rows } };
}

/** Up to `limit + 1` rows of `select` matching `where`, in creation order: the extra row tells the caller that `next` exists. */
export function creationOrderPage<Rows>(db: Db, select: Selectable<Rows>, order: CreationOrder, where: SQL | undefined, page: Page): Rows {
  return select.where(pageCondition(db, order, where, page)).orderBy(...creationOrderBy(order)).limit(page.limit + 1);
}
