/**
 * How long the webhook history is kept. The outbox gains an event for every subscribed change
 * and a delivery per webhook, so without an end it only grows. An event goes, with its
 * deliveries, 30 days after it happened once none of them is pending: a pending one may still
 * be sent (or is being retried), while a delivered or failed one is history. 30 days is what
 * providers of signed webhooks commonly keep (README "Webhooks").
 *
 * One run removes at most `limit` events, oldest first, in one atomic batch, so a cron tick
 * stays short and a backlog shrinks over a few ticks; nothing is half removed.
 */
import { and, asc, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { qualified } from "../db/qualified";
import { events, webhookDeliveries } from "../db/schema";

export const WEBHOOK_HISTORY_MS = 30 * 24 * 60 * 60 * 1000;
const PRUNE_LIMIT = 500;

/** Removes the events (and their deliveries) past the history window; how many events went. */
export async function pruneWebhookHistory(db: Db, now: number, limit = PRUNE_LIMIT): Promise<number> {
  const pending = sql`EXISTS (SELECT 1 FROM ${webhookDeliveries} d WHERE d.event_id = ${qualified(events.id)} AND d.status = 'pending')`;
  // The same oldest events in both statements: removing their finished deliveries changes
  // neither which events qualify nor their order, and the batch is one transaction.
  const expired = () =>
    db
      .select({ id: events.id })
      .from(events)
      .where(and(lt(events.createdAt, now - WEBHOOK_HISTORY_MS), sql`NOT ${pending}`))
      .orderBy(asc(events.createdAt))
      .limit(limit);
  const [, removed] = await db.batch([
    db.delete(webhookDeliveries).where(inArray(webhookDeliveries.eventId, expired())),
    db.delete(events).where(inArray(events.id, expired())).returning({ id: events.id }),
  ]);
  return removed.length;
}
