/**
 * The text rule (src/lib/text-rule.ts) as a zod check, so that every shared string schema
 * (required strings, descriptions, tags, query filters) applies it with the contract's message.
 */
import type { z } from "@hono/zod-openapi";
import { isAllowedText, type TextRuleOptions } from "../lib/text-rule";
import { FIELD_MESSAGES } from "./errors";

/** `schema` refusing text that breaks the rule, as `"<field> contains characters that are not allowed"`. */
export function withTextRule<T extends z.ZodString>(schema: T, field: string, options: TextRuleOptions = {}): T {
  return schema.refine((value) => isAllowedText(value, options), { error: FIELD_MESSAGES.notAllowed(field) }) as T;
}
