/** The operator API (API.md §2): POST /admin/v1/organizations. */
import { describe, expect, it } from "vitest";
import { call, parts } from "../../support/http";
import { ADMIN_TOKEN } from "../../support/fixtures";
import { ID, UNKNOWN_ID } from "../../support/contract";
import { tokenBits, listWith } from "../../support/admin";
import { bodyRuleTests } from "../../support/common-tests";

describe("POST /admin/v1/organizations", () => {
  it("creates an organization: 201, Location, and {id, name, token}", async () => {
    const response = await call("POST", "/admin/v1/organizations", { token: ADMIN_TOKEN, json: { name: "Acme" } });
    const body = (await response.clone().json()) as { id: string; name: string; token: string };
    expect(body.id).toMatch(ID);
    expect(response.headers.get("Location")).toBe(`/admin/v1/organizations/${body.id}`);
    expect(await parts(response)).toEqual({
      status: 201,
      contentType: "application/json",
      errorCode: null,
      body: { id: body.id, name: "Acme", token: expect.any(String) },
    });
    expect(Object.keys(body).sort()).toEqual(["id", "name", "token"]);
  });

  it("the new token authenticates against the resource API", async () => {
    const response = await call("POST", "/admin/v1/organizations", { token: ADMIN_TOKEN, json: { name: "Acme" } });
    const { token } = (await response.json()) as { token: string };
    const list = await call("GET", "/dc/api/v5/registrations", { token });
    expect(await parts(list)).toEqual({
      status: 200,
      contentType: "application/json",
      errorCode: null,
      body: { results: [] },
    });
  });

  it("the token is random with at least 128 bits and differs every time", async () => {
    const tokens = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const response = await call("POST", "/admin/v1/organizations", { token: ADMIN_TOKEN, json: { name: `Org ${i}` } });
      const { token } = (await response.json()) as { token: string };
      expect(token).toMatch(/^[\x21-\x7e]+$/);
      expect(tokenBits(token)).toBeGreaterThanOrEqual(128);
      tokens.add(token);
    }
    expect(tokens.size).toBe(5);
  });

  it("unknown and read-only properties are ignored", async () => {
    const response = await call("POST", "/admin/v1/organizations", {
      token: ADMIN_TOKEN,
      json: { name: "Acme", id: UNKNOWN_ID, token: "chosen-token", extra: true },
    });
    const body = (await response.json()) as { id: string; name: string; token: string };
    expect(response.status).toBe(201);
    expect(body.id).not.toBe(UNKNOWN_ID);
    expect(body.token).not.toBe("chosen-token");
    expect(await listWith("chosen-token")).toBe(401);
  });

  it("name is required: missing, null or empty is 400 fieldErrors", async () => {
    for (const json of [{}, { name: null }, { name: "" }]) {
      const response = await call("POST", "/admin/v1/organizations", { token: ADMIN_TOKEN, json });
      expect(await parts(response), JSON.stringify(json)).toEqual({
        status: 400,
        contentType: "application/json",
        errorCode: "validation_failed",
        body: { fieldErrors: { name: "name is required" } },
      });
    }
  });

  bodyRuleTests(
    { method: "POST", setUp: async () => ({ token: ADMIN_TOKEN, path: "/admin/v1/organizations" }) },
    {
      unsupportedMediaType: [{ contentType: undefined, body: '{"name":"Acme"}' }],
      invalidJson: [{ what: "a truncated object", body: '{"name":' }],
      notAnObject: [{ what: "an array", json: ["Acme"] }],
    },
  );
});
