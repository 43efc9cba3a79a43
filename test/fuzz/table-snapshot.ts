/**
 * The contents of every table, to show that a rejected request changed no row. One statement
 * reads every table in full, as one JSON text per table (rows ordered by all their columns):
 * an exact comparison, not a sampled checksum. Project "workers" only: under Deno the database
 * belongs to the server process, and `snapshotTables()` answers null (the check is skipped).
 */
import { onWorkers } from "../support/runtime";

/** Table name -> its rows as JSON text. */
export type TableSnapshot = Map<string, string>;

let statement: Promise<D1PreparedStatement> | undefined;

async function prepare(): Promise<D1PreparedStatement> {
  const { database } = await import("./workers-db");
  const { results: tables } = await database
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' ORDER BY name",
    )
    .all<{ name: string }>();
  const parts: string[] = [];
  for (const { name } of tables) {
    const { results: columns } = await database
      .prepare("SELECT name FROM pragma_table_info(?) ORDER BY cid")
      .bind(name)
      .all<{ name: string }>();
    const quoted = columns.map((column) => `"${column.name.replaceAll('"', '""')}"`);
    const order = columns.map((_, i) => String(i + 1)).join(", ");
    parts.push(
      `(SELECT json_group_array(json_array(${quoted.join(", ")})) FROM (SELECT * FROM "${name.replaceAll('"', '""')}" ORDER BY ${order})) AS "${name.replaceAll('"', '""')}"`,
    );
  }
  if (parts.length === 0) throw new Error("no tables found: are the migrations applied?");
  // One row, one column per table (D1 caps the terms of a compound SELECT).
  return database.prepare(`SELECT ${parts.join(", ")}`);
}

/** Every table's contents, or null where the tests cannot read the server's database. */
export async function snapshotTables(): Promise<TableSnapshot | null> {
  if (!onWorkers) return null;
  statement ??= prepare();
  const row = await (await statement).first<Record<string, string>>();
  return new Map(Object.entries(row ?? {}));
}

/** The tables whose contents differ. */
export function changedTables(before: TableSnapshot, after: TableSnapshot): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name));
}
