/** The operator API (API.md §2): POST /admin/v1/organizations/<id>/tokens. */
import { describe, expect, it } from "vitest";
import { call, parts } from "../../support/http";
import { ADMIN_TOKEN, newOrganization } from "../../support/fixtures";
import { ID, UNKNOWN_ID, NOT_FOUND_ID } from "../../support/contract";
import { tokenBits, listWith } from "../../support/admin";

describe("POST /admin/v1/organizations/<id>/tokens", () => {
  it("issues a token with {} or a name: 201 {id, token}, and it authenticates", async () => {
    const org = await newOrganization();
    for (const json of [{}, { name: "lms sync" }]) {
      const response = await call("POST", `/admin/v1/organizations/${org.id}/tokens`, { token: ADMIN_TOKEN, json });
      const body = (await response.clone().json()) as { id: string; token: string };
      expect(await parts(response), JSON.stringify(json)).toEqual({
        status: 201,
        contentType: "application/json",
        errorCode: null,
        body: { id: expect.stringMatching(ID), token: expect.any(String) },
      });
      expect(Object.keys(body).sort()).toEqual(["id", "token"]);
      expect(body.id).not.toBe(org.id);
      expect(body.token).not.toBe(org.token);
      expect(tokenBits(body.token)).toBeGreaterThanOrEqual(128);
      expect(await listWith(body.token)).toBe(200);
    }
    // The organization's first token keeps working.
    expect(await listWith(org.token)).toBe(200);
  });

  it("the token value appears only in the response that created it", async () => {
    const org = await newOrganization();
    const issued = await call("POST", `/admin/v1/organizations/${org.id}/tokens`, { token: ADMIN_TOKEN, json: {} });
    const { id, token } = (await issued.json()) as { id: string; token: string };
    const again = await call("POST", `/admin/v1/organizations/${org.id}/tokens`, { token: ADMIN_TOKEN, json: {} });
    const againText = await again.text();
    expect(againText).not.toContain(token);
    expect(againText).not.toContain(org.token);
    const revoked = await call("DELETE", `/admin/v1/tokens/${id}`, { token: ADMIN_TOKEN });
    expect(await revoked.text()).toBe("");
    for (const response of [issued, again, revoked]) {
      for (const [name, value] of response.headers) {
        expect(value, name).not.toContain(token);
      }
    }
  });

  it("an unknown or malformed organization is 404", async () => {
    for (const id of [UNKNOWN_ID, "not-an-id", UNKNOWN_ID.toUpperCase()]) {
      const response = await call("POST", `/admin/v1/organizations/${id}/tokens`, { token: ADMIN_TOKEN, json: {} });
      expect(await parts(response), id).toEqual(NOT_FOUND_ID);
    }
  });

  it("a name that is not a string is 400", async () => {
    const org = await newOrganization();
    const response = await call("POST", `/admin/v1/organizations/${org.id}/tokens`, {
      token: ADMIN_TOKEN,
      json: { name: 42 },
    });
    const result = await parts(response);
    expect(result.status).toBe(400);
    expect(result.errorCode).toBe("validation_failed");
  });
});
