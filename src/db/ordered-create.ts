/**
 * The create plan of a row kept in an order (the organization's offering and userfield
 * categories): without an `orderIndex` it goes after the last live row matching `live` (0 for
 * the first), computed inside the INSERT, so two concurrent creations cannot read a stale maximum.
 * Nothing refuses it but the caller's guard.
 */
import { sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "./client";
import type { CreatePlan, CreateTarget } from "./create-plan";
import { insertWhere } from "./insert-where";
import { nextOrderIndex } from "./order-index";

type Ordered = SQLiteTable & { id: SQLiteColumn; orderIndex: SQLiteColumn };

/** `values` without `id` (the target's) and `organizationId`; an absent `orderIndex` is computed. */
export function orderedCreatePlan<T extends Ordered>(
  db: Db,
  table: T,
  organizationId: string,
  live: SQL,
  target: CreateTarget,
  values: { [K in keyof T["$inferInsert"]]?: T["$inferInsert"][K] | SQL },
): CreatePlan<never> {
  const { id, guard } = target;
  const orderIndex = (values as { orderIndex?: number | SQL }).orderIndex ?? nextOrderIndex(db, table, table.orderIndex, live);
  const row = { ...values, id, organizationId, orderIndex };
  return {
    statements: [insertWhere(db, table, organizationId, row, guard ?? sql`1`)],
    written: sql`EXISTS (SELECT 1 FROM ${table} WHERE ${table.id} = ${id})`,
    refusal: () => null,
  };
}
