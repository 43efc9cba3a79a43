/**
 * The app's onError: an ApiError becomes its response; anything else is a bug, logged with
 * the request id and answered with a bare 500 that names nothing internal.
 */
import type { Context } from "hono";
import type { AppEnv } from "./app-env";
import { ApiError, errorResponse, internalError } from "./errors";

/**
 * What may be logged of an unexpected error. Drizzle's own message carries the SQL and its
 * bound parameters (personal data), so only the driver's message underneath is kept.
 */
export function describeError(error: unknown): { name: string; message: string } {
  if (!(error instanceof Error)) return { name: "NonError", message: typeof error };
  const cause = error.cause;
  if (error.name === "DrizzleQueryError" && cause instanceof Error) {
    return { name: cause.name, message: cause.message };
  }
  return { name: error.name, message: error.message };
}

export function handleError(error: unknown, c: Context<AppEnv>): Response {
  if (error instanceof ApiError) return errorResponse(error);
  console.error(JSON.stringify({ level: "error", requestId: c.var.requestId, error: describeError(error) }));
  return errorResponse(internalError());
}
