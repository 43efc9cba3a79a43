/** Helpers of the userfield tests: create through the API, read back. */
import { expect } from "vitest";
import { call, parts } from "../support/http";
import type { TestOrganization } from "../support/fixtures";

export const P = "/dc/api/v5";

export function lastSegment(response: Response): string {
  return (response.headers.get("Location") ?? "").split("/").pop() ?? "";
}

export async function createField(org: TestOrganization, json: Record<string, unknown>): Promise<string> {
  const response = await call("POST", `${P}/userfields`, { token: org.token, json });
  expect(response.status, JSON.stringify(await response.clone().text())).toBe(201);
  return lastSegment(response);
}

export async function createCategory(org: TestOrganization, json: Record<string, unknown>): Promise<string> {
  const response = await call("POST", `${P}/userfieldcategories`, { token: org.token, json });
  expect(response.status).toBe(201);
  return lastSegment(response);
}

export async function get(org: TestOrganization, path: string) {
  return parts(await call("GET", `${P}${path}`, { token: org.token }));
}

export async function put(org: TestOrganization, path: string, json: unknown) {
  return parts(await call("PUT", `${P}${path}`, { token: org.token, json }));
}

export const ok = (body: unknown) => ({ status: 200, contentType: "application/json", errorCode: null, body });
export const invalid = (fieldErrors: Record<string, string>) => ({
  status: 400,
  contentType: "application/json",
  errorCode: "validation_failed",
  body: { fieldErrors },
});
export const NOT_FOUND = {
  status: 404,
  contentType: "application/json",
  errorCode: "not_found",
  body: { errors: ["No resource exists with the given id."] },
};
export const NO_CONTENT = { status: 204, contentType: null, errorCode: null, body: null };
