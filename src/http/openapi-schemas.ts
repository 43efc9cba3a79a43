/** Schemas shared by every route's OpenAPI description: the error bodies and headers. */
import { z } from "@hono/zod-openapi";
import type { TextRuleOptions } from "../lib/text-rule";
import { withTextRule } from "./text-field";

export const ErrorBodySchema = z
  .object({
    errors: z.array(z.string()).optional(),
    fieldErrors: z.record(z.string(), z.string()).optional(),
  })
  .openapi("Error");

const errorHeaders = z.object({
  "X-Error-Code": z
    .string()
    .openapi({ description: "Stable snake_case reason for programs (API.md §1), e.g. `not_found`.", example: "not_found" }),
});

export function errorResponse(description: string) {
  return { description, headers: errorHeaders, content: { "application/json": { schema: ErrorBodySchema } } };
}

export const createdResponse = {
  description: "Created; `Location` names the new resource. Empty body.",
  headers: z.object({
    Location: z.string().openapi({
      description: "`<base path>/<collection>/<id>` of the new resource, with the base path the request came in on.",
    }),
  }),
};

export const noContentResponse = { description: "Done. Empty body." };

export const idParam = z.object({
  id: z.string().openapi({ param: { name: "id", in: "path" }, example: "65ade781cc98d136543678191005431a" }),
});

/**
 * A required string with the contract's two messages, without the text rule: only for a
 * reference that is looked up and never stored as sent (POST /registrations' ids).
 */
export function requiredReference(field: string) {
  return z
    .string({
      error: (issue) =>
        issue.input === undefined || issue.input === null ? `${field} is required` : `${field} must be a string`,
    })
    .min(1, { error: `${field} is required` });
}

/** A required string field of a body with the contract's two messages, under the text rule. */
export function requiredString(field: string, options: TextRuleOptions = {}) {
  return withTextRule(requiredReference(field), field, options);
}
