/**
 * The live userfields and userfield categories of an organization: what the userfields,
 * userfield categories and userfield values resources share (none of them imports another).
 */
import { sql, type SQL } from "drizzle-orm";
import { liveRowsOf } from "./live";
import { userfieldCategories, userfields } from "./schema";

/** The condition of a live userfield category of the organization (one category when `id` is given). */
export const liveUserfieldCategory = liveRowsOf(userfieldCategories);

/** The condition of a live userfield of the organization (one userfield when `id` is given). */
export const liveUserfield = liveRowsOf(userfields);

/** SQL true when `id` is a live userfield category of the organization. */
export function liveUserfieldCategoryExists(organizationId: string, id: string): SQL {
  return sql`EXISTS (SELECT 1 FROM ${userfieldCategories} WHERE ${liveUserfieldCategory(organizationId, id)})`;
}
