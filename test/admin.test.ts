/**
 * The operator API under /admin/v1 (API.md §2): organizations, their tokens, revocation,
 * the admin token, and its absence.
 */
import { describe, expect, it } from "vitest";
import { call, parts } from "./support/http";
import { ADMIN_TOKEN, newOrganization } from "./support/fixtures";
import { ID } from "./support/contract";

const UNKNOWN_ID = "0123456789abcdef0123456789abcdef";

const NOT_FOUND_PATH = {
  status: 404,
  contentType: "application/json",
  errorCode: "not_found",
  body: { errors: ["Not found"] },
};
const NOT_FOUND_ID = {
  status: 404,
  contentType: "application/json",
  errorCode: "not_found",
  body: { errors: ["No resource exists with the given id."] },
};
const UNAUTHORIZED = {
  status: 401,
  contentType: "application/json",
  errorCode: "unauthorized",
  body: { errors: ["A valid access token is required"] },
};

/** Bits of randomness a token's alphabet and length can carry at most. */
function tokenBits(token: string): number {
  if (/^[0-9a-f]+$/.test(token) || /^[0-9A-F]+$/.test(token)) return token.length * 4;
  if (/^[A-Za-z0-9_-]+$/.test(token) || /^[A-Za-z0-9+/]+=*$/.test(token)) return token.replace(/=+$/, "").length * 6;
  return 0;
}

async function listWith(token: string): Promise<number> {
  return (await call("GET", "/dc/api/v5/registrations", { token })).status;
}

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

  it("the body rules apply: 415, invalid JSON, not an object", async () => {
    const cases: [Parameters<typeof call>[2], number, string, string][] = [
      [{ body: '{"name":"Acme"}' }, 415, "unsupported_media_type", "Content-Type must be application/json"],
      [
        { body: '{"name":', headers: { "Content-Type": "application/json" } },
        400,
        "invalid_json",
        "Request body is not valid JSON",
      ],
      [{ json: ["Acme"] }, 400, "invalid_body", "Request body must be a JSON object"],
    ];
    for (const [options, status, code, message] of cases) {
      const response = await call("POST", "/admin/v1/organizations", { token: ADMIN_TOKEN, ...options });
      expect(await parts(response), code).toEqual({
        status,
        contentType: "application/json",
        errorCode: code,
        body: { errors: [message] },
      });
    }
  });
});

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
