/** Offerings in the outbox (src/db/outbox.ts): the source of an event's data and its rendering. */
import type { SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { offerings } from "../db/schema";
import { eventData, decodeSnapshot, snapshotJson } from "../db/outbox";
import { columns } from "./read";
import { toOffering, type OfferingRow } from "./representation";

export function offeringEventSource(db: Db, where: SQL | undefined) {
  return db.select(eventData(snapshotJson(columns))).from(offerings).where(where);
}

export function renderOffering(json: string) {
  return toOffering(decodeSnapshot<OfferingRow>(columns, json));
}
