/**
 * What the contract tests share (API.md §1, §2, §6): the base paths, the shapes of ids and dates,
 * the standard answers (not found, unauthorized, validation), the list envelope, and the check of
 * a whole error response.
 */
import { expect } from "vitest";
import { parts } from "./http";

export const PREFIX = "/dc/api/v5";
/** Both base paths of the resource API. */
export const PREFIXES = ["/dc/api/v5", "/api/v5"] as const;
export const ID = /^[0-9a-f]{32}$/;
/** A well-formed id that no row has. */
export const UNKNOWN_ID = "0123456789abcdef0123456789abcdef";
export const ISO_SECOND = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
export const NOT_FOUND = { errors: ["No resource exists with the given id."] };
export const UNAVAILABLE = { errors: ["This offering is not available for registration for the given user"] };

/** Epoch milliseconds of an ISO-8601 time (fixture columns take milliseconds). */
export const at = (iso: string): number => Date.parse(iso);

export type Json = Record<string, unknown>;

export interface PageBody {
  results: Json[];
  next?: string;
  previous?: string;
}

/** The whole error response: status, JSON media type, `X-Error-Code` and the exact body. */
export async function expectError(response: Response, status: number, errorCode: string, body: unknown): Promise<void> {
  expect(await parts(response)).toEqual({ status, contentType: "application/json", errorCode, body });
}

// Whole answers as `parts()` gives them.

export function ok(body: unknown) {
  return { status: 200, contentType: "application/json", errorCode: null, body };
}

export function invalid(fieldErrors: Record<string, string>) {
  return { status: 400, contentType: "application/json", errorCode: "validation_failed", body: { fieldErrors } };
}

export const NO_CONTENT = { status: 204, contentType: null, errorCode: null, body: null };

/** An id that is unknown, malformed or another organization's. */
export const NOT_FOUND_ID = { status: 404, contentType: "application/json", errorCode: "not_found", body: NOT_FOUND };

/** A path that is not served. */
export const NOT_FOUND_PATH = { status: 404, contentType: "application/json", errorCode: "not_found", body: { errors: ["Not found"] } };

/** No token, or one that is not valid; the challenges tell the two apart. */
export const UNAUTHORIZED = {
  status: 401,
  contentType: "application/json",
  errorCode: "unauthorized",
  body: { errors: ["A valid access token is required"] },
};
export const CHALLENGE = 'Bearer realm="api"';
export const INVALID_CHALLENGE = 'Bearer realm="api", error="invalid_token"';
