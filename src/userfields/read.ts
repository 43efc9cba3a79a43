/**
 * Reading userfields: one by id, and the paged, filtered list in the order of API.md §7a:
 * category orderIndex, then field orderIndex, then creation. Fields in no category (the
 * predefined contact fields, to begin with) come first.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { columnsOf } from "../db/columns";
import { equalIfGiven } from "../db/equal-filter";
import { liveUserfield } from "../db/live-userfields";
import { userfieldCategories, userfields } from "../db/schema";
import { firstRow } from "../db/first-row";
import { orderIndexOrderBy } from "../db/order-index";
import { offsetPage, type Page } from "../db/page";
import type { ListFilters } from "../http/list-filters";
import { containsIgnoringCase } from "../http/text-match";
import type { UserfieldRow } from "./representation";
import type { UserfieldListQuerySchema } from "./schemas";

const columns = {
  ...columnsOf(userfields, "id", "name", "type", "categoryId", "orderIndex", "required", "readOnly", "message", "options", "constraints", "localizedNames", "createdAt"),
  categoryName: userfieldCategories.name,
  categoryType: userfieldCategories.type,
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

export function getUserfield(db: Db, organizationId: string, id: string): Promise<UserfieldRow | undefined> {
  return firstRow(withCategory(db).where(liveUserfield(organizationId, id)));
}

export type UserfieldFilters = ListFilters<typeof UserfieldListQuerySchema>;

/** Up to `limit + 1` rows in list order. An organization has few fields: the sort is in memory. */
export function listUserfields(db: Db, organizationId: string, filters: UserfieldFilters, page: Page): Promise<UserfieldRow[]> {
  const where = and(
    liveUserfield(organizationId),
    containsIgnoringCase(userfields.name, filters.name),
    equalIfGiven(userfields.categoryId, filters.categoryId),
    equalIfGiven(userfieldCategories.type, filters.categoryType),
  );
  const ordered = withCategory(db)
    .where(where)
    .orderBy(
      sql`${userfieldCategories.id} IS NOT NULL`,
      ...orderIndexOrderBy(userfieldCategories),
      ...orderIndexOrderBy(userfields),
    );
  return offsetPage(ordered, page);
}
