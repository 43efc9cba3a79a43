/**
 * Query parameters of lists. Given twice (`?title=a&title=b`) a parameter arrives as a list;
 * that is refused with the parameter's own message rather than zod's default text. Every text
 * parameter obeys the text rule (API.md §1); substring filters: src/http/substring-filter.ts.
 */
import { z } from "@hono/zod-openapi";
import { withTextRule } from "./text-field";

/** A plain text parameter (an exact match, e.g. an id). */
export function queryText(name: string) {
  return withTextRule(z.string({ error: `${name} must be given once` }), name).optional();
}
