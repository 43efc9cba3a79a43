/** Reading userfield categories: one by id, and the paged, filtered list. */
import type { Db } from "../db/client";
import { columnsOf, type RowOf } from "../db/columns";
import { equalIfGiven } from "../db/equal-filter";
import { liveUserfieldCategory } from "../db/live-userfields";
import { orderedReads } from "../db/ordered-reads";
import { userfieldCategories } from "../db/schema";
import type { Page } from "../db/page";
import type { ListFilters } from "../http/list-filters";
import { containsIgnoringCase } from "../http/text-match";
import type { UserfieldCategoryListQuerySchema } from "./schemas";

const columns = columnsOf(userfieldCategories, "id", "name", "type", "orderIndex", "createdAt");

export type UserfieldCategoryRow = RowOf<typeof columns>;

const reads = orderedReads(userfieldCategories, columns, liveUserfieldCategory);

export const getUserfieldCategory = reads.get;

export type UserfieldCategoryFilters = ListFilters<typeof UserfieldCategoryListQuerySchema>;

/** Up to `limit + 1` rows by orderIndex, then creation (idx_userfield_categories_org_order). */
export function listUserfieldCategories(db: Db, organizationId: string, filters: UserfieldCategoryFilters, page: Page) {
  return reads.list(
    db,
    organizationId,
    page,
    containsIgnoringCase(userfieldCategories.name, filters.name),
    equalIfGiven(userfieldCategories.type, filters.type),
  );
}
