/** Requests and read-backs of the offering categories API (API.md §5), shared by test/offering-categories/. */
import { expect } from "vitest";
import type { TestOrganization } from "./fixtures";
import { call, parts } from "./http";
import { PREFIX } from "./contract";

export const COLOR_MESSAGE = "color must be a color in the form #rrggbb";

/** Creates a category through the API and returns its id. */
export async function createCategory(org: TestOrganization, json: Record<string, unknown>): Promise<string> {
  const response = await call("POST", `${PREFIX}/offeringcategories`, { token: org.token, json });
  expect(response.status).toBe(201);
  return (response.headers.get("Location") ?? "").split("/").pop() ?? "";
}

export async function read(org: TestOrganization, id: string) {
  return parts(await call("GET", `${PREFIX}/offeringcategories/${id}`, { token: org.token }));
}

export async function list(org: TestOrganization, query = "") {
  return parts(await call("GET", `${PREFIX}/offeringcategories${query}`, { token: org.token }));
}
