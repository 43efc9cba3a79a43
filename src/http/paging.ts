/**
 * Paging of every list (API.md §6): `limit`/`offset` query parameters and the
 * `{results, next, previous}` envelope whose links change only `offset`; and, for lists that
 * also take a keyset cursor (src/http/cursor.ts), the `Link` header that carries it.
 */
import { z } from "@hono/zod-openapi";
import { parsedParam } from "./parsed";
import type { Cursor, Page } from "../db/page";
import { afterParam, encodeCursor } from "./cursor";

export const DEFAULT_LIMIT = 15;
export const MAX_LIMIT = 100;

export interface PageBody<T> {
  results: T[];
  next?: string;
  previous?: string;
}

/** 1 to 100 (up to three digits), else null. */
function parseLimit(value: string): number | null {
  const n = /^\d{1,3}$/.test(value) ? Number(value) : NaN;
  return n >= 1 && n <= MAX_LIMIT ? n : null;
}

const limitParam = parsedParam("limit must be an integer between 1 and 100", parseLimit, DEFAULT_LIMIT)
  .openapi({ type: "integer", minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT });

// Beyond 2^53 an offset is meaningless; 15 digits keeps it an exact integer.
const parseOffset = (value: string): number | null => (/^\d{1,15}$/.test(value) ? Number(value) : null);

const offsetParam = parsedParam("offset must be a non-negative integer", parseOffset, 0)
  .openapi({ type: "integer", minimum: 0, default: 0 });

/** The schema of a page of `item`s, as every list answers it. */
export function pageSchema<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({ results: z.array(item), next: z.string().optional(), previous: z.string().optional() })
    .openapi(name, { description: "`next` only when more results exist; `previous` only when offset > 0." });
}

/** The paging part of every list's query schema. */
export const pageQuery = { limit: limitParam, offset: offsetParam };

/** The paging part of a keyset list's query schema: `after` too (src/http/cursor.ts). */
export const keysetPageQuery = { ...pageQuery, after: afterParam };

/**
 * Builds the envelope from up to `limit + 1` rows: the extra row only says that `next` exists,
 * so no count query is needed.
 */
export function pageBody<T>(requestUrl: string, page: Page, rows: T[]): PageBody<T> {
  return envelope(new URL(requestUrl), page, rows);
}

function envelope<T>(url: URL, page: Page, rows: T[]): PageBody<T> {
  const body: PageBody<T> = { results: rows.slice(0, page.limit) };
  if (rows.length > page.limit) body.next = linkWithOffset(url, page.offset + page.limit);
  if (page.offset > 0) body.previous = linkWithOffset(url, Math.max(0, page.offset - page.limit));
  return body;
}

/** A page of a keyset list: the contract's envelope, and the `Link` header when `next` exists. */
export function cursorPage<Row extends Cursor, T>(
  requestUrl: string,
  page: Page,
  rows: Row[],
  represent: (row: Row) => T,
): { body: PageBody<T>; link: string | undefined } {
  const url = new URL(requestUrl);
  const body = envelope(url, page, rows.map(represent));
  const last = rows[page.limit - 1];
  const link = body.next !== undefined && last !== undefined ? nextCursorLink(url, last) : undefined;
  return { body, link };
}

/** The OpenAPI description of that `Link` header. */
export const cursorLinkHeader = {
  Link: {
    description: 'With `next` only: `<link>; rel="next"`, the next page by cursor (`after`): a seek, the same cost at any depth.',
    schema: { type: "string" as const },
  },
};

/**
 * The `Link` header value of a keyset list whose page has a `next`: the request with `offset`
 * dropped and `after` set to the page's last row, so that following it is a seek at any depth.
 * The body's links stay exactly as API.md §6 says.
 */
function nextCursorLink(url: URL, last: Cursor): string {
  const link = changedLink(url, "after", encodeCursor(last), ["offset"]);
  return `<${link}>; rel="next"`;
}

/** The request's own path and query with only `offset` changed, byte for byte otherwise. */
function linkWithOffset(url: URL, offset: number): string {
  return changedLink(url, "offset", String(offset), []);
}

/**
 * The request's path and query with parameter `name` set to `value` where it first stands (or
 * appended), its repeats and the `dropped` parameters removed, every other pair byte for byte.
 */
function changedLink(url: URL, name: string, value: string, dropped: string[]): string {
  const kept: string[] = [];
  let placed = false;
  for (const pair of url.search === "" ? [] : url.search.slice(1).split("&")) {
    const key = decodedName(pair.split("=", 1)[0] as string);
    if (key === name) {
      if (!placed) kept.push(`${name}=${value}`);
      placed = true;
    } else if (!dropped.includes(key)) {
      kept.push(pair);
    }
  }
  if (!placed) kept.push(`${name}=${value}`);
  return `${url.pathname}?${kept.join("&")}`;
}

/** A query parameter's name as the router reads it: `%6Fffset` is `offset` too. */
function decodedName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return raw; // malformed escapes: never equal to a name this module looks for
  }
}
