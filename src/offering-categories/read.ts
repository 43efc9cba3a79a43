/** Reading offering categories: one by id, and the paged, filtered list. */
import type { Db } from "../db/client";
import { columnsOf, type RowOf } from "../db/columns";
import { liveOfferingCategory } from "../db/live";
import { orderedReads } from "../db/ordered-reads";
import { offeringCategories } from "../db/schema";
import { dateRangeCondition } from "../http/date-filter";
import type { ListFilters } from "../http/list-filters";
import type { Page } from "../db/page";
import { containsIgnoringCase } from "../http/text-match";
import type { OfferingCategoryListQuerySchema } from "./schemas";

const columns = columnsOf(offeringCategories, "id", "name", "description", "color", "orderIndex", "createdAt");

export type OfferingCategoryRow = RowOf<typeof columns>;

const reads = orderedReads(offeringCategories, columns, liveOfferingCategory);

export const getOfferingCategory = reads.get;

export type OfferingCategoryFilters = ListFilters<typeof OfferingCategoryListQuerySchema>;

/** Up to `limit + 1` rows by orderIndex, then creation. */
export function listOfferingCategories(db: Db, organizationId: string, filters: OfferingCategoryFilters, page: Page) {
  return reads.list(
    db,
    organizationId,
    page,
    containsIgnoringCase(offeringCategories.name, filters.name),
    dateRangeCondition(offeringCategories.createdAt, filters.createdDate),
  );
}
