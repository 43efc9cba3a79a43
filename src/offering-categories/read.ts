/** Reading offering categories: one by id, and the paged, filtered list. */
import { and } from "drizzle-orm";
import type { Db } from "../db/client";
import { liveOfferingCategory } from "../db/live";
import { offeringCategories } from "../db/schema";
import { dateRangeCondition, type DateRange } from "../http/date-filter";
import { firstRow } from "../db/first-row";
import { orderIndexOrderBy } from "../db/order-index";
import { offsetPage, type Page } from "../db/page";
import { containsIgnoringCase } from "../http/text-match";
import type { OfferingCategoryRow } from "./representation";

const columns = {
  id: offeringCategories.id,
  name: offeringCategories.name,
  description: offeringCategories.description,
  color: offeringCategories.color,
  orderIndex: offeringCategories.orderIndex,
  createdAt: offeringCategories.createdAt,
};

export function getOfferingCategory(db: Db, organizationId: string, id: string): Promise<OfferingCategoryRow | undefined> {
  return firstRow(db.select(columns).from(offeringCategories).where(liveOfferingCategory(organizationId, id)));
}

export interface OfferingCategoryFilters {
  name?: string | undefined;
  createdDate?: DateRange | undefined;
}

/** Up to `limit + 1` rows in list order: the extra row tells the caller that `next` exists. */
export function listOfferingCategories(db: Db, organizationId: string, filters: OfferingCategoryFilters, page: Page): Promise<OfferingCategoryRow[]> {
  const where = and(
    liveOfferingCategory(organizationId),
    containsIgnoringCase(offeringCategories.name, filters.name),
    dateRangeCondition(offeringCategories.createdAt, filters.createdDate),
  );
  return offsetPage(db.select(columns).from(offeringCategories).where(where).orderBy(...orderIndexOrderBy(offeringCategories)), page);
}
