/** Webhook and delivery rows as API objects; the secret is not part of either row. */
import type { DeliveryStatus } from "../db/schema";
import { formatDate } from "../lib/iso-date";
import { dateOrNull, present } from "../http/representation";
import { parseStoredList } from "../http/tags";

export interface WebhookRow {
  id: string;
  url: string;
  events: string;
  description: string | null;
  enabled: boolean;
  createdAt: number;
}

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

export interface DeliveryRow {
  id: string;
  eventId: string;
  type: string;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastAttemptAt: number | null;
  nextAttemptAt: number | null;
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
