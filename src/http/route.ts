/**
 * Route helpers: what a `createRoute({...})` spreads in so that each route shows its whole
 * contract (its body, its parameters, and every answer, the shared error answers included).
 *
 *   createRoute({
 *     method: "post", path: "/users", tags, security: BEARER, summary: "Create a user",
 *     parameters: [idempotencyKeyParameter],
 *     middleware: [bodyRules()] as const,
 *     request: { body: jsonBody(UserCreateSchema) },
 *     responses: { 201: createdDoc, 400: errorDoc("Invalid fields"), 422: keyReusedDoc, ...bodyErrors, ...authErrors },
 *   });
 *
 * The shared answers are references to `components.responses` (src/openapi/document.ts writes
 * them from the error catalogue).
 */
import { z } from "@hono/zod-openapi";
import { AGREEMENT_TYPES } from "../db/schema";
import type { TextRuleOptions } from "../lib/text-rule";
import { CATALOGUE } from "./errors";
import { withTextRule } from "./text-field";

/** The security of every resource route. */
export const BEARER = [{ Bearer: [] }];

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

/** An error answer of this route. */
export function errorDoc(description: string) {
  return { description, headers: errorHeaders, content: { "application/json": { schema: ErrorBodySchema } } };
}

/** A JSON answer. */
export function jsonDoc<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}

/** A required JSON request body. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { "application/json": { schema } } };
}

export const createdDoc = {
  description: "Created; `Location` names the new resource. Empty body.",
  headers: z.object({
    Location: z.string().openapi({
      description: "`<base path>/<collection>/<id>` of the new resource, with the base path the request came in on.",
    }),
  }),
};

export const noContentDoc = { description: "Done. Empty body." };

export const idParam = z.object({
  id: z.string().openapi({ param: { name: "id", in: "path" }, example: "65ade781cc98d136543678191005431a" }),
});

/**
 * Shared answers, typed as adding nothing: in the document every route lists them, while the
 * route's type (and so a typed client's narrowing by status, AppType) keeps the answers the
 * route itself gives.
 */
function shared(answers: Record<number, string>): Record<never, never> {
  return Object.fromEntries(Object.entries(answers).map(([status, name]) => [status, { $ref: `#/components/responses/${name}` }]));
}

/** The answers of the layers in front of an authenticated route: auth, rate limit, database, failure. */
export const authErrors = shared({ 401: "Unauthorized", 429: "TooManyRequests", 500: "InternalError", 503: "Unavailable" });

/** The answer every route may give. */
export const publicErrors = shared({ 500: "InternalError" });

/** The body rules' answers (413, 415) of a route with a JSON body. */
export const bodyErrors = shared({ 413: "PayloadTooLarge", 415: "UnsupportedMediaType" });

/** Idempotency-Key, on every create route (validated by src/http/create.ts). */
export const idempotencyKeyParameter = {
  name: "Idempotency-Key",
  in: "header" as const,
  required: false,
  schema: { type: "string" as const, minLength: 1, maxLength: 255, pattern: "^[\\x21-\\x7e]+$" },
  description:
    "1 to 255 visible ASCII characters. A repeat of the same request under the same key within 24 hours " +
    "answers the original 201 (same Location) and creates nothing; only a 201 is remembered. " +
    "Malformed: 400 `invalid_body`.",
  example: "3f1c9a6e-7b2d-4e8a-9c5f-2d7e8b1a4c60",
};

export const keyReusedDoc = errorDoc(CATALOGUE.idempotency_key_reused.message);

/**
 * The agreement type of a path, a plain string to the validator: an unknown type names no
 * agreement, which is a 404 (API.md §7), not a 400.
 */
export const AgreementTypeParams = z.object({
  type: z
    .string()
    .openapi({ param: { name: "type", in: "path" }, type: "string", enum: [...AGREEMENT_TYPES], example: "standard" }),
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
