/**
 * Registrations in the outbox (src/db/outbox.ts): the source of an event's data, and how a
 * stored snapshot renders, with the read's own fields and the one representation function.
 */
import { eq, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { offerings, registrations } from "../db/schema";
import { decodeSnapshot, snapshotJson, type SnapshotFields } from "../db/snapshot";
import { eventData } from "../db/outbox";
import { columns } from "./read";
import { toRegistration, type RegistrationRow } from "./representation";

/**
 * The registrations `where` selects, as GET returns them; `changes` replaces fields whose new
 * value the statement knows before the write runs (an ejection, selected before its update).
 */
export function registrationEventSource(db: Db, where: SQL | undefined, changes: Partial<SnapshotFields> = {}) {
  return db
    .select(eventData(snapshotJson({ ...columns, ...changes } as SnapshotFields)))
    .from(registrations)
    .innerJoin(offerings, eq(offerings.id, registrations.offeringId))
    .where(where);
}

export function renderRegistration(json: string) {
  return toRegistration(decodeSnapshot<RegistrationRow>(columns, json));
}
