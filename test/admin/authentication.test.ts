/** The operator API (API.md §2): the admin token on every /admin/v1 endpoint, and unknown paths. */
import { describe, expect, it } from "vitest";
import { call, parts } from "../support/http";
import { ADMIN_TOKEN, newOrganization } from "../support/fixtures";
import { UNKNOWN_ID, NOT_FOUND_PATH, UNAUTHORIZED } from "../support/contract";
import { listWith } from "../support/admin";

describe("admin authentication", () => {
  const endpoints: [string, string, unknown][] = [
    ["POST", "/admin/v1/organizations", { name: "Acme" }],
    ["POST", `/admin/v1/organizations/${UNKNOWN_ID}/tokens`, {}],
    ["DELETE", `/admin/v1/tokens/${UNKNOWN_ID}`, undefined],
  ];

  it.each(endpoints)("%s %s without Authorization is 401 with the plain challenge", async (method, path, json) => {
    const response = await call(method, path, { json });
    expect(response.headers.get("WWW-Authenticate")).toBe('Bearer realm="api"');
    expect(await parts(response)).toEqual(UNAUTHORIZED);
  });

  it.each(endpoints)("%s %s with a wrong admin token is 401 invalid_token", async (method, path, json) => {
    const org = await newOrganization();
    for (const token of [`${ADMIN_TOKEN}x`, ADMIN_TOKEN.slice(0, -1), org.token, "demo-admin-token"]) {
      const response = await call(method, path, { token, json });
      expect(response.headers.get("WWW-Authenticate"), token).toBe('Bearer realm="api", error="invalid_token"');
      expect(await parts(response), token).toEqual(UNAUTHORIZED);
    }
  });

  it("a wrong admin token creates nothing and revokes nothing", async () => {
    const org = await newOrganization();
    const issued = await call("POST", `/admin/v1/organizations/${org.id}/tokens`, { token: ADMIN_TOKEN, json: {} });
    const { id, token } = (await issued.json()) as { id: string; token: string };
    const response = await call("DELETE", `/admin/v1/tokens/${id}`, { token: org.token });
    expect(response.status).toBe(401);
    expect(await listWith(token)).toBe(200);
  });

  it("an unknown path under /admin/v1 with the admin token is 404 Not found", async () => {
    for (const path of ["/admin/v1", "/admin/v1/nope", `/admin/v1/organizations/${UNKNOWN_ID}`]) {
      const response = await call("GET", path, { token: ADMIN_TOKEN });
      expect(await parts(response), path).toEqual(NOT_FOUND_PATH);
    }
  });
});
