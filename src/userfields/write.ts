/**
 * Creating, changing and deleting userfields: each one batch whose first statement explains a
 * refusal (name in use, unknown category, type change while users hold values, missing options)
 * and whose write is guarded by the same conditions, so checking and writing are one step.
 */
import { and, eq, ne, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { runPlan, type CreatePlan, type CreateTarget } from "../db/create-plan";
import { newId } from "../lib/crypto";
import { insertWhere } from "../db/insert-where";
import { liveUserfield, liveUserfieldCategoryExists } from "../db/live-userfields";
import { nextOrderIndex } from "../db/order-index";
import { qualified } from "../db/qualified";
import { organizations, userfields, userfieldValues, users, type UserfieldType } from "../db/schema";
import { updateSet } from "../db/update-set";
import { BOUNDED_TYPES, OPTION_TYPES, OPTIONS_REQUIRED } from "./field-types";
import { MESSAGES } from "../http/errors";
import type { UserfieldCreate, UserfieldUpdate } from "./schemas";

export type UserfieldWriteResult = { ok: true } | { ok: false; notFound: boolean; fieldErrors: Record<string, string> };

const truth = (condition: SQL) => sql<number>`${condition}`;
const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
const typeList = (types: readonly UserfieldType[]) => sql.join(types.map((type) => sql`${type}`), sql`, `);

/** Another live field of the organization has this name (case-insensitively). */
function nameTaken(organizationId: string, name: string | undefined, exceptId?: string): SQL {
  if (name === undefined) return sql`0`;
  return sql`EXISTS (SELECT 1 FROM ${userfields} WHERE ${and(
    liveUserfield(organizationId),
    eq(userfields.nameKey, name.toLowerCase()),
    exceptId === undefined ? undefined : ne(userfields.id, exceptId),
  )})`;
}

/** `categoryId` is absent, `""` (none), or a live category of the organization. */
function categoryOk(organizationId: string, categoryId: string | undefined): SQL {
  if (categoryId === undefined || categoryId === "") return sql`1`;
  return liveUserfieldCategoryExists(organizationId, categoryId);
}

/** A live user holds a value of the field (a deleted user's values are hidden with them). */
function holdsValues(id: string): SQL {
  return sql`EXISTS (SELECT 1 FROM ${userfieldValues} INNER JOIN ${users} ON ${qualified(users.id)} = ${qualified(userfieldValues.userId)} WHERE ${qualified(userfieldValues.userfieldId)} = ${id} AND ${qualified(users.deletedAt)} IS NULL)`;
}

function explain(
  check: { nameTaken: number; categoryOk: number; typeLocked?: number; optionsMissing?: number } | undefined,
): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  if (check?.nameTaken) fieldErrors.name = MESSAGES.userfieldNameTaken;
  if (check?.typeLocked) fieldErrors.type = MESSAGES.userfieldTypeLocked;
  if (check?.categoryOk === 0) fieldErrors.categoryId = MESSAGES.unknownUserfieldCategory;
  if (check?.optionsMissing) fieldErrors.options = OPTIONS_REQUIRED;
  return fieldErrors;
}

/**
 * The batch that creates a userfield unless another live field has its name or its category is
 * not one of the organization's: the first statement explains a refusal, the insert requires
 * the same conditions (and the caller's guard).
 */
export function createUserfieldPlan(
  db: Db,
  organizationId: string,
  input: UserfieldCreate,
  now: number,
  target: CreateTarget,
): CreatePlan<Record<string, string>> {
  const { id, guard } = target;
  const taken = nameTaken(organizationId, input.name);
  const category = categoryOk(organizationId, input.categoryId);
  const values = {
    id,
    organizationId,
    name: input.name,
    nameKey: input.name.toLowerCase(),
    type: input.type,
    categoryId: input.categoryId === undefined || input.categoryId === "" ? null : input.categoryId,
    orderIndex: input.orderIndex ?? nextOrderIndex(db, userfields, userfields.orderIndex, liveUserfield(organizationId)),
    required: input.required ?? false,
    readOnly: input.readOnly ?? false,
    message: input.message === "" ? null : (input.message ?? null),
    options: OPTION_TYPES.includes(input.type) ? json(input.options) : null,
    constraints: BOUNDED_TYPES.includes(input.type) ? json(input.constraints) : null,
    localizedNames: json(input.localizedNames),
    createdAt: now,
  };
  return {
    statements: [
      db
        .select({ nameTaken: truth(taken).as("name_taken"), categoryOk: truth(category).as("category_ok") })
        .from(organizations)
        .where(eq(organizations.id, organizationId)),
      // The partial unique index on live names refuses a twin that slips past the condition.
      insertWhere(db, userfields, organizationId, values, and(sql`NOT ${taken}`, category, guard) as SQL)
        .onConflictDoNothing()
        .returning({ id: userfields.id }),
    ],
    written: sql`EXISTS (SELECT 1 FROM ${userfields} WHERE ${userfields.id} = ${id})`,
    refusal(results) {
      const [[check], inserted] = results as [{ nameTaken: number; categoryOk: number }[], unknown[]];
      if (inserted.length > 0) return null;
      return explain(check);
    },
  };
}

/** The userfield on its own (no Idempotency-Key), under a new id: null when created, else the field errors. */
export function createUserfield(
  db: Db,
  organizationId: string,
  input: UserfieldCreate,
  now: number,
): Promise<Record<string, string> | null> {
  return runPlan(db, createUserfieldPlan(db, organizationId, input, now, { id: newId() }));
}

/** The SET of a column that only some types keep: the given value, else the stored one, else none. */
function keptFor(types: readonly UserfieldType[], effectiveType: SQL, given: string | null, stored: SQL): SQL {
  return sql`CASE WHEN ${effectiveType} IN (${typeList(types)}) THEN coalesce(${given}, ${stored}) ELSE NULL END`;
}

export async function updateUserfield(
  db: Db,
  organizationId: string,
  id: string,
  change: UserfieldUpdate,
): Promise<UserfieldWriteResult> {
  const effectiveType = change.type === undefined ? sql`${userfields.type}` : sql`${change.type}`;
  const set: Record<string, unknown> = {};
  if (change.name !== undefined) Object.assign(set, { name: change.name, nameKey: change.name.toLowerCase() });
  if (change.type !== undefined) set.type = change.type;
  if (change.categoryId !== undefined) set.categoryId = change.categoryId === "" ? null : change.categoryId;
  if (change.orderIndex !== undefined) set.orderIndex = change.orderIndex;
  if (change.required !== undefined) set.required = change.required;
  if (change.readOnly !== undefined) set.readOnly = change.readOnly;
  if (change.message !== undefined) set.message = change.message === "" ? null : change.message;
  if (change.localizedNames !== undefined) set.localizedNames = json(change.localizedNames);
  if (change.type !== undefined || change.options !== undefined) {
    set.options = keptFor(OPTION_TYPES, effectiveType, json(change.options), sql`${userfields.options}`);
  }
  if (change.type !== undefined || change.constraints !== undefined) {
    set.constraints = keptFor(BOUNDED_TYPES, effectiveType, json(change.constraints), sql`${userfields.constraints}`);
  }

  const taken = nameTaken(organizationId, change.name, id);
  const category = categoryOk(organizationId, change.categoryId);
  const typeLocked = change.type === undefined ? sql`0` : sql`(${userfields.type} <> ${change.type} AND ${holdsValues(id)})`;
  const optionsMissing =
    change.type === undefined || !OPTION_TYPES.includes(change.type)
      ? sql`0`
      : sql`coalesce(${json(change.options)}, ${userfields.options}) IS NULL`;

  const [[check], updated] = await db.batch([
    db
      .select({
        nameTaken: truth(taken).as("name_taken"),
        categoryOk: truth(category).as("category_ok"),
        typeLocked: truth(typeLocked).as("type_locked"),
        optionsMissing: truth(optionsMissing).as("options_missing"),
      })
      .from(userfields)
      .where(liveUserfield(organizationId, id)),
    db
      .update(userfields)
      .set(updateSet(set, id))
      .where(
        and(liveUserfield(organizationId, id), sql`NOT ${taken}`, category, sql`NOT ${typeLocked}`, sql`NOT ${optionsMissing}`),
      )
      .returning({ id: userfields.id }),
  ]);
  if (updated.length > 0) return { ok: true };
  if (check === undefined) return { ok: false, notFound: true, fieldErrors: {} };
  return { ok: false, notFound: false, fieldErrors: explain(check) };
}

/** Soft-deletes a field and deletes its values in one transaction; false when there is none. */
export async function deleteUserfield(db: Db, organizationId: string, id: string, now: number): Promise<boolean> {
  const [, deleted] = await db.batch([
    db
      .delete(userfieldValues)
      .where(
        and(
          eq(userfieldValues.userfieldId, id),
          sql`EXISTS (SELECT 1 FROM ${userfields} WHERE ${liveUserfield(organizationId, id)})`,
        ),
      ),
    db.update(userfields).set({ deletedAt: now }).where(liveUserfield(organizationId, id)).returning({ id: userfields.id }),
  ]);
  return deleted.length > 0;
}
