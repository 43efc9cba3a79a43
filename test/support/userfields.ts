/**
 * Requests and read-backs of the userfields APIs (API.md §7a), shared by test/userfields/,
 * test/userfield-categories/ and test/userfield-values/.
 */
import { expect } from "vitest";
import { PREFIX } from "./contract";
import type { TestOrganization } from "./fixtures";
import { call, parts } from "./http";

/** Every organization's predefined contact fields, in their order. */
export const PREDEFINED = ["Phone Number", "Street 1", "Street 2", "City", "State/Province", "Postal Code", "Country"];
export const FIELD_TYPES_MESSAGE =
  "type must be one of text, email, date, integer, decimal, dropdown, radiobuttons, checkboxes, checkbox, truefalse, yesno";
export const CATEGORY_MESSAGE = "categoryId must name a userfield category of the organization";
export const CATEGORY_TYPE_MESSAGE = "type must be public or private";

export function lastSegment(response: Response): string {
  return (response.headers.get("Location") ?? "").split("/").pop() ?? "";
}

/** Creates a userfield through the API and returns its id. */
export async function createField(org: TestOrganization, json: Record<string, unknown>): Promise<string> {
  const response = await call("POST", `${PREFIX}/userfields`, { token: org.token, json });
  expect(response.status, JSON.stringify(await response.clone().text())).toBe(201);
  return lastSegment(response);
}

/** Creates a userfield category through the API and returns its id. */
export async function createCategory(org: TestOrganization, json: Record<string, unknown>): Promise<string> {
  const response = await call("POST", `${PREFIX}/userfieldcategories`, { token: org.token, json });
  expect(response.status).toBe(201);
  return lastSegment(response);
}

/** GET `<prefix><path>`, as `parts()` gives it. */
export async function get(org: TestOrganization, path: string) {
  return parts(await call("GET", `${PREFIX}${path}`, { token: org.token }));
}

/** PUT `<prefix><path>` with a JSON body, as `parts()` gives it. */
export async function put(org: TestOrganization, path: string, json: unknown) {
  return parts(await call("PUT", `${PREFIX}${path}`, { token: org.token, json }));
}

/** DELETE `<prefix><path>`, as `parts()` gives it. */
export async function remove(org: TestOrganization, path: string) {
  return parts(await call("DELETE", `${PREFIX}${path}`, { token: org.token }));
}

/** The organization's userfields without the seven predefined ones. */
export async function ownFields(org: TestOrganization, query = ""): Promise<Record<string, unknown>[]> {
  const { body } = await get(org, `/userfields?limit=100${query}`);
  return (body as { results: Record<string, unknown>[] }).results.filter((f) => !PREDEFINED.includes(f.name as string));
}
