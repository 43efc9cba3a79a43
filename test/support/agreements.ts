/** Requests of the agreements API and its operator calls (API.md §7), shared by test/agreements/. */
import { expect } from "vitest";
import { ADMIN_TOKEN, type TestOrganization } from "./fixtures";
import { call, parts } from "./http";
import { PREFIX } from "./contract";

export const STANDARD = { title: "Terms of use", text: "Be kind.", required: true };
export const CUSTOM = { title: "Photo release", text: "We may use your photo.", required: false };

export function putAgreement(orgId: string, type: string, json: unknown, token = ADMIN_TOKEN) {
  return call("PUT", `/admin/v1/organizations/${orgId}/agreements/${type}`, { token, json });
}

export function deleteAgreement(orgId: string, type: string, token = ADMIN_TOKEN) {
  return call("DELETE", `/admin/v1/organizations/${orgId}/agreements/${type}`, { token });
}

export async function enable(org: TestOrganization, type: string, json: unknown) {
  expect((await putAgreement(org.id, type, json)).status).toBe(204);
}

export async function get(org: TestOrganization, path: string) {
  return parts(await call("GET", `${PREFIX}${path}`, { token: org.token }));
}

export function answer(org: TestOrganization, userId: string, type: string, json: unknown) {
  return call("PUT", `${PREFIX}/users/${userId}/agreements/${type}`, { token: org.token, json });
}
