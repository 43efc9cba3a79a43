/** Webhook and delivery rows as API objects; the secret is not part of either row. */
import { formatDate } from "../lib/iso-date";
import { dateOrNull, present } from "../http/representation";
import { parseStoredList } from "../http/tags";
import type { WebhookRow, DeliveryRow } from "./read";

export type { WebhookRow, DeliveryRow };

/** `events` is never empty (a webhook subscribes to at least one type), so it is always present. */
export function toWebhook(row: WebhookRow) {
  const { id, url, ...rest } = present({
    id: row.id,
    url: row.url,
    description: row.description,
    enabled: row.enabled,
    createdDate: formatDate(row.createdAt),
  });
  return { id, url, events: parseStoredList(row.events), ...rest };
}

export function toDelivery(row: DeliveryRow) {
  return present({
    id: row.id,
    eventId: row.eventId,
    type: row.type,
    status: row.status,
    attempts: row.attempts,
    lastStatusCode: row.lastStatusCode,
    lastAttemptDate: dateOrNull(row.lastAttemptAt),
    // Only a pending delivery has a next attempt.
    nextAttemptDate: row.status === "pending" ? dateOrNull(row.nextAttemptAt) : null,
  });
}
