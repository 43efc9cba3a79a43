/**
 * Turning schema validation failures into the contract's error shapes. Request bodies report
 * invalid fields as `fieldErrors` (first message per field); query strings, and bodies whose
 * contract lists messages (POST /registrations), report them as `errors`.
 */
import type { z } from "@hono/zod-openapi";
import { ApiError } from "./errors";

function messages(error: z.ZodError): string[] {
  return [...new Set(error.issues.map((issue) => issue.message))];
}

export function toApiError(error: z.ZodError, target: string, asList: boolean): ApiError {
  if (asList || target !== "json") {
    return new ApiError(400, "validation_failed", { errors: messages(error) });
  }
  const errors: string[] = [];
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    if (field === undefined) errors.push(issue.message);
    else fieldErrors[String(field)] ??= issue.message;
  }
  const body = {
    ...(errors.length > 0 ? { errors } : {}),
    ...(Object.keys(fieldErrors).length > 0 ? { fieldErrors } : {}),
  };
  return new ApiError(400, "validation_failed", body);
}

export interface ValidationResult {
  success: boolean;
  error?: z.ZodError;
  target: string;
}

/** The default: body fields as `fieldErrors`, query problems as `errors`. */
export function fieldErrorsHook(result: ValidationResult): undefined {
  if (!result.success && result.error) throw toApiError(result.error, result.target, false);
  return undefined;
}

/** For bodies whose contract reports every problem in `errors`. */
export function errorListHook(result: ValidationResult): undefined {
  if (!result.success && result.error) throw toApiError(result.error, result.target, true);
  return undefined;
}
