/**
 * The live userfields and userfield categories of an organization: what the userfields,
 * userfield categories and userfield values resources share (none of them imports another).
 */
import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import { userfieldCategories, userfields } from "./schema";

export function liveUserfieldCategory(organizationId: string, id?: string): SQL {
  return and(
    eq(userfieldCategories.organizationId, organizationId),
    id === undefined ? undefined : eq(userfieldCategories.id, id),
    isNull(userfieldCategories.deletedAt),
  ) as SQL;
}

export function liveUserfield(organizationId: string, id?: string): SQL {
  return and(
    eq(userfields.organizationId, organizationId),
    id === undefined ? undefined : eq(userfields.id, id),
    isNull(userfields.deletedAt),
  ) as SQL;
}

/** SQL true when `id` is a live userfield category of the organization. */
export function liveUserfieldCategoryExists(organizationId: string, id: string): SQL {
  return sql`EXISTS (SELECT 1 FROM ${userfieldCategories} WHERE ${liveUserfieldCategory(organizationId, id)})`;
}
