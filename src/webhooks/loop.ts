/**
 * The Deno transport (no Queues there): an in-process loop over the same outbox with the same
 * schedule. It wakes every second and right after a write (`wake()`), claims the deliveries
 * that are due and tries them; attemptDelivery writes the next time a failure is due. Once a
 * minute it ends the history past its window (src/webhooks/retention.ts) and seals secrets
 * again after a key rotation (src/webhooks/reseal.ts).
 */
import type { Db } from "../db/client";
import { attemptDelivery, claimDue, type DeliveryDeps } from "./deliver";
import { resealTick } from "./reseal";
import { pruneWebhookHistory } from "./retention";

const PRUNE_EVERY_MS = 60_000;

export interface DeliveryLoop {
  wake(): void;
  stop(): void;
}

export function startDeliveryLoop(db: Db, deps: DeliveryDeps, intervalMs = 1000): DeliveryLoop {
  let running = false;
  let again = false;
  let stopped = false;

  async function run(): Promise<void> {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const ids = await claimDue(db, deps.now());
        await Promise.all(ids.map((id) => attemptDelivery(db, id, deps).catch(() => undefined)));
        if (ids.length > 0) again = true;
      } while (again && !stopped);
    } catch (error) {
      console.error(JSON.stringify({ level: "error", message: "webhook delivery loop failed", error: String(error) }));
    } finally {
      running = false;
    }
  }

  const timer = setInterval(() => void run(), intervalMs);
  // What the Workers cron does besides: once a minute.
  const pruner = setInterval(() => {
    pruneWebhookHistory(db, deps.now()).catch((error: unknown) =>
      console.error(JSON.stringify({ level: "error", message: "webhook history prune failed", error: String(error) })),
    );
    resealTick(db, deps.secretsKeys ?? {}).catch((error: unknown) =>
      console.error(JSON.stringify({ level: "error", message: "webhook secrets reseal failed", error: String(error) })),
    );
  }, PRUNE_EVERY_MS);
  return {
    wake: () => void run(),
    stop: () => {
      stopped = true;
      clearInterval(timer);
      clearInterval(pruner);
    },
  };
}
