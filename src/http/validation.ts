/**
 * Turning schema validation failures into the contract's error shapes. Request bodies report
 * invalid fields as `fieldErrors` (first message per field); query strings, and bodies whose
 * contract lists messages (POST /registrations), report them as `errors`.
 */
import type { z } from "@hono/zod-openapi";
import { ApiError } from "./errors";

/**
 * One message per field, the first: zod keeps checking a value whose type is already wrong
 * (`[]` is "not a string" and also "too short"), and only the first says what is wrong.
 */
function messages(error: z.ZodError): string[] {
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
