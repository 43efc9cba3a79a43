/** Reading registrations: one by id, and the paged, filtered list. */
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { columnsOf, type RowOf } from "../db/columns";
import { creationOrderPage, type CreationOrder } from "../db/creation-order";
import { equalIfGiven } from "../db/equal-filter";
import { offerings, registrations } from "../db/schema";
import { dateRangeCondition } from "../http/date-filter";
import { firstRow } from "../db/first-row";
import type { Page } from "../db/page";
import type { ListFilters } from "../http/list-filters";
import type { RegistrationListQuerySchema } from "./schemas";

export const columns = {
  ...columnsOf(registrations, "id", "userId", "offeringId", "status", "grade", "graderId", "graderComment", "createdAt", "beginAt", "lastActiveAt", "endAt"),
  title: offerings.title,
};

/** The offering's title is of an inner join: never null. */
export type RegistrationRow = RowOf<typeof columns>;

const listOrder: CreationOrder = { table: registrations, createdAt: registrations.createdAt, id: registrations.id };

function selectRegistrations(db: Db) {
  return db.select(columns).from(registrations).innerJoin(offerings, eq(offerings.id, registrations.offeringId));
}

export function getRegistration(db: Db, organizationId: string, id: string): Promise<RegistrationRow | undefined> {
  return firstRow(selectRegistrations(db).where(and(eq(registrations.organizationId, organizationId), eq(registrations.id, id))));
}

export type RegistrationFilters = ListFilters<typeof RegistrationListQuerySchema>;

/**
 * Up to `limit + 1` rows, oldest first: the extra row tells the caller that `next` exists.
 * Served by idx_registrations_org_created, or by its siblings for a user or an offering.
 */
export function listRegistrations(db: Db, organizationId: string, filters: RegistrationFilters, page: Page): Promise<RegistrationRow[]> {
  const where = and(
    eq(registrations.organizationId, organizationId),
    equalIfGiven(registrations.status, filters.status),
    equalIfGiven(registrations.userId, filters.userId),
    equalIfGiven(registrations.offeringId, filters.offeringId),
    dateRangeCondition(registrations.createdAt, filters.createdDate),
    dateRangeCondition(registrations.beginAt, filters.beginDate),
    dateRangeCondition(registrations.lastActiveAt, filters.lastActiveDate),
    dateRangeCondition(registrations.endAt, filters.endDate),
  );
  return creationOrderPage(db, selectRegistrations(db), listOrder, where, page);
}
