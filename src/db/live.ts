/**
 * The rows the API ever sees: the live (not deleted) rows of a table an organization owns and
 * deletes softly (`organization_id`, `id`, `deleted_at`), written once as `liveRowsOf`, and the
 * live users, offerings and offering categories of an organization. Every resource that reads or
 * guards on another's rows starts here, so the rule is written once and no resource folder
 * imports another (the userfields' own: db/live-userfields.ts).
 */
import { and, eq, isNull, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { offeringCategories, offerings, users } from "./schema";

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

/** The condition of a live user of the organization (one user when `id` is given; SQL: a batch's item). */
export const liveUser = liveRowsOf(users);

/** SQL true when `id` is a live user of the organization (a subquery for any statement). */
export function liveUserExists(organizationId: string, id: string | SQLWrapper): SQL {
  return sql`EXISTS (SELECT 1 FROM ${users} WHERE ${liveUser(organizationId, id)})`;
}

/** The condition of a live offering of the organization (one offering when `id` is given; SQL: a batch's item). */
export const liveOffering = liveRowsOf(offerings);

/** The condition of a live offering category of the organization (one category when `id` is given). */
export const liveOfferingCategory = liveRowsOf(offeringCategories);
