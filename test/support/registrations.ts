/** Reads of the registrations API (API.md §3, §6) and data with chosen times, shared by test/registrations/. */
import { expect } from "vitest";
import { insertOffering, insertRegistration, insertUser, newOrganization, type TestOrganization } from "./fixtures";
import { call, parts } from "./http";
import { PREFIX, at, type PageBody } from "./contract";

export function get(org: TestOrganization, path: string): Promise<Response> {
  return call("GET", path, { token: org.token });
}

/** A 200 list response's body. */
export async function page(org: TestOrganization, query = "", prefix = PREFIX): Promise<PageBody> {
  const response = await get(org, `${prefix}/registrations${query}`);
  const { status, contentType, errorCode, body } = await parts(response);
  expect({ status, contentType, errorCode }).toEqual({ status: 200, contentType: "application/json", errorCode: null });
  return body as PageBody;
}

export async function ids(org: TestOrganization, query = ""): Promise<string[]> {
  return (await page(org, query)).results.map((r) => String(r.id));
}

/** An organization with one user and one offering. */
export async function scenario() {
  const org = await newOrganization();
  const userId = await insertUser(org.id);
  const offeringId = await insertOffering(org.id, { title: "Chalk 101" });
  return { org, userId, offeringId };
}

/**
 * `count` registrations created one second apart from 2026-01-01T00:00:00Z, each of its own
 * user in one offering; returns their ids oldest first.
 */
export async function manyRegistrations(org: TestOrganization, offeringId: string, count: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const userId = await insertUser(org.id);
    out.push(await insertRegistration(org.id, { userId, offeringId, createdAt: at("2026-01-01T00:00:00Z") + i * 1000 }));
  }
  return out;
}
