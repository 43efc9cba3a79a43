/**
 * Creating, updating and deleting offerings. Every check that needs the database (date order
 * against stored values, categories of the organization) is a guard inside the one batch.
 */
import { and, eq, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { Db } from "../db/client";
import { runPlan, type CreatePlan, type CreateTarget } from "../db/create-plan";
import { newId } from "../lib/crypto";
import { insertWhere } from "../db/insert-where";
import { isOneOf } from "../db/json-list";
import { liveOfferingCategory, liveOffering } from "../db/live";
import { nextOrderIndex } from "../db/order-index";
import { offeringCategories, offeringCategoryLinks, offerings, organizations } from "../db/schema";
import { outboxEvent } from "../db/outbox";
import { updateSet } from "../db/update-set";
import { MESSAGES } from "../http/errors";
import { offeringEventSource } from "./events";
import type { OfferingCreate, OfferingUpdate } from "./schemas";

export type OfferingFieldErrors = Record<string, string>;

export type WriteOfferingResult = { ok: true; id: string } | { ok: false; notFound: boolean; fieldErrors: OfferingFieldErrors };

type Value = SQLWrapper | number | null;

/** An end may not come before its begin; either being unset satisfies the rule. */
function inOrder(begin: Value, end: Value): SQL {
  return sql`(${begin} IS NULL OR ${end} IS NULL OR ${end} >= ${begin})`;
}

/** All the given category ids name live categories of the organization (ids as a JSON array). */
function categoriesExist(organizationId: string, ids: string[] | undefined): SQL {
  if (ids === undefined || ids.length === 0) return sql`1`;
  return sql`(SELECT count(*) FROM json_each(${JSON.stringify(ids)}) j
    JOIN ${offeringCategories} c ON c.id = j.value AND c.organization_id = ${organizationId} AND c.deleted_at IS NULL
  ) = ${ids.length}`;
}

interface Checks {
  registrationOrder: SQL;
  dateOrder: SQL;
  categories: SQL;
}

function allHold(checks: Checks): SQL {
  return sql`(${checks.registrationOrder} AND ${checks.dateOrder} AND ${checks.categories})`;
}

interface Verdict {
  registrationOrder: number;
  dateOrder: number;
  categories: number;
}

/** The checks' verdicts, read in the same batch, say which field failed. */
function failures(verdict: Verdict): OfferingFieldErrors {
  const errors: OfferingFieldErrors = {};
  if (!verdict.registrationOrder) errors.registrationEndDate = MESSAGES.registrationEndBeforeBegin;
  if (!verdict.dateOrder) errors.endDate = MESSAGES.endBeforeBegin;
  if (!verdict.categories) errors.offeringCategoryIds = MESSAGES.unknownCategories;
  return errors;
}

/** Aliased: D1 batch results are keyed by column name, so two identical expressions would collide. */
function verdicts(checks: Checks) {
  return {
    registrationOrder: sql<number>`${checks.registrationOrder}`.as("registration_order"),
    dateOrder: sql<number>`${checks.dateOrder}`.as("date_order"),
    categories: sql<number>`${checks.categories}`.as("categories"),
  };
}

/** Links the offering to the live categories `ids` names, in their order, when `guard` holds. */
function insertLinks(db: Db, organizationId: string, offeringId: string, ids: string[], guard: SQL) {
  const list = JSON.stringify(ids);
  return db.insert(offeringCategoryLinks).select(
    db
      .select({
        offeringId: sql<string>`${offeringId}`.as("offering_id"),
        categoryId: offeringCategories.id,
        // Qualified by hand: json_each has an `id` column of its own that a bare name would bind to.
        position: sql<number>`(SELECT j.key FROM json_each(${list}) j WHERE j.value = "offering_categories"."id")`.as(
          "position",
        ),
      })
      .from(offeringCategories)
      .where(
        and(
          isOneOf(offeringCategories.id, ids),
          liveOfferingCategory(organizationId),
          guard,
        ),
      ),
  );
}

/** Replaces the offering's category links with `ids` when `guard` holds. */
function replaceLinks(db: Db, organizationId: string, offeringId: string, ids: string[], guard: SQL) {
  return [
    db.delete(offeringCategoryLinks).where(and(eq(offeringCategoryLinks.offeringId, offeringId), guard)),
    insertLinks(db, organizationId, offeringId, ids, guard),
  ] as const;
}

/** Fields of the body as table values (`undefined`: not given). */
function tableValues(input: OfferingUpdate) {
  return {
    title: input.title,
    summary: input.summary,
    thumbnailId: input.thumbnailId,
    catalogDescription: input.catalogDescription,
    dashboardDescription: input.dashboardDescription,
    deliveryDescription: input.deliveryDescription,
    price: input.price,
    tags: input.tags === undefined ? undefined : JSON.stringify(input.tags),
    orderIndex: input.orderIndex,
    beginDate: input.beginDate,
    endDate: input.endDate,
    registrationBeginDate: input.registrationBeginDate,
    registrationEndDate: input.registrationEndDate,
    allowRetake: input.allowRetake,
    passingGrade: input.passingGrade,
    seatLimit: input.seatLimit,
  };
}

/** The batch that creates an offering when its dates are in order and its categories exist. */
export function createOfferingPlan(
  db: Db,
  organizationId: string,
  input: OfferingCreate,
  now: number,
  target: CreateTarget,
): CreatePlan<OfferingFieldErrors> {
  const { id, guard } = target;
  const checks: Checks = {
    registrationOrder: inOrder(input.registrationBeginDate ?? null, input.registrationEndDate ?? null),
    dateOrder: inOrder(input.beginDate ?? null, input.endDate ?? null),
    categories: categoriesExist(organizationId, input.offeringCategoryIds),
  };
  const written = sql`EXISTS (SELECT 1 FROM ${offerings} WHERE ${offerings.id} = ${id})`;
  const values = {
    ...tableValues(input),
    id,
    organizationId,
    // Default position: after the last offering of the organization.
    orderIndex: input.orderIndex ?? nextOrderIndex(db, offerings, offerings.orderIndex, liveOffering(organizationId)),
    createdAt: now,
  };
  return {
    statements: [
      db.select(verdicts(checks)).from(organizations).where(eq(organizations.id, organizationId)),
      insertWhere(db, offerings, organizationId, values, and(allHold(checks), guard) as SQL),
      insertLinks(db, organizationId, id, input.offeringCategoryIds ?? [], written),
      db.select({ id: offerings.id }).from(offerings).where(eq(offerings.id, id)),
      outboxEvent(db, { organizationId, type: "offering.created", now }, offeringEventSource(db, eq(offerings.id, id))),
    ],
    written,
    refusal(results) {
      const [[verdict], , , inserted] = results as [Verdict[], unknown, unknown, unknown[]];
      if (inserted.length > 0) return null;
      return failures(verdict ?? { registrationOrder: 1, dateOrder: 1, categories: 1 });
    },
  };
}

/** The offering on its own (no Idempotency-Key): null when created, else the field errors. */
export function createOffering(db: Db, organizationId: string, input: OfferingCreate, now: number): Promise<OfferingFieldErrors | null> {
  return runPlan(db, createOfferingPlan(db, organizationId, input, now, { id: newId() }));
}

export async function updateOffering(
  db: Db,
  organizationId: string,
  id: string,
  input: OfferingUpdate,
  now: number,
): Promise<WriteOfferingResult> {
  // Unchanged dates are checked against their stored values.
  const merged = (given: number | null | undefined, column: SQLWrapper): Value => (given === undefined ? column : given);
  const checks: Checks = {
    registrationOrder: inOrder(
      merged(input.registrationBeginDate, offerings.registrationBeginDate),
      merged(input.registrationEndDate, offerings.registrationEndDate),
    ),
    dateOrder: inOrder(merged(input.beginDate, offerings.beginDate), merged(input.endDate, offerings.endDate)),
    categories: categoriesExist(organizationId, input.offeringCategoryIds),
  };
  const guard = and(liveOffering(organizationId, id), allHold(checks)) as SQL;
  // Links go first: every statement then sees the offering as it was, so all guards agree.
  const links =
    input.offeringCategoryIds === undefined
      ? []
      : replaceLinks(db, organizationId, id, input.offeringCategoryIds, sql`EXISTS (SELECT 1 FROM ${offerings} WHERE ${guard})`);
  const [found, ...rest] = await db.batch([
    db.select(verdicts(checks)).from(offerings).where(liveOffering(organizationId, id)),
    ...links,
    db
      .update(offerings)
      .set(updateSet(tableValues(input), id))
      .where(guard)
      .returning({ id: offerings.id }),
    // After the update (its guard still holds exactly when it happened), links included.
    outboxEvent(db, { organizationId, type: "offering.updated", now }, offeringEventSource(db, guard)),
  ] as const);
  const updated = rest[rest.length - 2] as { id: string }[];
  if (updated.length > 0) return { ok: true, id };
  const [verdict] = found as Verdict[];
  if (verdict === undefined) return { ok: false, notFound: true, fieldErrors: {} };
  return { ok: false, notFound: false, fieldErrors: failures(verdict) };
}

/** Hides the offering and blocks new registrations; existing registrations stay readable. */
export async function deleteOffering(db: Db, organizationId: string, id: string, now: number): Promise<boolean> {
  const [, deleted] = await db.batch([
    // Before the delete, under its guard: the offering as GET returned it.
    outboxEvent(db, { organizationId, type: "offering.deleted", now }, offeringEventSource(db, liveOffering(organizationId, id))),
    db.update(offerings).set({ deletedAt: now }).where(liveOffering(organizationId, id)).returning({ id: offerings.id }),
  ]);
  return deleted.length > 0;
}
