/** A case-insensitive substring filter of a list (`?name=acme`), bounded as API.md §6 says. */
import { queryText } from "./query-param";

export const MAX_SUBSTRING_FILTER = 255;

export function substringFilter(name: string) {
  return queryText(name)
    .refine((value) => value === undefined || value.length <= MAX_SUBSTRING_FILTER, {
      error: `${name} must be at most ${MAX_SUBSTRING_FILTER} characters`,
    })
    .openapi({ description: "Case-insensitive substring.", maxLength: MAX_SUBSTRING_FILTER });
}
