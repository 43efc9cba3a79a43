/**
 * A case-insensitive substring filter of a list (`?name=acme`), bounded as API.md §6 says: at
 * most 255 characters (checked first), under the text rule (API.md §1).
 */
import { z } from "@hono/zod-openapi";
import { FIELD_MESSAGES } from "./errors";
import { withTextRule } from "./text-field";

export const MAX_SUBSTRING_FILTER = 255;

export function substringFilter(name: string) {
  const text = z
    .string({ error: `${name} must be given once` })
    .max(MAX_SUBSTRING_FILTER, { error: FIELD_MESSAGES.atMostCharacters(name, MAX_SUBSTRING_FILTER) });
  return withTextRule(text, name)
    .optional()
    .openapi({ description: "Case-insensitive substring.", maxLength: MAX_SUBSTRING_FILTER });
}
