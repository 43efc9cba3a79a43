/**
 * A column named with its table, always. Drizzle leaves columns of a query's only table
 * unqualified, and inside a correlated subquery a bare name binds to the subquery's own table
 * (`r.id` instead of the outer `offerings.id`): subqueries that reach out use this.
 */
import { getTableName, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";

export function qualified(column: SQLiteColumn): SQL {
  return sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;
}
