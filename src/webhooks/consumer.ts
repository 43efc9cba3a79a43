/**
 * The Workers transport: the queue consumer and the cron. Messages name what to do, D1 holds
 * the state (src/webhooks/deliver.ts):
 *
 * - `{"kind":"drain"}`: sent after every successful write (src/app.ts `committed`). Claims the
 *   deliveries that were never enqueued and tries each at once; those that fail go back to the
 *   queue as `deliver` messages delayed by the backoff.
 * - `{"kind":"deliver","deliveryId":…}`: one attempt; a failure is `message.retry({delaySeconds})`
 *   with the backoff. A handler that throws (D1 down) retries by the queue's own policy
 *   (`max_retries`, then the dead-letter queue); the cron finds such deliveries again.
 * - The cron (every minute): deliveries never enqueued for a minute (the send after the commit
 *   failed) and deliveries whose planned attempt is 15 minutes overdue are sent to the queue.
 */
import type { Db } from "../db/client";
import { attemptDelivery, claimForQueue, type DeliveryDeps } from "./deliver";

export type WebhookMessage = { kind: "drain" } | { kind: "deliver"; deliveryId: string };

export interface ConsumerDeps extends DeliveryDeps {
  db: Db;
  queue: Queue<WebhookMessage>;
}

const SEND_BATCH = 100;

async function send(queue: Queue<WebhookMessage>, items: { id: string; delaySeconds: number }[]): Promise<void> {
  for (let i = 0; i < items.length; i += SEND_BATCH) {
    await queue.sendBatch(
      items.slice(i, i + SEND_BATCH).map((item) => ({
        body: { kind: "deliver", deliveryId: item.id } as const,
        delaySeconds: item.delaySeconds,
      })),
    );
  }
}

export async function consumeWebhookBatch(batch: MessageBatch<WebhookMessage>, deps: ConsumerDeps): Promise<void> {
  let drain = false;
  await Promise.all(
    batch.messages.map(async (message) => {
      const body = message.body;
      if (body.kind !== "deliver") {
        drain = true;
        return;
      }
      try {
        const outcome = await attemptDelivery(deps.db, body.deliveryId, deps);
        if (outcome.kind === "retry") message.retry({ delaySeconds: outcome.delaySeconds });
        else message.ack();
      } catch {
        message.retry();
      }
    }),
  );
  if (!drain) return;
  // Many writes give many drain messages: one claim serves the whole batch.
  const claimed = await claimForQueue(deps.db, deps.now(), { unqueuedForMs: 0 });
  const later: { id: string; delaySeconds: number }[] = [];
  await Promise.all(
    claimed.map(async (item) => {
      if (item.delaySeconds > 0) {
        later.push(item);
        return;
      }
      const outcome = await attemptDelivery(deps.db, item.id, deps).catch(() => ({ kind: "retry", delaySeconds: 5 }) as const);
      if (outcome.kind === "retry") later.push({ id: item.id, delaySeconds: outcome.delaySeconds });
    }),
  );
  await send(deps.queue, later);
  for (const message of batch.messages) if (message.body.kind !== "deliver") message.ack();
}

/** The cron: re-enqueues what the send after a commit missed, and what a lost message left. */
export async function reenqueueWebhooks(deps: Pick<ConsumerDeps, "db" | "queue" | "now">): Promise<number> {
  const claimed = await claimForQueue(deps.db, deps.now(), { unqueuedForMs: 60_000, staleAfterMs: 15 * 60_000 });
  await send(deps.queue, claimed);
  return claimed.length;
}
