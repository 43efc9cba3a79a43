/**
 * What the contract tests share (API.md §1, §6): the base path, the shapes of ids and dates,
 * the not-found body, the list envelope, and the check of a whole error response.
 */
import { expect } from "vitest";
import { parts } from "./http";

export const PREFIX = "/dc/api/v5";
export const ID = /^[0-9a-f]{32}$/;
export const ISO_SECOND = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
export const NOT_FOUND = { errors: ["No resource exists with the given id."] };

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
