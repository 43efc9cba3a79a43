/** Reading userfield categories: one by id, and the paged, filtered list. */
import { and, asc, eq, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { liveUserfieldCategory } from "../db/live-userfields";
import { userfieldCategories, type UserfieldCategoryType } from "../db/schema";
import type { Page } from "../db/page";
import { containsIgnoringCase } from "../http/text-match";
import type { UserfieldCategoryRow } from "./representation";

const columns = {
  id: userfieldCategories.id,
  name: userfieldCategories.name,
  type: userfieldCategories.type,
  orderIndex: userfieldCategories.orderIndex,
  createdAt: userfieldCategories.createdAt,
};

export async function getUserfieldCategory(
  db: Db,
  organizationId: string,
  id: string,
): Promise<UserfieldCategoryRow | undefined> {
  const [row] = await db.select(columns).from(userfieldCategories).where(liveUserfieldCategory(organizationId, id)).limit(1);
  return row;
}

export interface UserfieldCategoryFilters {
  name?: string | undefined;
  type?: UserfieldCategoryType | undefined;
}

/** Up to `limit + 1` rows by orderIndex, then creation (idx_userfield_categories_org_order). */
export function listUserfieldCategories(
  db: Db,
  organizationId: string,
  filters: UserfieldCategoryFilters,
  page: Page,
): Promise<UserfieldCategoryRow[]> {
  return db
    .select(columns)
    .from(userfieldCategories)
    .where(
      and(
        liveUserfieldCategory(organizationId),
        containsIgnoringCase(userfieldCategories.name, filters.name),
        filters.type === undefined ? undefined : eq(userfieldCategories.type, filters.type),
      ) as SQL,
    )
    .orderBy(asc(userfieldCategories.orderIndex), asc(userfieldCategories.createdAt), asc(userfieldCategories.id))
    .limit(page.limit + 1)
    .offset(page.offset);
}
