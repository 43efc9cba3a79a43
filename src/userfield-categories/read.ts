/** Reading userfield categories: one by id, and the paged, filtered list. */
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { liveUserfieldCategory } from "../db/live-userfields";
import { userfieldCategories, type UserfieldCategoryType } from "../db/schema";
import { firstRow } from "../db/first-row";
import { orderIndexOrderBy } from "../db/order-index";
import { offsetPage, type Page } from "../db/page";
import { containsIgnoringCase } from "../http/text-match";
import type { UserfieldCategoryRow } from "./representation";

const columns = {
  id: userfieldCategories.id,
  name: userfieldCategories.name,
  type: userfieldCategories.type,
  orderIndex: userfieldCategories.orderIndex,
  createdAt: userfieldCategories.createdAt,
};

export function getUserfieldCategory(db: Db, organizationId: string, id: string): Promise<UserfieldCategoryRow | undefined> {
  return firstRow(db.select(columns).from(userfieldCategories).where(liveUserfieldCategory(organizationId, id)));
}

export interface UserfieldCategoryFilters {
  name?: string | undefined;
  type?: UserfieldCategoryType | undefined;
}

/** Up to `limit + 1` rows by orderIndex, then creation (idx_userfield_categories_org_order). */
export function listUserfieldCategories(db: Db, organizationId: string, filters: UserfieldCategoryFilters, page: Page): Promise<UserfieldCategoryRow[]> {
  const where = and(
    liveUserfieldCategory(organizationId),
    containsIgnoringCase(userfieldCategories.name, filters.name),
    filters.type === undefined ? undefined : eq(userfieldCategories.type, filters.type),
  );
  return offsetPage(db.select(columns).from(userfieldCategories).where(where).orderBy(...orderIndexOrderBy(userfieldCategories)), page);
}
