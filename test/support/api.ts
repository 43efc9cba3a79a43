/**
 * Setup and read-back through the resource API that tests of several resources share: making a
 * user, an offering, a category or a registration, grading one, and reading registrations back.
 * Each asserts the status it needs, so a broken setup fails where it happens.
 */
import { expect } from "vitest";
import { newId } from "../../src/lib/crypto";
import type { TestOrganization } from "./fixtures";
import { call, parts } from "./http";
import { PREFIX, type Json } from "./contract";

/** The id at the end of a 201's Location. */
export const lastSegment = (response: Response): string => response.headers.get("Location")?.split("/").pop() ?? "";

export async function newUser(org: TestOrganization): Promise<string> {
  const response = await call("POST", `${PREFIX}/users`, {
    token: org.token,
    json: { firstName: "Ada", lastName: "Lovelace", email: `${newId()}@example.test` },
  });
  expect(response.status).toBe(201);
  return lastSegment(response);
}

export async function newOffering(org: TestOrganization, json: Json = { title: "Course" }): Promise<string> {
  const response = await call("POST", `${PREFIX}/offerings`, { token: org.token, json });
  expect(response.status).toBe(201);
  return lastSegment(response);
}

export async function newCategory(org: TestOrganization, name = "Category"): Promise<string> {
  const response = await call("POST", `${PREFIX}/offeringcategories`, { token: org.token, json: { name } });
  expect(response.status).toBe(201);
  return lastSegment(response);
}

export function postRegistration(org: TestOrganization, userId: string, offeringId: string): Promise<Response> {
  return call("POST", `${PREFIX}/registrations`, { token: org.token, json: { userId, offeringId } });
}

/** A 201 POST /registrations; returns the new id. */
export async function register(org: TestOrganization, userId: string, offeringId: string): Promise<string> {
  const response = await postRegistration(org, userId, offeringId);
  expect(response.status).toBe(201);
  return lastSegment(response);
}

/** A 204 PUT /registrations/<id>. */
export async function updateRegistration(org: TestOrganization, id: string, json: Json): Promise<void> {
  expect((await call("PUT", `${PREFIX}/registrations/${id}`, { token: org.token, json })).status).toBe(204);
}

/** GET /registrations/<id> answering 200; returns the body. */
export async function readBack(org: TestOrganization, id: string): Promise<Json> {
  const { status, body } = await parts(await call("GET", `${PREFIX}/registrations/${id}`, { token: org.token }));
  expect(status).toBe(200);
  return body as Json;
}

/** Every registration of the organization, read through the API. */
export async function registrationsOf(org: TestOrganization): Promise<Json[]> {
  const response = await call("GET", `${PREFIX}/registrations?limit=100`, { token: org.token });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { results: Json[] };
  return body.results;
}
