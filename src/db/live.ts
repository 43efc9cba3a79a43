/**
 * The rows the API ever sees: the live (not deleted) users, offerings and offering categories of
 * an organization. Every resource that reads or guards on another's rows starts here, so the
 * rule is written once and no resource folder imports another.
 */
import { and, eq, isNull, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { offeringCategories, offerings, users } from "./schema";

/** The condition of a live user of the organization (one user when `id` is given; SQL: a batch's item). */
export function liveUser(organizationId: string, id?: string | SQLWrapper): SQL {
  return and(
    eq(users.organizationId, organizationId),
    id === undefined ? undefined : eq(users.id, id),
    isNull(users.deletedAt),
  ) as SQL;
}

/** SQL true when `id` is a live user of the organization (a subquery for any statement). */
export function liveUserExists(organizationId: string, id: string | SQLWrapper): SQL {
  return sql`EXISTS (SELECT 1 FROM ${users} WHERE ${liveUser(organizationId, id)})`;
}

/** The condition of a live offering of the organization (one offering when `id` is given; SQL: a batch's item). */
export function liveOffering(organizationId: string, id?: string | SQLWrapper): SQL {
  return and(
    eq(offerings.organizationId, organizationId),
    id === undefined ? undefined : eq(offerings.id, id),
    isNull(offerings.deletedAt),
  ) as SQL;
}

/** The organization's categories that are not deleted. */
export function liveCategoriesOf(organizationId: string): SQL {
  return and(eq(offeringCategories.organizationId, organizationId), isNull(offeringCategories.deletedAt)) as SQL;
}
