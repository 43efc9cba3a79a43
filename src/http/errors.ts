/**
 * The one error envelope of the API: every error response is built here, with its
 * stable `X-Error-Code`. Handlers and middleware throw an ApiError; `onError` renders it.
 */
import type { ContentfulStatusCode } from "hono/utils/http-status";

export type ErrorCode =
  | "unauthorized"
  | "not_found"
  | "method_not_allowed"
  | "unsupported_media_type"
  | "payload_too_large"
  | "invalid_json"
  | "invalid_body"
  | "validation_failed"
  | "unknown_user"
  | "unknown_offering"
  | "already_registered"
  | "retake_not_allowed"
  | "registration_not_open"
  | "registration_closed"
  | "offering_ended"
  | "offering_full"
  | "idempotency_key_reused"
  | "rate_limited"
  | "unavailable"
  | "internal";

export interface ErrorBody {
  errors?: string[];
  fieldErrors?: Record<string, string>;
}

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    readonly body: ErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
    this.name = "ApiError";
  }
}

export function errorResponse(error: ApiError): Response {
  return new Response(JSON.stringify(error.body), {
    status: error.status,
    headers: {
      "Content-Type": "application/json",
      "X-Error-Code": error.code,
      ...error.headers,
    },
  });
}

/** A request-level error: `{"errors":[message]}`. */
export function requestError(
  status: ContentfulStatusCode,
  code: ErrorCode,
  ...messages: string[]
): ApiError {
  return new ApiError(status, code, { errors: messages });
}

/** Invalid values of named fields: `{"fieldErrors":{...}}`. */
export function fieldError(fieldErrors: Record<string, string>): ApiError {
  return new ApiError(400, "validation_failed", { fieldErrors });
}

export const resourceNotFound = (): ApiError =>
  requestError(404, "not_found", "No resource exists with the given id.");

export const pathNotFound = (): ApiError => requestError(404, "not_found", "Not found");

/** The body rules of every POST and PUT (API.md §1). */
export const unsupportedMediaType = (): ApiError =>
  requestError(415, "unsupported_media_type", "Content-Type must be application/json");

export const payloadTooLarge = (): ApiError => requestError(413, "payload_too_large", "Request body is too large");

export const invalidJson = (): ApiError => requestError(400, "invalid_json", "Request body is not valid JSON");

export const bodyNotAnObject = (): ApiError => requestError(400, "invalid_body", "Request body must be a JSON object");

export const internalError = (): ApiError =>
  requestError(500, "internal", "Internal server error");

/** The database failed transiently; a write was either fully done or not at all. */
export const unavailable = (): ApiError =>
  new ApiError(503, "unavailable", { errors: ["Service temporarily unavailable"] }, { "Retry-After": "1" });

/** Over the rate limit; the window is a minute. */
export const tooManyRequests = (): ApiError =>
  new ApiError(429, "rate_limited", { errors: ["Too many requests"] }, { "Retry-After": "60" });
