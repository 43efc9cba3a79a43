/** Reading offerings: one by id, and the paged, filtered list (including "available to a user"). */
import { and, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { unavailabilityReason } from "../db/availability";
import { containsAll } from "../db/json-list";
import { liveOffering, liveUserExists } from "../db/live";
import { qualified } from "../db/qualified";
import { offeringCategories, offeringCategoryLinks, offerings } from "../db/schema";
import { dateRangeCondition, type DateRange } from "../http/date-filter";
import { firstRow } from "../db/first-row";
import { orderIndexOrderBy } from "../db/order-index";
import { offsetPage, type Page } from "../db/page";
import { containsIgnoringCase } from "../http/text-match";
import type { OfferingRow } from "./representation";

export const columns = {
  id: offerings.id,
  title: offerings.title,
  summary: offerings.summary,
  thumbnailId: offerings.thumbnailId,
  createdAt: offerings.createdAt,
  beginDate: offerings.beginDate,
  endDate: offerings.endDate,
  registrationBeginDate: offerings.registrationBeginDate,
  registrationEndDate: offerings.registrationEndDate,
  catalogDescription: offerings.catalogDescription,
  dashboardDescription: offerings.dashboardDescription,
  deliveryDescription: offerings.deliveryDescription,
  price: offerings.price,
  offeringCategoryIds: sql<string>`(
    SELECT json_group_array(l.category_id ORDER BY l.position)
    FROM ${offeringCategoryLinks} l JOIN ${offeringCategories} c ON c.id = l.category_id
    WHERE l.offering_id = ${qualified(offerings.id)} AND c.deleted_at IS NULL)`,
  tags: offerings.tags,
  orderIndex: offerings.orderIndex,
  allowRetake: offerings.allowRetake,
  passingGrade: offerings.passingGrade,
  seatLimit: offerings.seatLimit,
};

export function getOffering(db: Db, organizationId: string, id: string): Promise<OfferingRow | undefined> {
  return firstRow(db.select(columns).from(offerings).where(liveOffering(organizationId, id)));
}

export interface OfferingFilters {
  title?: string | undefined;
  offeringCategoryId?: string | undefined;
  /** Tags an offering must all have (already split, at most MAX_TAG_FILTER). */
  tag?: string[] | undefined;
  createdDate?: DateRange | undefined;
  userId?: string | undefined;
}

/** Only the offerings the user may register into now: the very rule of POST /registrations. */
function availableTo(organizationId: string, userId: string, now: number): SQL {
  return sql`${liveUserExists(organizationId, userId)} AND ${unavailabilityReason(userId, now)} IS NULL`;
}

/** Up to `limit + 1` rows, by orderIndex, then createdDate, then id. */
export function listOfferings(db: Db, organizationId: string, filters: OfferingFilters, page: Page, now: number): Promise<OfferingRow[]> {
  const where = and(
    liveOffering(organizationId),
    containsIgnoringCase(offerings.title, filters.title),
    filters.offeringCategoryId === undefined
      ? undefined
      : sql`EXISTS (SELECT 1 FROM ${offeringCategoryLinks} l JOIN ${offeringCategories} c ON c.id = l.category_id
          WHERE l.offering_id = ${qualified(offerings.id)} AND l.category_id = ${filters.offeringCategoryId} AND c.deleted_at IS NULL)`,
    filters.tag === undefined || filters.tag.length === 0 ? undefined : containsAll(qualified(offerings.tags), filters.tag),
    dateRangeCondition(offerings.createdAt, filters.createdDate),
    filters.userId === undefined ? undefined : availableTo(organizationId, filters.userId, now),
  );
  return offsetPage(db.select(columns).from(offerings).where(where).orderBy(...orderIndexOrderBy(offerings)), page);
}
