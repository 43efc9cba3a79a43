/**
 * The app's onError: an ApiError becomes its response; a transient database failure is a 503
 * with `Retry-After: 1`; anything else is a bug, logged with the request id and answered with
 * a bare 500 that names nothing internal.
 */
import { DrizzleQueryError } from "drizzle-orm";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "./app-env";
import { isTransientDatabaseError } from "../db/transient-errors";
import { ApiError, errorResponse, internalError, invalidJson, payloadTooLarge, unavailable, unsupportedMediaType } from "./errors";

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
  if (error.status === 415) return unsupportedMediaType();
  if (error.status === 413) return payloadTooLarge();
  return invalidJson();
}

export function handleError(error: unknown, c: Context<AppEnv>): Response {
  if (error instanceof ApiError) return errorResponse(error);
  if (error instanceof HTTPException && error.status >= 400 && error.status < 500) {
    return errorResponse(frameworkClientError(error));
  }
  if (isTransientDatabaseError(error)) {
    // Not a bug: the database is briefly unavailable. The client may retry after Retry-After.
    console.warn(JSON.stringify({ level: "warn", requestId: c.var.requestId, error: describeError(error) }));
    return errorResponse(unavailable());
  }
  console.error(JSON.stringify({ level: "error", requestId: c.var.requestId, error: describeError(error) }));
  return errorResponse(internalError());
}
