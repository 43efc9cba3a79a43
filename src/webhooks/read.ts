/**
 * Reading webhooks and their deliveries. Only `createdSecret` selects the secret: for the replay
 * of the create that made it (same organization, key and body), never for a GET.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { columnsOf, type RowOf } from "../db/columns";
import { liveRowsOf } from "../db/live";
import { events, webhookDeliveries, webhooks } from "../db/schema";
import { firstRow } from "../db/first-row";
import type { KeyRing } from "../lib/crypto";
import { secretFromRest } from "./secret-at-rest";
import { offsetPage, type Page } from "../db/page";

const columns = columnsOf(webhooks, "id", "url", "events", "description", "enabled", "createdAt");

export type WebhookRow = RowOf<typeof columns>;

/** The condition of a live webhook of the organization (one webhook when `id` is given). */
export const liveWebhook = liveRowsOf(webhooks);

export function getWebhook(db: Db, organizationId: string, id: string): Promise<WebhookRow | undefined> {
  return firstRow(db.select(columns).from(webhooks).where(liveWebhook(organizationId, id)));
}

/**
 * The id and secret a create answered with, for its replay: the webhook named by the replayed
 * Location, in the organization, deleted since or not (a replay answers as the original did).
 */
export async function createdSecret(
  db: Db,
  organizationId: string,
  id: string,
  secretsKeys: KeyRing | undefined,
): Promise<{ id: string; secret: string } | undefined> {
  const owned = and(eq(webhooks.organizationId, organizationId), eq(webhooks.id, id));
  const row = await firstRow(db.select({ id: webhooks.id, secret: webhooks.secret }).from(webhooks).where(owned));
  return row === undefined ? undefined : { id: row.id, secret: await secretFromRest(row.secret, row.id, secretsKeys) };
}

/** Up to `limit + 1` rows, oldest first. */
export function listWebhooks(db: Db, organizationId: string, page: Page): Promise<WebhookRow[]> {
  return offsetPage(db.select(columns).from(webhooks).where(liveWebhook(organizationId)).orderBy(asc(webhooks.createdAt), asc(webhooks.id)), page);
}

const deliveryColumns = {
  ...columnsOf(webhookDeliveries, "id", "eventId", "status", "attempts", "lastStatusCode", "lastAttemptAt", "nextAttemptAt"),
  type: events.type,
};

/** The event's type is of an inner join: never null. */
export type DeliveryRow = RowOf<typeof deliveryColumns>;

/**
 * Up to `limit + 1` deliveries of a live webhook of the organization, oldest first, and whether
 * the webhook exists (one batch: a 404 and an empty page are told apart in the same call).
 */
export async function listDeliveries(
  db: Db,
  organizationId: string,
  webhookId: string,
  page: Page,
): Promise<{ found: boolean; rows: DeliveryRow[] }> {
  const deliveries = offsetPage(
    db
      .select(deliveryColumns)
      .from(webhookDeliveries)
      .innerJoin(events, eq(events.id, webhookDeliveries.eventId))
      .where(
        and(
          eq(webhookDeliveries.webhookId, webhookId),
          eq(webhookDeliveries.organizationId, organizationId),
          sql`EXISTS (SELECT 1 FROM ${webhooks} WHERE ${liveWebhook(organizationId, webhookId)})`,
        ),
      )
      .orderBy(asc(webhookDeliveries.createdAt), asc(webhookDeliveries.id)),
    page,
  );
  const [found, rows] = await db.batch([
    db.select({ id: webhooks.id }).from(webhooks).where(liveWebhook(organizationId, webhookId)),
    deliveries,
  ]);
  return { found: found.length > 0, rows };
}
