/**
 * The reads of a collection an organization keeps in its own order (order-index.ts): one live
 * row by id, and a page of the live rows in list order, narrowed by the list's filters.
 */
import { and, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "./client";
import type { RowOf } from "./columns";
import { firstRow } from "./first-row";
import { orderIndexOrderBy } from "./order-index";
import { offsetPage, type Page } from "./page";

type Ordered = SQLiteTable & { orderIndex: SQLiteColumn; createdAt: SQLiteColumn; id: SQLiteColumn };

/**
 * The part of the select builder used here, typed by its row: drizzle's own types of a select
 * from a table not yet known do not resolve.
 */
interface Selected<Row> {
  where(where: SQL | undefined): {
    limit(limit: number): Promise<Row[]>;
    orderBy(...order: SQL[]): { limit(limit: number): { offset(offset: number): Promise<Row[]> } };
  };
}

/** `live`: liveRowsOf(table) (live.ts), the condition of the organization's live rows. */
export function orderedReads<Fields extends Record<string, SQLiteColumn | SQL>>(
  table: Ordered,
  columns: Fields,
  live: (organizationId: string, id?: string) => SQL,
) {
  const select = (db: Db) => db.select(columns).from(table) as unknown as Selected<RowOf<Fields>>;
  return {
    get(db: Db, organizationId: string, id: string): Promise<RowOf<Fields> | undefined> {
      return firstRow(select(db).where(live(organizationId, id)));
    },
    /** Up to `limit + 1` rows in list order: the extra row tells the caller that `next` exists. */
    list(db: Db, organizationId: string, page: Page, ...filters: (SQL | undefined)[]): Promise<RowOf<Fields>[]> {
      return offsetPage(select(db).where(and(live(organizationId), ...filters)).orderBy(...orderIndexOrderBy(table)), page);
    },
  };
}
