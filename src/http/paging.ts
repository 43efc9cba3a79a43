/**
 * Paging of every list (API.md §6): `limit`/`offset` query parameters and the
 * `{results, next, previous}` envelope whose links change only `offset`.
 */
import { z } from "@hono/zod-openapi";

export const DEFAULT_LIMIT = 15;
export const MAX_LIMIT = 100;

export interface Page {
  limit: number;
  offset: number;
}

export interface PageBody<T> {
  results: T[];
  next?: string;
  previous?: string;
}

const limitParam = z
  .string({ error: "limit must be an integer between 1 and 100" })
  .optional()
  .transform((value, ctx): number => {
    if (value === undefined) return DEFAULT_LIMIT;
    const n = /^\d{1,3}$/.test(value) ? Number(value) : NaN;
    if (!(n >= 1 && n <= MAX_LIMIT)) {
      ctx.issues.push({ code: "custom", message: "limit must be an integer between 1 and 100", input: value });
      return z.NEVER;
    }
    return n;
  })
  .openapi({ type: "integer", minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT });

const offsetParam = z
  .string({ error: "offset must be a non-negative integer" })
  .optional()
  .transform((value, ctx): number => {
    if (value === undefined) return 0;
    // Beyond 2^53 an offset is meaningless; 15 digits keeps it an exact integer.
    if (!/^\d{1,15}$/.test(value)) {
      ctx.issues.push({ code: "custom", message: "offset must be a non-negative integer", input: value });
      return z.NEVER;
    }
    return Number(value);
  })
  .openapi({ type: "integer", minimum: 0, default: 0 });

/** The schema of a page of `item`s, as every list answers it. */
export function pageSchema<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({ results: z.array(item), next: z.string().optional(), previous: z.string().optional() })
    .openapi(name, { description: "`next` only when more results exist; `previous` only when offset > 0." });
}

/** The paging part of every list's query schema. */
export const pageQuery = { limit: limitParam, offset: offsetParam };

/**
 * Builds the envelope from up to `limit + 1` rows: the extra row only says that `next` exists,
 * so no count query is needed.
 */
export function pageBody<T>(requestUrl: string, page: Page, rows: T[]): PageBody<T> {
  const body: PageBody<T> = { results: rows.slice(0, page.limit) };
  if (rows.length > page.limit) body.next = linkWithOffset(requestUrl, page.offset + page.limit);
  if (page.offset > 0) body.previous = linkWithOffset(requestUrl, Math.max(0, page.offset - page.limit));
  return body;
}

/** The request's own path and query with only `offset` changed, byte for byte otherwise. */
function linkWithOffset(requestUrl: string, offset: number): string {
  const url = new URL(requestUrl);
  const pairs = url.search === "" ? [] : url.search.slice(1).split("&");
  const isOffset = (pair: string) => pair === "offset" || pair.startsWith("offset=");
  const at = pairs.findIndex(isOffset);
  const kept = pairs.filter((pair, i) => i === at || !isOffset(pair));
  if (at === -1) kept.push(`offset=${offset}`);
  else kept[kept.findIndex(isOffset)] = `offset=${offset}`;
  return `${url.pathname}?${kept.join("&")}`;
}
