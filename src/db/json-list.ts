/**
 * Lists of values in SQL as ONE bound parameter (a JSON array read with `json_each`), never as
 * one term per value: the statement's shape and expression depth stay the same whatever the
 * list's length. (`a AND b AND …` or `IN (?, ?, …)` grows with the input; SQLite refuses an
 * expression deeper than 100, and D1 answered that with an error, a 500.)
 */
import { sql, type SQL, type SQLWrapper } from "drizzle-orm";

/** The list as a `json_each` source of its values. */
function values(list: readonly string[]): SQL {
  return sql`json_each(${JSON.stringify(list)})`;
}

/** Every value of `list` is an element of the JSON array held by `jsonArrayColumn`. */
export function containsAll(jsonArrayColumn: SQLWrapper, list: readonly string[]): SQL {
  return sql`NOT EXISTS (SELECT 1 FROM ${values(list)} wanted
    WHERE wanted.value NOT IN (SELECT held.value FROM json_each(${jsonArrayColumn}) held))`;
}

/** `column` equals one of the values of `list`. */
export function isOneOf(column: SQLWrapper, list: readonly string[]): SQL {
  return sql`${column} IN (SELECT value FROM ${values(list)})`;
}
