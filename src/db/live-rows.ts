/**
 * The live rows of a table an organization owns and deletes softly (`organization_id`, `id`,
 * `deleted_at`): the one condition every such table's reads and writes start from.
 */
import { and, eq, isNull, type SQL, type SQLWrapper } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";

interface SoftDeleted {
  organizationId: SQLiteColumn;
  id: SQLiteColumn;
  deletedAt: SQLiteColumn;
}

/** The condition of the table's live rows of an organization (one row when `id` is given; SQL: a batch's item). */
export function liveRowsOf(table: SoftDeleted): (organizationId: string, id?: string | SQLWrapper) => SQL {
  return (organizationId, id) =>
    and(eq(table.organizationId, organizationId), id === undefined ? undefined : eq(table.id, id), isNull(table.deletedAt)) as SQL;
}
