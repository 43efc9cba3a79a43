/** The operator API (API.md §2): DELETE /admin/v1/tokens/<id>, revocation. */
import { describe, expect, it } from "vitest";
import { call, parts } from "../../support/http";
import { ADMIN_TOKEN, newOrganization } from "../../support/fixtures";
import { UNKNOWN_ID, NOT_FOUND_ID } from "../../support/contract";
import { listWith } from "../../support/admin";

describe("DELETE /admin/v1/tokens/<id>", () => {
  it("revokes: 204 with an empty body, and the token stops authenticating", async () => {
    const org = await newOrganization();
    const issued = await call("POST", `/admin/v1/organizations/${org.id}/tokens`, { token: ADMIN_TOKEN, json: {} });
    const { id, token } = (await issued.json()) as { id: string; token: string };
    const response = await call("DELETE", `/admin/v1/tokens/${id}`, { token: ADMIN_TOKEN });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
    expect(await listWith(token)).toBe(401);
    expect(await listWith(org.token)).toBe(200);
  });

  it("an unknown or malformed token id is 404", async () => {
    for (const id of [UNKNOWN_ID, "not-an-id"]) {
      const response = await call("DELETE", `/admin/v1/tokens/${id}`, { token: ADMIN_TOKEN });
      expect(await parts(response), id).toEqual(NOT_FOUND_ID);
    }
  });

  it("an organization id is not a token id", async () => {
    const org = await newOrganization();
    const response = await call("DELETE", `/admin/v1/tokens/${org.id}`, { token: ADMIN_TOKEN });
    expect(await parts(response)).toEqual(NOT_FOUND_ID);
    expect(await listWith(org.token)).toBe(200);
  });
});
