/** Users in the outbox (src/db/outbox.ts): the source of an event's data and its rendering. */
import type { SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { users } from "../db/schema";
import { eventData, decodeSnapshot, snapshotJson } from "../db/outbox";
import { columns } from "./read";
import { toUser, type UserRow } from "./representation";

export function userEventSource(db: Db, where: SQL | undefined) {
  return db.select(eventData(snapshotJson(columns))).from(users).where(where);
}

export function renderUser(json: string) {
  return toUser(decodeSnapshot<UserRow>(columns, json));
}
