/** Reading offering categories: one by id, and the paged, filtered list. */
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { liveCategoriesOf } from "../db/live";
import { offeringCategories } from "../db/schema";
import { dateRangeCondition, type DateRange } from "../http/date-filter";
import type { Page } from "../db/page";
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

export async function getOfferingCategory(
  db: Db,
  organizationId: string,
  id: string,
): Promise<OfferingCategoryRow | undefined> {
  const [row] = await db
    .select(columns)
    .from(offeringCategories)
    .where(and(eq(offeringCategories.id, id), liveCategoriesOf(organizationId)))
    .limit(1);
  return row;
}

export interface OfferingCategoryFilters {
  name?: string | undefined;
  createdDate?: DateRange | undefined;
}

/** Up to `limit + 1` rows in list order: the extra row tells the caller that `next` exists. */
export function listOfferingCategories(
  db: Db,
  organizationId: string,
  filters: OfferingCategoryFilters,
  page: Page,
): Promise<OfferingCategoryRow[]> {
  return db
    .select(columns)
    .from(offeringCategories)
    .where(
      and(
        liveCategoriesOf(organizationId),
        containsIgnoringCase(offeringCategories.name, filters.name),
        dateRangeCondition(offeringCategories.createdAt, filters.createdDate),
      ),
    )
    .orderBy(asc(offeringCategories.orderIndex), asc(offeringCategories.createdAt), asc(offeringCategories.id))
    .limit(page.limit + 1)
    .offset(page.offset);
}
