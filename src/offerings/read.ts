/** Reading offerings: one by id, and the paged, filtered list (including "available to a user"). */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { unavailabilityReason } from "../db/availability";
import { containsAll } from "../db/json-list";
import { liveOffering, liveUserExists } from "../db/live";
import { qualified } from "../db/qualified";
import { offeringCategories, offeringCategoryLinks, offerings } from "../db/schema";
import { columnsOf, type RowOf } from "../db/columns";
import { orderedReads } from "../db/ordered-reads";
import type { Page } from "../db/page";
import { dateRangeCondition } from "../http/date-filter";
import type { ListFilters } from "../http/list-filters";
import { containsIgnoringCase } from "../http/text-match";
import type { OfferingListQuerySchema } from "./schemas";

export const columns = {
  ...columnsOf(offerings, "id", "title", "summary", "thumbnailId", "createdAt", "beginDate", "endDate", "registrationBeginDate",
    "registrationEndDate", "catalogDescription", "dashboardDescription", "deliveryDescription", "price", "tags", "orderIndex",
    "allowRetake", "passingGrade", "seatLimit"),
  /** JSON array text of the live categories, in the order given. */
  offeringCategoryIds: sql<string>`(
    SELECT json_group_array(l.category_id ORDER BY l.position)
    FROM ${offeringCategoryLinks} l JOIN ${offeringCategories} c ON c.id = l.category_id
    WHERE l.offering_id = ${qualified(offerings.id)} AND c.deleted_at IS NULL)`,
};

export type OfferingRow = RowOf<typeof columns>;

const reads = orderedReads(offerings, columns, liveOffering);

export const getOffering = reads.get;

/** The list query's filters; `studentId` is read as `userId` by the route. */
export type OfferingFilters = Omit<ListFilters<typeof OfferingListQuerySchema>, "studentId">;

/** Only the offerings the user may register into now: the very rule of POST /registrations. */
function availableTo(organizationId: string, userId: string, now: number): SQL {
  return sql`${liveUserExists(organizationId, userId)} AND ${unavailabilityReason(userId, now)} IS NULL`;
}

/** Up to `limit + 1` rows, by orderIndex, then createdDate, then id. */
export function listOfferings(db: Db, organizationId: string, filters: OfferingFilters, page: Page, now: number): Promise<OfferingRow[]> {
  return reads.list(
    db,
    organizationId,
    page,
    containsIgnoringCase(offerings.title, filters.title),
    filters.offeringCategoryId === undefined
      ? undefined
      : sql`EXISTS (SELECT 1 FROM ${offeringCategoryLinks} l JOIN ${offeringCategories} c ON c.id = l.category_id
          WHERE l.offering_id = ${qualified(offerings.id)} AND l.category_id = ${filters.offeringCategoryId} AND c.deleted_at IS NULL)`,
    filters.tag === undefined || filters.tag.length === 0 ? undefined : containsAll(qualified(offerings.tags), filters.tag),
    dateRangeCondition(offerings.createdAt, filters.createdDate),
    filters.userId === undefined ? undefined : availableTo(organizationId, filters.userId, now),
  );
}
