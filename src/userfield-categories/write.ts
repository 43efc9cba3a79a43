/** Creating, changing and deleting userfield categories: each one D1 call. */
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { runPlan, type CreatePlan, type CreateTarget } from "../db/create-plan";
import { newId } from "../lib/crypto";
import { liveUserfieldCategory, liveUserfieldCategoryExists } from "../db/live-userfields";
import { orderedCreatePlan } from "../db/ordered-create";
import { userfieldCategories, userfields } from "../db/schema";
import { updateSet } from "../db/update-set";
import type { UserfieldCategoryCreate, UserfieldCategoryUpdate } from "./schemas";

/** The batch that creates a category, last in the order unless `orderIndex` says (db/ordered-create.ts). */
export function createUserfieldCategoryPlan(
  db: Db,
  organizationId: string,
  input: UserfieldCategoryCreate,
  now: number,
  target: CreateTarget,
): CreatePlan<never> {
  return orderedCreatePlan(db, userfieldCategories, organizationId, liveUserfieldCategory(organizationId), target, {
    name: input.name,
    type: input.type ?? "public",
    orderIndex: input.orderIndex,
    createdAt: now,
  });
}

/** The category on its own (no Idempotency-Key), under a new id. */
export async function createUserfieldCategory(
  db: Db,
  organizationId: string,
  input: UserfieldCategoryCreate,
  now: number,
): Promise<void> {
  await runPlan(db, createUserfieldCategoryPlan(db, organizationId, input, now, { id: newId() }));
}

/** Changes the fields given; false when there is no such category. */
export async function updateUserfieldCategory(
  db: Db,
  organizationId: string,
  id: string,
  change: UserfieldCategoryUpdate,
): Promise<boolean> {
  const updated = await db
    .update(userfieldCategories)
    .set(updateSet({ name: change.name, type: change.type, orderIndex: change.orderIndex }, id))
    .where(liveUserfieldCategory(organizationId, id))
    .returning({ id: userfieldCategories.id });
  return updated.length > 0;
}

/**
 * Soft-deletes a category; its fields stay, without a category (API.md §7a), in the same
 * transaction. False when there is no such category.
 */
export async function deleteUserfieldCategory(db: Db, organizationId: string, id: string, now: number): Promise<boolean> {
  const [, deleted] = await db.batch([
    db
      .update(userfields)
      .set({ categoryId: null })
      .where(and(eq(userfields.categoryId, id), liveUserfieldCategoryExists(organizationId, id))),
    db
      .update(userfieldCategories)
      .set({ deletedAt: now })
      .where(liveUserfieldCategory(organizationId, id))
      .returning({ id: userfieldCategories.id }),
  ]);
  return deleted.length > 0;
}
