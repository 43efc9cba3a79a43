/** Reading users: one by id, and the paged, filtered list. Deleted users do not exist here. */
import { and } from "drizzle-orm";
import type { Db } from "../db/client";
import { creationOrderBy, pageCondition, type CreationOrder } from "../db/creation-order";
import { liveUser } from "../db/live";
import { users } from "../db/schema";
import { dateRangeCondition, type DateRange } from "../http/date-filter";
import { firstRow } from "../db/first-row";
import type { Page } from "../db/page";
import { containsIgnoringCase } from "../http/text-match";
import type { UserRow } from "./representation";

export const columns = {
  id: users.id,
  firstName: users.firstName,
  lastName: users.lastName,
  username: users.username,
  email: users.email,
  locale: users.locale,
  tags: users.tags,
  createdAt: users.createdAt,
  lastLoginAt: users.lastLoginAt,
};

export function getUser(db: Db, organizationId: string, id: string): Promise<UserRow | undefined> {
  return firstRow(db.select(columns).from(users).where(liveUser(organizationId, id)));
}

export interface UserFilters {
  firstName?: string | undefined;
  lastName?: string | undefined;
  username?: string | undefined;
  email?: string | undefined;
  createdDate?: DateRange | undefined;
  lastLoginDate?: DateRange | undefined;
}

const listOrder: CreationOrder = { table: users, createdAt: users.createdAt, id: users.id };

/** Up to `limit + 1` rows, oldest first (idx_users_org_created). */
export function listUsers(db: Db, organizationId: string, filters: UserFilters, page: Page): Promise<UserRow[]> {
  const where = and(
    liveUser(organizationId),
    containsIgnoringCase(users.firstName, filters.firstName),
    containsIgnoringCase(users.lastName, filters.lastName),
    containsIgnoringCase(users.username, filters.username),
    containsIgnoringCase(users.email, filters.email),
    dateRangeCondition(users.createdAt, filters.createdDate),
    dateRangeCondition(users.lastLoginAt, filters.lastLoginDate),
  );
  return db
    .select(columns)
    .from(users)
    .where(pageCondition(db, listOrder, where, page))
    .orderBy(...creationOrderBy(listOrder))
    .limit(page.limit + 1);
}
