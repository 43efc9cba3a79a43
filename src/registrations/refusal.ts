/** The answer of POST /registrations for a refused registration (API.md §3 steps 3 and 4). */
import { apiError, CATALOGUE, type ApiError } from "../http/errors";
import type { RegisterRefusal } from "./register";

/** A refused registration: unknown ids first (both named), else the rule's reason. */
export function refusalError(refusal: RegisterRefusal): ApiError {
  const { unknownUser, unknownOffering, reason } = refusal;
  if (!unknownUser && !unknownOffering) return apiError(reason);
  const errors: string[] = [];
  if (unknownUser) errors.push(CATALOGUE.unknown_user.message);
  if (unknownOffering) errors.push(CATALOGUE.unknown_offering.message);
  return apiError(unknownUser ? "unknown_user" : "unknown_offering", ...errors);
}
