/**
 * Tags of users and offerings: a list of words. A tag given with spaces or commas in it is
 * split into several; empty pieces and repeats are dropped, the order kept.
 */
import { z } from "@hono/zod-openapi";
import { parsedWith } from "./parsed";
import { FIELD_MESSAGES } from "./errors";
import { withTextRule } from "./text-field";

export function normalizeTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const tag of tags) {
    for (const piece of tag.split(/[\s,]+/)) {
      if (piece !== "" && !out.includes(piece)) out.push(piece);
    }
  }
  return out;
}

/** The `tags` body field: `null` means no tags. */
export const tagsField = z
  .array(withTextRule(z.string({ error: "tags must be an array of strings" }).max(100, { error: "a tag must be at most 100 characters" }), "tags"), {
    error: "tags must be an array of strings",
  })
  .max(100, { error: "tags must hold at most 100 tags" })
  .nullable()
  .transform((tags) => normalizeTags(tags ?? []))
  .openapi({ type: "array", items: { type: "string" }, example: ["safety", "onboarding"] });

export const MAX_TAG_FILTER = 20;

function atMostTagFilter(value: string): string[] | null {
  const tags = normalizeTags([value]);
  return tags.length > MAX_TAG_FILTER ? null : tags;
}

/** The `tag` filter of lists: tags separated by spaces or commas, at most 20 (API.md §6). */
export const tagFilter = withTextRule(z.string({ error: "tag must be given once" }), "tag")
  .transform(parsedWith(atMostTagFilter, FIELD_MESSAGES.atMostTags(MAX_TAG_FILTER)))
  .optional()
  .openapi({
    type: "string",
    description: `Tags separated by spaces or commas (at most ${MAX_TAG_FILTER}); an offering must have all of them.`,
  });

/** A list stored as JSON text (tags, category ids) back to a list of strings. */
export function parseStoredList(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((tag): tag is string => typeof tag === "string") : [];
}
