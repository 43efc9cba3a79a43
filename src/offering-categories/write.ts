/** Creating, changing and deleting offering categories: each one D1 call. */
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import type { CreatePlan, CreateTarget } from "../db/create-plan";
import { inRowsOf } from "../db/in-rows-of";
import { liveOfferingCategory } from "../db/live";
import { orderedCreatePlan } from "../db/ordered-create";
import { updateSet } from "../db/update-set";
import { offeringCategories, offeringCategoryLinks } from "../db/schema";
import type { OfferingCategoryCreate, OfferingCategoryUpdate } from "./schemas";

/** The batch that creates a category, last in the order unless `orderIndex` says (db/ordered-create.ts). */
export function createOfferingCategoryPlan(
  db: Db,
  organizationId: string,
  input: OfferingCategoryCreate,
  now: number,
  target: CreateTarget,
): CreatePlan<never> {
  return orderedCreatePlan(db, offeringCategories, organizationId, liveOfferingCategory(organizationId), target, {
    name: input.name,
    description: input.description ?? null,
    color: input.color ?? null,
    orderIndex: input.orderIndex,
    createdAt: now,
  });
}

/** Changes the fields given (null clears an optional one); false when there is no such category. */
export async function updateOfferingCategory(
  db: Db,
  organizationId: string,
  id: string,
  change: OfferingCategoryUpdate,
): Promise<boolean> {
  const set = updateSet({ name: change.name, description: change.description, color: change.color, orderIndex: change.orderIndex }, id);
  const updated = await db
    .update(offeringCategories)
    .set(set)
    .where(liveOfferingCategory(organizationId, id))
    .returning({ id: offeringCategories.id });
  return updated.length > 0;
}

/**
 * Soft-deletes a category and removes its links to offerings in one transaction, so no offering
 * lists a deleted category in `offeringCategoryIds`. False when there is no such category.
 */
export async function deleteOfferingCategory(
  db: Db,
  organizationId: string,
  id: string,
  now: number,
): Promise<boolean> {
  const own = liveOfferingCategory(organizationId, id);
  const [, deleted] = await db.batch([
    // Guarded by the same condition as the soft delete: another organization's links stay.
    db
      .delete(offeringCategoryLinks)
      .where(and(eq(offeringCategoryLinks.categoryId, id), inRowsOf(db, offeringCategoryLinks.categoryId, offeringCategories, own))),
    db
      .update(offeringCategories)
      .set({ deletedAt: now })
      .where(own)
      .returning({ id: offeringCategories.id }),
  ]);
  return deleted.length > 0;
}
