/** Requests and read-backs of the users API (API.md §4), shared by test/users/. */
import { expect } from "vitest";
import { newId } from "../../src/lib/crypto";
import type { TestOrganization } from "./fixtures";
import { call, parts } from "./http";
import { PREFIX, ID, NOT_FOUND, expectError, type Json, type PageBody } from "./contract";

export const PASSWORD_RULE =
  "The new password must be at least 6 characters in length, contain only letters and numbers, and contain at least one letter and one number";
export const EMAIL_TAKEN = "Email address is already in use";
export const USERNAME_TAKEN = "Username is already in use";

export function fieldErrors(errors: Record<string, string>) {
  return { fieldErrors: errors };
}

export function postUser(org: TestOrganization, json: unknown, prefix = PREFIX): Promise<Response> {
  return call("POST", `${prefix}/users`, { token: org.token, json });
}

export function putUser(org: TestOrganization, id: string, json: unknown): Promise<Response> {
  return call("PUT", `${PREFIX}/users/${id}`, { token: org.token, json });
}

export function deleteUser(org: TestOrganization, id: string): Promise<Response> {
  return call("DELETE", `${PREFIX}/users/${id}`, { token: org.token });
}

/** A minimal valid body with a unique email. */
export function userBody(fields: Json = {}): Json {
  return { firstName: "Ada", lastName: "Lovelace", email: `${newId()}@example.test`, ...fields };
}

/** A 201 POST /users; returns the new id. */
export async function created(org: TestOrganization, json: Json = userBody()): Promise<string> {
  const response = await postUser(org, json);
  const { status, body } = await parts(response);
  expect({ status, body }).toEqual({ status: 201, body: null });
  const id = response.headers.get("Location")?.split("/").pop() ?? "";
  expect(id).toMatch(ID);
  return id;
}

/** GET /users/<id> answering 200; returns the body. */
export async function read(org: TestOrganization, id: string): Promise<Json> {
  const { status, contentType, errorCode, body } = await parts(await call("GET", `${PREFIX}/users/${id}`, { token: org.token }));
  expect({ status, contentType, errorCode }).toEqual({ status: 200, contentType: "application/json", errorCode: null });
  return body as Json;
}

export async function expectGone(org: TestOrganization, id: string): Promise<void> {
  await expectError(await call("GET", `${PREFIX}/users/${id}`, { token: org.token }), 404, "not_found", NOT_FOUND);
}

/** A 200 GET /users body. */
export async function page(org: TestOrganization, query = "", prefix = PREFIX): Promise<PageBody> {
  const { status, contentType, errorCode, body } = await parts(await call("GET", `${prefix}/users${query}`, { token: org.token }));
  expect({ status, contentType, errorCode }).toEqual({ status: 200, contentType: "application/json", errorCode: null });
  return body as PageBody;
}

export async function ids(org: TestOrganization, query = ""): Promise<string[]> {
  return (await page(org, query)).results.map((user) => String(user.id));
}
