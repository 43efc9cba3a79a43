/** Reading a user's userfield values: only live fields, only for a live user. */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { liveUserfield } from "../db/live-userfields";
import { organizations, userfields, userfieldValues } from "../db/schema";
import { liveUserExists } from "../db/live";

export interface StoredValue {
  userfieldId: string;
  /** JSON text. */
  value: string;
}

/** The user's values in field order, or undefined when there is no such live user. */
export async function getUserfieldValues(db: Db, organizationId: string, userId: string): Promise<StoredValue[] | undefined> {
  const userLive = liveUserExists(organizationId, userId);
  const [[user], values] = await db.batch([
    db
      .select({ userExists: sql<number>`${userLive}`.as("user_exists") })
      .from(organizations)
      .where(eq(organizations.id, organizationId)),
    db
      .select({ userfieldId: userfieldValues.userfieldId, value: userfieldValues.value })
      .from(userfieldValues)
      .innerJoin(userfields, and(eq(userfields.id, userfieldValues.userfieldId), liveUserfield(organizationId)))
      .where(and(eq(userfieldValues.userId, userId), userLive))
      .orderBy(asc(userfields.orderIndex), asc(userfields.createdAt), asc(userfields.id)),
  ]);
  return user?.userExists ? values : undefined;
}
