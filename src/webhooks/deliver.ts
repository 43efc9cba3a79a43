/**
 * One delivery attempt, and the claims that hand pending deliveries to a transport (the queue on
 * Workers, the in-process loop on Deno). D1 holds the state of every delivery; a transport only
 * says when to try. Delivery is at least once: a receiver deduplicates by `webhook-id`.
 */
import { and, eq, inArray, isNotNull, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { events, webhookDeliveries, webhooks } from "../db/schema";
import type { KeyRing } from "../lib/crypto";
import { formatDate } from "../lib/iso-date";
import { ATTEMPT_TIMEOUT_MS, backoffSeconds } from "./schedule";
import { secretFromRest } from "./secret-at-rest";
import { sign } from "./signature";

/** The event's `data` as GET returns the resource: provided by the app (src/event-data.ts). */
export type RenderEvent = (type: string, storedData: string) => unknown;

export interface DeliveryDeps {
  render: RenderEvent;
  fetch: typeof fetch;
  now(): number;
  /** WEBHOOK_SECRETS_KEY (and WEBHOOK_SECRETS_PREVIOUS_KEY): open the sealed secrets (secret-at-rest.ts). */
  secretsKeys?: KeyRing | undefined;
}

export type Outcome = { kind: "delivered" } | { kind: "retry"; delaySeconds: number } | { kind: "settled" };

/** The body every attempt of an event sends (the same bytes each time). */
export function eventBody(type: string, createdAt: number, data: unknown): string {
  return JSON.stringify({ type, timestamp: formatDate(createdAt), data });
}

async function post(deps: DeliveryDeps, url: string, headers: Record<string, string>, body: string): Promise<number | null> {
  try {
    const response = await deps.fetch(url, {
      method: "POST",
      headers,
      body,
      // A redirect is not a delivery, and following it could lead anywhere.
      redirect: "manual",
      signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return response.status;
  } catch {
    return null;
  }
}

/**
 * Tries a pending delivery once: POST, signed, 10 s at most; records the result. A 2xx is
 * delivered; anything else waits for the next attempt of the schedule, or fails the delivery
 * once its 24 hours are over. A delivery that is not pending (delivered, failed, unknown) is
 * left alone; one whose webhook was deleted or disabled fails without a request.
 */
export async function attemptDelivery(db: Db, deliveryId: string, deps: DeliveryDeps): Promise<Outcome> {
  const [row] = await db
    .select({
      attempts: webhookDeliveries.attempts,
      giveUpAt: webhookDeliveries.giveUpAt,
      eventId: events.id,
      type: events.type,
      data: events.data,
      createdAt: events.createdAt,
      url: webhooks.url,
      webhookId: webhooks.id,
      secret: webhooks.secret,
      live: sql<number>`${webhooks.enabled} = 1 AND ${webhooks.deletedAt} IS NULL`.as("live"),
    })
    .from(webhookDeliveries)
    .innerJoin(events, eq(events.id, webhookDeliveries.eventId))
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.status, "pending")));
  if (row === undefined) return { kind: "settled" };
  const pending = and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.status, "pending"));
  if (!row.live) {
    await db.update(webhookDeliveries).set({ status: "failed", nextAttemptAt: null }).where(pending);
    return { kind: "settled" };
  }

  const secret = await secretFromRest(row.secret, row.webhookId, deps.secretsKeys).catch((error: unknown) => {
    // The key is missing or wrong: the delivery stays pending (the transport tries it again), and the operator is told.
    console.error(JSON.stringify({ level: "error", message: "webhook secret unavailable", deliveryId, error: String(error) }));
    throw error;
  });
  const body = eventBody(row.type, row.createdAt, deps.render(row.type, row.data));
  const timestamp = String(Math.floor(deps.now() / 1000));
  const status = await post(deps, row.url, {
    "Content-Type": "application/json",
    "webhook-id": row.eventId,
    "webhook-timestamp": timestamp,
    "webhook-signature": await sign(secret, row.eventId, timestamp, body),
    "User-Agent": "registrar-webhooks/1",
  }, body);

  const now = deps.now();
  const attempts = row.attempts + 1;
  const delivered = status !== null && status >= 200 && status <= 299;
  const delaySeconds = backoffSeconds(attempts);
  const next = now + delaySeconds * 1000;
  const failed = !delivered && next > row.giveUpAt;
  await db
    .update(webhookDeliveries)
    .set({
      status: delivered ? "delivered" : failed ? "failed" : "pending",
      attempts,
      lastStatusCode: status,
      lastAttemptAt: now,
      nextAttemptAt: delivered || failed ? null : next,
    })
    .where(pending);
  if (delivered) return { kind: "delivered" };
  return failed ? { kind: "settled" } : { kind: "retry", delaySeconds };
}

export interface Claimed {
  id: string;
  /** Seconds until the delivery is due (0: now). */
  delaySeconds: number;
}

const CLAIM_LIMIT = 100;

function claimed(rows: { id: string; nextAttemptAt: number | null }[], now: number): Claimed[] {
  return rows.map((row) => ({ id: row.id, delaySeconds: Math.max(0, Math.ceil(((row.nextAttemptAt ?? now) - now) / 1000)) }));
}

/**
 * Marks up to 100 pending deliveries as handed to the queue and returns them: those never
 * enqueued that are at least `unqueuedForMs` old, and (for the cron) those whose planned attempt
 * is more than `staleAfterMs` overdue, whose message was lost; they are due now again.
 */
export async function claimForQueue(
  db: Db,
  now: number,
  { unqueuedForMs, staleAfterMs }: { unqueuedForMs: number; staleAfterMs?: number },
): Promise<Claimed[]> {
  const never = and(isNull(webhookDeliveries.enqueuedAt), lte(webhookDeliveries.createdAt, now - unqueuedForMs));
  const stale =
    staleAfterMs === undefined
      ? undefined
      : and(isNotNull(webhookDeliveries.enqueuedAt), lt(webhookDeliveries.nextAttemptAt, now - staleAfterMs));
  const candidates = db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.status, "pending"), stale === undefined ? never : or(never, stale)))
    .limit(CLAIM_LIMIT);
  const rows = await db
    .update(webhookDeliveries)
    .set({
      enqueuedAt: now,
      nextAttemptAt: sql`CASE WHEN ${webhookDeliveries.enqueuedAt} IS NULL THEN ${webhookDeliveries.nextAttemptAt} ELSE ${now} END`,
    })
    .where(inArray(webhookDeliveries.id, candidates))
    .returning({ id: webhookDeliveries.id, nextAttemptAt: webhookDeliveries.nextAttemptAt });
  return claimed(rows, now);
}

/**
 * The Deno loop's claim: pending deliveries due now, leased for a minute (a crash mid-attempt
 * makes them due again then); the attempt writes the real next time.
 */
export async function claimDue(db: Db, now: number, leaseMs = 60_000): Promise<string[]> {
  const due = db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.status, "pending"), lte(webhookDeliveries.nextAttemptAt, now)))
    .limit(CLAIM_LIMIT);
  const rows = await db
    .update(webhookDeliveries)
    .set({ enqueuedAt: now, nextAttemptAt: now + leaseMs })
    .where(inArray(webhookDeliveries.id, due))
    .returning({ id: webhookDeliveries.id });
  return rows.map((row) => row.id);
}
