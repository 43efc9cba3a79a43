/**
 * Query parameters of lists. Given twice (`?title=a&title=b`) a parameter arrives as a list;
 * that is refused with the parameter's own message rather than zod's default text. Every text
 * parameter obeys the text rule (API.md §1), and a substring filter is at most 255 characters
 * (API.md §6).
 */
import { z } from "@hono/zod-openapi";
import { FIELD_MESSAGES } from "./errors";
import { withTextRule } from "./text-field";

export const MAX_SUBSTRING_FILTER = 255;

/** A plain text parameter (an exact match, e.g. an id). */
export function queryText(name: string) {
  return withTextRule(z.string({ error: `${name} must be given once` }), name).optional();
}

/** A case-insensitive substring filter: at most 255 characters. */
export function substringFilter(name: string) {
  const text = z
    .string({ error: `${name} must be given once` })
    .max(MAX_SUBSTRING_FILTER, { error: FIELD_MESSAGES.atMostCharacters(name, MAX_SUBSTRING_FILTER) });
  return withTextRule(text, name).optional();
}
