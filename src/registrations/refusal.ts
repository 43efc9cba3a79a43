/** The answer of POST /registrations for a refused registration (API.md §3 steps 3 and 4). */
import { ApiError, requestError } from "../http/errors";
import type { RegisterResult } from "./register";

export const NO_USER = "No user exists with the given userId";
export const NO_OFFERING = "No offering exists with the given offeringId";
export const NOT_AVAILABLE = "This offering is not available for registration for the given user";

/** References first, both reported together; else the availability error with its reason. */
export function registrationRefusal(result: Extract<RegisterResult, { ok: false }>): ApiError {
  if (result.unknownUser || result.unknownOffering) {
    const errors: string[] = [];
    if (result.unknownUser) errors.push(NO_USER);
    if (result.unknownOffering) errors.push(NO_OFFERING);
    return new ApiError(400, result.unknownUser ? "unknown_user" : "unknown_offering", { errors });
  }
  return requestError(400, result.reason ?? "already_registered", NOT_AVAILABLE);
}
