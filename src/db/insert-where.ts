/**
 * A guarded single-row insert: `INSERT INTO t (…all columns) SELECT … FROM organizations
 * WHERE id = <organization> AND <guard>`. The row is written only if the guard holds when the
 * statement runs, which keeps a check-then-write inside one statement (one batch, one round trip).
 *
 * Built with the query builder rather than raw SQL because drizzle's D1 batch cannot run raw
 * statements that carry parameters.
 */
import { and, eq, getTableColumns, SQL, sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "./client";
import { organizations } from "./schema";

/** Columns missing from `values` get their schema default, else NULL; a value may be SQL. */
export function insertWhere<T extends SQLiteTable>(
  db: Db,
  table: T,
  organizationId: string,
  values: { [K in keyof T["$inferInsert"]]?: T["$inferInsert"][K] | SQL },
  guard: SQL,
) {
  const given = values as Record<string, unknown>;
  const fields = Object.fromEntries(
    Object.entries(getTableColumns(table)).map(([key, column]) => {
      const value = given[key] !== undefined ? given[key] : (column.default ?? null);
      const expression =
        value instanceof SQL ? value : value === null ? sql`NULL` : sql`${column.mapToDriverValue(value)}`;
      return [key, expression.as(column.name)];
    }),
  );
  // The organization's own row is the one-row source the values are selected from.
  const row = db.select(fields).from(organizations).where(and(eq(organizations.id, organizationId), guard));
  return db.insert(table).select(row as never);
}
