/**
 * Reading userfields: one by id, and the paged, filtered list in the order of API.md §7a:
 * category orderIndex, then field orderIndex, then creation. Fields in no category (the
 * predefined contact fields, to begin with) come first.
 */
import { and, asc, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { liveUserfield } from "../db/live-userfields";
import { userfieldCategories, userfields, type UserfieldCategoryType } from "../db/schema";
import type { Page } from "../db/page";
import { containsIgnoringCase } from "../http/text-match";
import type { UserfieldRow } from "./representation";

const columns = {
  id: userfields.id,
  name: userfields.name,
  type: userfields.type,
  categoryId: userfields.categoryId,
  categoryName: userfieldCategories.name,
  categoryType: userfieldCategories.type,
  orderIndex: userfields.orderIndex,
  required: userfields.required,
  readOnly: userfields.readOnly,
  message: userfields.message,
  options: userfields.options,
  constraints: userfields.constraints,
  localizedNames: userfields.localizedNames,
  createdAt: userfields.createdAt,
};

function withCategory(db: Db) {
  return db
    .select(columns)
    .from(userfields)
    .leftJoin(
      userfieldCategories,
      and(eq(userfieldCategories.id, userfields.categoryId), isNull(userfieldCategories.deletedAt)),
    );
}

export async function getUserfield(db: Db, organizationId: string, id: string): Promise<UserfieldRow | undefined> {
  const [row] = await withCategory(db).where(liveUserfield(organizationId, id)).limit(1);
  return row;
}

export interface UserfieldFilters {
  name?: string | undefined;
  categoryId?: string | undefined;
  categoryType?: UserfieldCategoryType | undefined;
}

/** Up to `limit + 1` rows in list order. An organization has few fields: the sort is in memory. */
export function listUserfields(db: Db, organizationId: string, filters: UserfieldFilters, page: Page): Promise<UserfieldRow[]> {
  return withCategory(db)
    .where(
      and(
        liveUserfield(organizationId),
        containsIgnoringCase(userfields.name, filters.name),
        filters.categoryId === undefined ? undefined : eq(userfields.categoryId, filters.categoryId),
        filters.categoryType === undefined ? undefined : eq(userfieldCategories.type, filters.categoryType),
      ) as SQL,
    )
    .orderBy(
      sql`${userfieldCategories.id} IS NOT NULL`,
      asc(userfieldCategories.orderIndex),
      asc(userfieldCategories.createdAt),
      asc(userfieldCategories.id),
      asc(userfields.orderIndex),
      asc(userfields.createdAt),
      asc(userfields.id),
    )
    .limit(page.limit + 1)
    .offset(page.offset);
}
