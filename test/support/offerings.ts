/** Requests, messages and read-backs of the offerings API (API.md §3 step 4, §5), shared by test/offerings/. */
import { expect } from "vitest";
import type { TestOrganization } from "./fixtures";
import { call, parts } from "./http";
import { lastSegment } from "./api";
import { PREFIX, ID, NOT_FOUND, expectError, type Json, type PageBody } from "./contract";

export const REGISTRATION_ORDER = "registrationEndDate must not be before registrationBeginDate";
export const DATE_ORDER = "endDate must not be before beginDate";
export const PASSING_GRADE = "passingGrade must be a number between 0 and 100";
export const SEAT_LIMIT = "seatLimit must be a positive integer";
export const UNKNOWN_CATEGORY = "offeringCategoryIds must name offering categories of the organization";
export const DATE_FIELDS = ["beginDate", "endDate", "registrationBeginDate", "registrationEndDate"] as const;
export const PAST = "2000-01-01T00:00:00Z";
export const FUTURE = "2099-01-01T00:00:00Z";

export async function expectInvalid(response: Response, fieldErrors: Record<string, string>): Promise<void> {
  await expectError(response, 400, "validation_failed", { fieldErrors });
}

export function postOffering(org: TestOrganization, json: unknown, prefix = PREFIX): Promise<Response> {
  return call("POST", `${prefix}/offerings`, { token: org.token, json });
}

export function putOffering(org: TestOrganization, id: string, json: unknown): Promise<Response> {
  return call("PUT", `${PREFIX}/offerings/${id}`, { token: org.token, json });
}

export function deleteOffering(org: TestOrganization, id: string): Promise<Response> {
  return call("DELETE", `${PREFIX}/offerings/${id}`, { token: org.token });
}

/** A 201 POST /offerings; returns the new id. */
export async function created(org: TestOrganization, json: Json = { title: "Course" }): Promise<string> {
  const response = await postOffering(org, json);
  const { status, body } = await parts(response);
  expect({ status, body }).toEqual({ status: 201, body: null });
  const id = lastSegment(response);
  expect(id).toMatch(ID);
  return id;
}

export async function read(org: TestOrganization, id: string): Promise<Json> {
  const { status, contentType, errorCode, body } = await parts(await call("GET", `${PREFIX}/offerings/${id}`, { token: org.token }));
  expect({ status, contentType, errorCode }).toEqual({ status: 200, contentType: "application/json", errorCode: null });
  return body as Json;
}

export async function expectGone(org: TestOrganization, id: string): Promise<void> {
  await expectError(await call("GET", `${PREFIX}/offerings/${id}`, { token: org.token }), 404, "not_found", NOT_FOUND);
}

export async function page(org: TestOrganization, query = "", prefix = PREFIX): Promise<PageBody> {
  const { status, contentType, errorCode, body } = await parts(await call("GET", `${prefix}/offerings${query}`, { token: org.token }));
  expect({ status, contentType, errorCode }).toEqual({ status: 200, contentType: "application/json", errorCode: null });
  return body as PageBody;
}

export async function ids(org: TestOrganization, query = ""): Promise<string[]> {
  return (await page(org, query)).results.map((offering) => String(offering.id));
}
