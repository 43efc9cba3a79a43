/**
 * The error catalogue: every `X-Error-Code` with its status and the contract's message (API.md),
 * and the only place an error body is made. Handlers and middleware *return* `errorResponse(…)`;
 * nothing throws an API error. Beside it: the validation hook (zod issues → the contract's
 * shapes) and `handleError`, the app's onError for what is not an answer (the framework's own
 * 4xx, a transient database failure, a bug).
 */
import type { z } from "@hono/zod-openapi";
import { DrizzleQueryError } from "drizzle-orm";
import type { Context, TypedResponse } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { UNAVAILABILITY_REASONS, type UnavailabilityReason } from "../db/availability";
import { isTransientDatabaseError } from "../db/transient-errors";
import type { AppEnv } from "./app-env";

const NOT_AVAILABLE = "This offering is not available for registration for the given user";

/** The reasons of the availability rule (written with its SQL): one body, the reason in `X-Error-Code`. */
const unavailability = Object.fromEntries(
  UNAVAILABILITY_REASONS.map((reason) => [reason, { status: 400, message: NOT_AVAILABLE }]),
) as Record<UnavailabilityReason, { status: 400; message: typeof NOT_AVAILABLE }>;

/**
 * Every code: its status and, where the contract fixes one, its message. `validation_failed`
 * carries the messages of the fields.
 */
export const CATALOGUE = {
  unauthorized: { status: 401, message: "A valid access token is required" },
  not_found: { status: 404, message: "No resource exists with the given id." },
  method_not_allowed: { status: 405, message: "Method not allowed" },
  unsupported_media_type: { status: 415, message: "Content-Type must be application/json" },
  payload_too_large: { status: 413, message: "Request body is too large" },
  invalid_json: { status: 400, message: "Request body is not valid JSON" },
  invalid_body: { status: 400, message: "Request body must be a JSON object" },
  validation_failed: { status: 400, message: null },
  unknown_user: { status: 400, message: "No user exists with the given userId" },
  unknown_offering: { status: 400, message: "No offering exists with the given offeringId" },
  ...unavailability,
  idempotency_key_reused: { status: 422, message: "Idempotency-Key was already used with a different request" },
  rate_limited: { status: 429, message: "Too many requests", retryAfter: "60" },
  unavailable: { status: 503, message: "Service temporarily unavailable", retryAfter: "1" },
  internal: { status: 500, message: "Internal server error" },
} as const satisfies Record<
  string,
  { status: ContentfulStatusCode; message: string | null; retryAfter?: string }
>;

export type ErrorCode = keyof typeof CATALOGUE;

/** Every `X-Error-Code` the API sends, for the OpenAPI documents. */
export const ERROR_CODES = Object.keys(CATALOGUE) as [ErrorCode, ...ErrorCode[]];

/** The contract's other messages: a second text under one code, and the domain's field errors. */
export const MESSAGES = {
  pathNotFound: "Not found",
  malformedIdempotencyKey: "Idempotency-Key must be 1 to 255 visible ASCII characters",
  emailTaken: "Email address is already in use",
  usernameTaken: "Username is already in use",
  registrationEndBeforeBegin: "registrationEndDate must not be before registrationBeginDate",
  endBeforeBegin: "endDate must not be before beginDate",
  unknownCategories: "offeringCategoryIds must name offering categories of the organization",
  ejectAfterEnd: "eject status not available after the registration has ended",
  userfieldNameTaken: "Userfield name is already in use",
  userfieldTypeLocked: "type cannot change while users hold values",
  unknownUserfieldCategory: "categoryId must name a userfield category of the organization",
  unknownUserfield: "No userfield exists with the given id",
  atomicBatchRefused: "No registration was made: at least one item was refused",
  webhookUrlNotPublic: "url must be an https URL on a public host",
} as const;

/** The contract's messages that name a field or a bound (issue 13: the text rule, bounded filters). */
export const FIELD_MESSAGES = {
  notAllowed: (field: string) => `${field} contains characters that are not allowed`,
  atMostCharacters: (field: string, max: number) => `${field} must be at most ${max} characters`,
  atMostTags: (max: number) => `tag accepts at most ${max} tags`,
} as const;

export interface ErrorBody {
  errors?: string[];
  fieldErrors?: Record<string, string>;
}

/** An error answer as data: its code, body and extra headers. */
export interface ApiError {
  code: ErrorCode;
  body: ErrorBody;
  headers?: Record<string, string>;
}

type FixedMessage = { [C in ErrorCode]: (typeof CATALOGUE)[C]["message"] extends string ? C : never }[ErrorCode];

/** The code's error with the catalogue's message, or the messages given. */
export function apiError(code: FixedMessage, ...messages: string[]): ApiError {
  const entry = CATALOGUE[code];
  const headers = "retryAfter" in entry ? { "Retry-After": entry.retryAfter } : undefined;
  return { code, body: { errors: messages.length > 0 ? messages : [entry.message] }, headers };
}

/** Invalid values of named fields: `{"fieldErrors":{...}}`. */
export function fieldErrors(fields: Record<string, string>): ApiError {
  return { code: "validation_failed", body: { fieldErrors: fields } };
}

/** The one place an error response is made. */
export function errorResponse(error: ApiError): Response {
  return new Response(JSON.stringify(error.body), {
    status: CATALOGUE[error.code].status,
    headers: { "Content-Type": "application/json", "X-Error-Code": error.code, ...error.headers },
  });
}

/**
 * The 409 of an atomic POST /registrations/batch that refused an item (nothing was registered):
 * the one error whose code is another answer's, its first refused item's, and whose body lists
 * every item's answer beside `errors`.
 */
export function batchRefusedResponse(code: ErrorCode, results: unknown[]): Response {
  return new Response(JSON.stringify({ errors: [MESSAGES.atomicBatchRefused], results }), {
    status: 409,
    headers: { "Content-Type": "application/json", "X-Error-Code": code },
  });
}

/** 401 with the challenge RFC 6750 asks for: `invalid_token` only when a token was given. */
export function unauthorized(tokenGiven: boolean): ApiError {
  const challenge = tokenGiven ? 'Bearer realm="api", error="invalid_token"' : 'Bearer realm="api"';
  return { ...apiError("unauthorized"), headers: { "WWW-Authenticate": challenge } };
}

/** The 404 of a path that names nothing. */
export const pathNotFound = (): ApiError => apiError("not_found", MESSAGES.pathNotFound);

/**
 * The 404 of an unknown id, typed as the JSON answer its routes declare, so that handlers whose
 * every answer has a body can return it.
 */
export function resourceNotFound(): Response & TypedResponse<ErrorBody, 404, "json"> {
  return errorResponse(apiError("not_found")) as Response & TypedResponse<ErrorBody, 404, "json">;
}

// --- Validation: zod issues in the contract's shapes -------------------------------------------

/**
 * One message per field, the first: zod keeps checking a value whose type is already wrong
 * (`[]` is "not a string" and also "too short"), and only the first says what is wrong.
 */
function messageList(error: z.ZodError): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const issue of error.issues) {
    const field = issue.path.join(".");
    if (field !== "" && seen.has(field)) continue;
    seen.add(field);
    if (!out.includes(issue.message)) out.push(issue.message);
  }
  return out;
}

/**
 * A failed validation. Request bodies report invalid fields as `fieldErrors` (first message per
 * field) and whole-body problems as `errors`; query strings and parameters, and bodies whose
 * contract lists every message (`asList`: POST /registrations), report them as `errors`.
 */
export function validationError(error: z.ZodError, target: string, asList = false): ApiError {
  if (asList || target !== "json") return { code: "validation_failed", body: { errors: messageList(error) } };
  const errors: string[] = [];
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    if (field === undefined) errors.push(issue.message);
    else fields[String(field)] ??= issue.message;
  }
  const body = {
    ...(errors.length > 0 ? { errors } : {}),
    ...(Object.keys(fields).length > 0 ? { fieldErrors: fields } : {}),
  };
  return { code: "validation_failed", body };
}

export interface ValidationResult {
  success: boolean;
  error?: z.ZodError;
  target: string;
}

/** The zod-openapi hook of every router: a failed validation answers 400; nothing else. */
export function validationHook(result: ValidationResult): Response | undefined {
  return result.success || !result.error ? undefined : errorResponse(validationError(result.error, result.target));
}

/** The hook of a body whose contract lists every problem in `errors` (POST /registrations). */
export function errorListHook(result: ValidationResult): Response | undefined {
  return result.success || !result.error ? undefined : errorResponse(validationError(result.error, result.target, true));
}

// --- onError: what is not an answer --------------------------------------------------------------

/**
 * What may be logged of an unexpected error. Drizzle's own message carries the SQL and its
 * bound parameters (personal data), so only the driver's message underneath is kept.
 */
export function describeError(error: unknown): { name: string; message: string } {
  if (!(error instanceof Error)) return { name: "NonError", message: typeof error };
  const cause = error.cause;
  // Not by name: DrizzleQueryError keeps the name "Error".
  if (error instanceof DrizzleQueryError && cause instanceof Error) {
    return { name: cause.name, message: cause.message };
  }
  return { name: error.name, message: error.message };
}

/**
 * The framework's own 4xx (its validators' media-type gate and JSON parse) in the contract's
 * words. The body rules run first and refuse these cases already; this is the backstop that
 * keeps a client error from ever becoming a 500.
 */
function frameworkClientError(error: HTTPException): ApiError {
  if (error.status === 415) return apiError("unsupported_media_type");
  if (error.status === 413) return apiError("payload_too_large");
  return apiError("invalid_json");
}

/**
 * The app's onError: a transient database failure is a 503 with `Retry-After: 1`; anything else
 * is a bug, logged with the request id and answered with a bare 500 that names nothing internal.
 */
export function handleError(error: unknown, c: Context<AppEnv>): Response {
  if (error instanceof HTTPException && error.status >= 400 && error.status < 500) {
    return errorResponse(frameworkClientError(error));
  }
  if (isTransientDatabaseError(error)) {
    // Not a bug: the database is briefly unavailable. The client may retry after Retry-After.
    console.warn(JSON.stringify({ level: "warn", requestId: c.var.requestId, error: describeError(error) }));
    return errorResponse(apiError("unavailable"));
  }
  console.error(JSON.stringify({ level: "error", requestId: c.var.requestId, error: describeError(error) }));
  return errorResponse(apiError("internal"));
}
