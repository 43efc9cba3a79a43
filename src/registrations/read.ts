/** Reading registrations: one by id, and the paged, filtered list. */
import { and, eq, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { creationOrderBy, pageCondition, type CreationOrder } from "../db/creation-order";
import { offerings, registrations, type RegistrationStatus } from "../db/schema";
import { dateRangeCondition, type DateRange } from "../http/date-filter";
import { firstRow } from "../db/first-row";
import type { Page } from "../db/page";
import type { RegistrationRow } from "./representation";

export const columns = {
  id: registrations.id,
  userId: registrations.userId,
  offeringId: registrations.offeringId,
  title: offerings.title,
  status: registrations.status,
  grade: registrations.grade,
  graderId: registrations.graderId,
  graderComment: registrations.graderComment,
  createdAt: registrations.createdAt,
  beginAt: registrations.beginAt,
  lastActiveAt: registrations.lastActiveAt,
  endAt: registrations.endAt,
};

const listOrder: CreationOrder = { table: registrations, createdAt: registrations.createdAt, id: registrations.id };

function selectRegistrations(db: Db, where: SQL | undefined) {
  return db
    .select(columns)
    .from(registrations)
    .innerJoin(offerings, eq(offerings.id, registrations.offeringId))
    .where(where);
}

export function getRegistration(db: Db, organizationId: string, id: string): Promise<RegistrationRow | undefined> {
  return firstRow(selectRegistrations(db, and(eq(registrations.organizationId, organizationId), eq(registrations.id, id))));
}

export interface RegistrationFilters {
  status?: RegistrationStatus | undefined;
  userId?: string | undefined;
  offeringId?: string | undefined;
  createdDate?: DateRange | undefined;
  beginDate?: DateRange | undefined;
  lastActiveDate?: DateRange | undefined;
  endDate?: DateRange | undefined;
}

/**
 * Up to `limit + 1` rows, oldest first: the extra row tells the caller that `next` exists.
 * Served by idx_registrations_org_created, or by its siblings for a user or an offering.
 */
export function listRegistrations(db: Db, organizationId: string, filters: RegistrationFilters, page: Page): Promise<RegistrationRow[]> {
  const where = and(
    eq(registrations.organizationId, organizationId),
    filters.status === undefined ? undefined : eq(registrations.status, filters.status),
    filters.userId === undefined ? undefined : eq(registrations.userId, filters.userId),
    filters.offeringId === undefined ? undefined : eq(registrations.offeringId, filters.offeringId),
    dateRangeCondition(registrations.createdAt, filters.createdDate),
    dateRangeCondition(registrations.beginAt, filters.beginDate),
    dateRangeCondition(registrations.lastActiveAt, filters.lastActiveDate),
    dateRangeCondition(registrations.endAt, filters.endDate),
  );
  return selectRegistrations(db, pageCondition(db, listOrder, where, page))
    .orderBy(...creationOrderBy(listOrder))
    .limit(page.limit + 1);
}
