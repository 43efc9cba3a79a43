/**
 * Date filters on lists (API.md §6): an exact time, an imprecise date meaning its whole
 * UTC span (`2026`, `2026-01`, `2026-01-31`), or an inclusive range `FROM,TO` of those
 * with either side open.
 */
import { and, gte, lte, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { parsedParam } from "./parsed";
import { parseSpan as span } from "../lib/iso-date";

/** Inclusive bounds in epoch ms; null is open. */
export interface DateRange {
  from: number | null;
  to: number | null;
}

export function parseDateFilter(value: string): DateRange | null {
  const parts = value.split(",").map((part) => part.trim());
  if (parts.length === 1) {
    const only = span(parts[0] ?? "");
    return only === null ? null : { from: only.start, to: only.end };
  }
  if (parts.length !== 2) return null;
  const [fromText = "", toText = ""] = parts;
  if (fromText === "" && toText === "") return null;
  const from = fromText === "" ? null : span(fromText);
  const to = toText === "" ? null : span(toText);
  if ((fromText !== "" && from === null) || (toText !== "" && to === null)) return null;
  const range = { from: from?.start ?? null, to: to?.end ?? null };
  if (range.from !== null && range.to !== null && range.from > range.to) return null;
  return range;
}

/** The query parameter's schema: validates with the contract's message, yields a DateRange. */
export function dateFilterParam(name: string) {
  return parsedParam(`${name} is not a valid date filter`, parseDateFilter, undefined)
    .openapi({
      type: "string",
      description: "An exact time, a year, month or day (its whole span in UTC), or a range FROM,TO of those.",
      example: "2026-01,2026-03",
    });
}

/** The SQL condition of a date filter on a column of epoch ms (undefined: no filter). */
export function dateRangeCondition(column: SQLiteColumn, range: DateRange | undefined): SQL | undefined {
  if (range === undefined) return undefined;
  return and(
    range.from === null ? undefined : gte(column, range.from),
    range.to === null ? undefined : lte(column, range.to),
  );
}
