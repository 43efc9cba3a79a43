/** Reading users: one by id, and the paged, filtered list. Deleted users do not exist here. */
import { and } from "drizzle-orm";
import type { Db } from "../db/client";
import { columnsOf, type RowOf } from "../db/columns";
import { creationOrderPage, type CreationOrder } from "../db/creation-order";
import { liveUser } from "../db/live";
import { users } from "../db/schema";
import { dateRangeCondition } from "../http/date-filter";
import type { ListFilters } from "../http/list-filters";
import { firstRow } from "../db/first-row";
import type { Page } from "../db/page";
import { containsIgnoringCase } from "../http/text-match";
import type { UserListQuerySchema } from "./schemas";

export const columns = columnsOf(users, "id", "firstName", "lastName", "username", "email", "locale", "tags", "createdAt", "lastLoginAt");

export type UserRow = RowOf<typeof columns>;

export function getUser(db: Db, organizationId: string, id: string): Promise<UserRow | undefined> {
  return firstRow(db.select(columns).from(users).where(liveUser(organizationId, id)));
}

export type UserFilters = ListFilters<typeof UserListQuerySchema>;

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
  return creationOrderPage(db, db.select(columns).from(users), listOrder, where, page);
}
