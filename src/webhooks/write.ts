/** Creating (a plan for the create path), updating and deleting webhooks, and asking for a delivery again: one D1 call each. */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { runPlan, type CreatePlan, type CreateTarget } from "../db/create-plan";
import { newId, type KeyRing } from "../lib/crypto";
import { insertWhere } from "../db/insert-where";
import { webhookDeliveries, webhooks } from "../db/schema";
import { updateSet } from "../db/update-set";
import { liveWebhook } from "./read";
import { RETRY_WINDOW_MS } from "./schedule";
import type { WebhookCreate, WebhookUpdate } from "./schemas";
import { secretAtRest } from "./secret-at-rest";
import { newWebhookSecret } from "./signature";

/** A webhook's create: the plan of its one batch, and the secret its 201 shows. */
export interface WebhookPlan extends CreatePlan<never> {
  secret: string;
}

/** `secretsKeys`: the current one seals the stored secret (secret-at-rest.ts). */
export async function createWebhookPlan(
  db: Db,
  organizationId: string,
  input: WebhookCreate,
  now: number,
  { id, guard }: CreateTarget,
  secretsKeys: KeyRing | undefined,
): Promise<WebhookPlan> {
  const secret = newWebhookSecret();
  const values = {
    id,
    organizationId,
    url: input.url,
    events: JSON.stringify(input.events),
    description: input.description ?? null,
    enabled: input.enabled ?? true,
    secret: await secretAtRest(secret, id, secretsKeys),
    createdAt: now,
  };
  return {
    statements: [insertWhere(db, webhooks, organizationId, values, guard ?? sql`1`)],
    written: sql`EXISTS (SELECT 1 FROM ${webhooks} WHERE ${webhooks.id} = ${id})`,
    // The URL was checked by the route; under a claim, the claim decides.
    refusal: () => null,
    secret,
  };
}

/** The webhook on its own (no Idempotency-Key). */
export async function createWebhook(
  db: Db,
  organizationId: string,
  input: WebhookCreate,
  now: number,
  secretsKeys?: KeyRing,
): Promise<{ id: string; secret: string }> {
  const id = newId();
  const plan = await createWebhookPlan(db, organizationId, input, now, { id }, secretsKeys);
  await runPlan(db, plan);
  return { id, secret: plan.secret };
}

/** False when there is no such live webhook. */
export async function updateWebhook(db: Db, organizationId: string, id: string, input: WebhookUpdate): Promise<boolean> {
  const changes = {
    url: input.url,
    events: input.events === undefined ? undefined : JSON.stringify(input.events),
    description: input.description,
    enabled: input.enabled,
  };
  const updated = await db
    .update(webhooks)
    .set(updateSet(changes, id))
    .where(liveWebhook(organizationId, id))
    .returning({ id: webhooks.id });
  return updated.length > 0;
}

/** Hides the webhook; its pending deliveries then end as failed at their next attempt. */
export async function deleteWebhook(db: Db, organizationId: string, id: string, now: number): Promise<boolean> {
  const deleted = await db
    .update(webhooks)
    .set({ deletedAt: now })
    .where(liveWebhook(organizationId, id))
    .returning({ id: webhooks.id });
  return deleted.length > 0;
}

/**
 * Makes a delivery pending again, due now, with a fresh 24-hour window; the same event (the
 * same `webhook-id`) is sent again. False when the webhook or the delivery is not there.
 */
export async function retryDelivery(db: Db, organizationId: string, webhookId: string, deliveryId: string, now: number): Promise<boolean> {
  const updated = await db
    .update(webhookDeliveries)
    .set({ status: "pending", nextAttemptAt: now, giveUpAt: now + RETRY_WINDOW_MS, enqueuedAt: null })
    .where(
      and(
        eq(webhookDeliveries.id, deliveryId),
        eq(webhookDeliveries.webhookId, webhookId),
        eq(webhookDeliveries.organizationId, organizationId),
        sql`EXISTS (SELECT 1 FROM ${webhooks} WHERE ${liveWebhook(organizationId, webhookId)})`,
      ),
    )
    .returning({ id: webhookDeliveries.id });
  return updated.length > 0;
}
