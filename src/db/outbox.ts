/**
 * The transactional outbox (issue 15). A write appends ONE statement to its existing batch:
 *
 *   outboxEvent(db, { organizationId, type, now }, source)
 *
 * `source` is a select of the changed row(s) with one field, `data` (snapshotJson of the
 * resource's read fields), limited by a condition that holds exactly when the write happened:
 * placed after an insert or update, the write's own guard repeated (it still holds after the
 * write); placed before a delete, the delete's guard, the snapshot then being the row as GET
 * returned it. The statement inserts one event per selected row, and the trigger
 * `tr_events_fan_out` (migrations/0006_webhooks.sql) creates the deliveries in the same
 * transaction: the event commits or rolls back with the change, the request stays one round
 * trip, and a refused request (no row selected) writes nothing.
 *
 * Events are only written when a live, enabled webhook of the organization subscribes to the
 * type, so organizations without webhooks pay one indexed EXISTS per write and nothing more.
 */
import { and, Column, eq, isNull, SQL, sql, type SQLWrapper } from "drizzle-orm";
import type { Db } from "./client";
import { events, organizations, webhooks, type EventType } from "./schema";

export interface OutboxEvent {
  organizationId: string;
  type: EventType;
  /** Epoch ms of the change: the event's `timestamp`. */
  now: number;
}

/** SQL true when a webhook of the organization would receive an event of this type. */
export function subscribed(organizationId: string, type: EventType): SQL {
  return sql`EXISTS (SELECT 1 FROM ${webhooks} WHERE ${and(
    eq(webhooks.organizationId, organizationId),
    isNull(webhooks.deletedAt),
    eq(webhooks.enabled, true),
  )} AND EXISTS (SELECT 1 FROM json_each(${webhooks.events}) WHERE value = ${type}))`;
}

/** The one statement a write appends to its batch (see the file comment). */
export function outboxEvent(db: Db, event: OutboxEvent, source: { as(alias: string): unknown }) {
  return outboxInsert(db, outboxRows(db, event, source).getSQL());
}

/** outboxEvent of its rows' select already rendered (a template of outboxRows: src/db/sql-template.ts). */
export function outboxInsert(db: Db, rows: SQL) {
  return db.insert(events).select(rows);
}

/** The events outboxEvent inserts: one per row of `source`, when a webhook subscribes. */
export function outboxRows(db: Db, event: OutboxEvent, source: { as(alias: string): unknown }) {
  const changed = source.as("changed") as unknown as { data: SQL.Aliased<string> } & Parameters<ReturnType<Db["select"]>["from"]>[0];
  return (
    db
      .select({
        id: sql<string>`lower(hex(randomblob(16)))`.as("id"),
        organizationId: sql<string>`${event.organizationId}`.as("organization_id"),
        type: sql<string>`${event.type}`.as("type"),
        data: sql<string>`${changed.data}`.as("data"),
        createdAt: sql<number>`${event.now}`.as("created_at"),
      })
      .from(changed)
      .where(subscribed(event.organizationId, event.type))
  );
}

/** The snapshot field of a source select: `data`, as outboxEvent expects it. */
export function eventData(json: SQL) {
  return { data: sql<string>`${json}`.as("data") };
}

/**
 * A source whose data is already final JSON (SQL), for resources with no row of their own:
 * `userfieldvalues.updated` (the route of `PUT /users/<id>/userfieldvalues`) appends, after
 * its writes,
 *
 *   outboxEvent(db, { organizationId, type: "userfieldvalues.updated", now },
 *     documentEventSource(db, organizationId,
 *       sql`json_object('userId', ${userId}, 'values', json(<the values object as GET builds it>))`,
 *       <a condition that holds exactly when the write happened, e.g. the user is live>))
 *
 * and delivery sends that JSON unchanged as `data` (src/event-data.ts).
 */
export function documentEventSource(db: Db, organizationId: string, json: SQL, written: SQL) {
  return db.select(eventData(json)).from(organizations).where(and(eq(organizations.id, organizationId), written));
}

/*
 * --- The snapshot --------------------------------------------------------------------------------
 * An event's `data` as stored: the changed row in the shape its resource's read selects (the
 * same field object, the same raw values), built in SQL by `json_object` inside the write's own
 * batch. Delivery decodes it back into that row and renders it with the resource's one
 * representation function, so an event carries exactly what GET returns and no second mapping
 * of the resource exists.
 */
/** A read's field object: columns, or SQL expressions (an override is a plain value). */
export type SnapshotFields = Record<string, SQLWrapper | string | number | boolean | null>;

/** `json_object('<field>', <expression>, …)` of the fields. */
export function snapshotJson(fields: SnapshotFields): SQL {
  const parts = Object.entries(fields).map(([name, value]) => sql`${name}, ${value}`);
  return sql`json_object(${sql.join(parts, sql`, `)})`;
}

/**
 * The row back from its stored JSON: each column's own driver mapping applies (booleans stored
 * as 0/1, for instance), as when the read runs; a missing field is null.
 */
export function decodeSnapshot<Row>(fields: Record<string, unknown>, json: string): Row {
  const stored = JSON.parse(json) as Record<string, unknown>;
  const row: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(fields)) {
    const value = stored[name] ?? null;
    if (value !== null && field instanceof Column) row[name] = field.mapFromDriverValue(value);
    // json_object embeds a JSON-valued expression (json_group_array) as JSON, not as its text:
    // the read gets that text, so the row does too.
    else row[name] = typeof value === "object" && value !== null ? JSON.stringify(value) : value;
  }
  return row as Row;
}
