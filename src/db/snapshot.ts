/**
 * An event's `data` as stored: the changed row in the shape its resource's read selects (the
 * same field object, the same raw values), built in SQL by `json_object` inside the write's own
 * batch. Delivery decodes it back into that row and renders it with the resource's one
 * representation function, so an event carries exactly what GET returns and no second mapping
 * of the resource exists.
 */
import { Column, SQL, sql, type SQLWrapper } from "drizzle-orm";

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
