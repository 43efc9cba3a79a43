/** Select lists: a table's columns named once, and the row such a list reads. */
import { getTableColumns, type Table } from "drizzle-orm";
import type { SelectResultFields } from "drizzle-orm/query-builders/select.types";

/** The named columns of a table, as a select list (in the order given). */
export function columnsOf<T extends Table, K extends keyof T["_"]["columns"] & string>(
  table: T,
  ...names: K[]
): Pick<T["_"]["columns"], K> {
  const all = getTableColumns(table);
  return Object.fromEntries(names.map((name) => [name, all[name]])) as Pick<T["_"]["columns"], K>;
}

/**
 * The row a select of these fields reads (drizzle's own result type). It knows nothing of joins:
 * a LEFT JOIN's columns come out never null, so a row with one states its own type.
 */
export type RowOf<Fields> = SelectResultFields<Fields>;
