/**
 * Authentication and tenancy of the resource API (API.md §2): bearer tokens, the 401
 * challenges, auth before path/method/body, organization scoping, and token revocation.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { call, parts } from "../support/http";
import { ADMIN_TOKEN, issueToken, revoke, insertOffering, insertRegistration, insertUser, newOrganization } from "../support/fixtures";
import { PREFIXES, UNKNOWN_ID, UNAUTHORIZED, CHALLENGE, INVALID_CHALLENGE } from "../support/contract";

describe("authentication", () => {
  describe("missing or unknown token", () => {
    it.each(PREFIXES)("a request to %s without Authorization is 401 with the plain challenge", async (prefix) => {
      const response = await call("GET", `${prefix}/registrations`);
      expect(response.headers.get("WWW-Authenticate")).toBe(CHALLENGE);
      expect(await parts(response)).toEqual(UNAUTHORIZED);
    });

    it("an Authorization header of another scheme is 401 with the plain challenge", async () => {
      const response = await call("GET", "/dc/api/v5/registrations", {
        headers: { Authorization: "Basic dXNlcjpwYXNz" },
      });
      expect(response.headers.get("WWW-Authenticate")).toBe(CHALLENGE);
      expect(await parts(response)).toEqual(UNAUTHORIZED);
    });

    it.each(PREFIXES)("an unknown token on %s is 401 with error=\"invalid_token\"", async (prefix) => {
      for (const token of ["nope", "0".repeat(64), UNKNOWN_ID]) {
        const response = await call("GET", `${prefix}/registrations`, { token });
        expect(response.headers.get("WWW-Authenticate"), token).toBe(INVALID_CHALLENGE);
        expect(await parts(response), token).toEqual(UNAUTHORIZED);
      }
    });

    it("the admin token is not an API token", async () => {
      const response = await call("GET", "/dc/api/v5/registrations", { token: ADMIN_TOKEN });
      expect(response.headers.get("WWW-Authenticate")).toBe(INVALID_CHALLENGE);
      expect(await parts(response)).toEqual(UNAUTHORIZED);
    });

    it("a valid token is accepted under both prefixes, with the scheme in any case", async () => {
      const org = await newOrganization();
      for (const prefix of PREFIXES) {
        const response = await call("GET", `${prefix}/registrations`, { token: org.token });
        expect(await parts(response)).toEqual({
          status: 200,
          contentType: "application/json",
          errorCode: null,
          body: { results: [] },
        });
      }
      const lower = await call("GET", "/dc/api/v5/registrations", { headers: { Authorization: `bearer ${org.token}` } });
      expect(lower.status).toBe(200);
    });
  });

  describe("authentication is checked first", () => {
    const cases: [string, string, Parameters<typeof call>[2]][] = [
      ["GET", "/dc/api/v5/nope", {}],
      ["GET", "/api/v5/registrations/not-an-id/extra", {}],
      ["DELETE", "/dc/api/v5/registrations", {}],
      ["PATCH", `/api/v5/registrations/${UNKNOWN_ID}`, {}],
      ["POST", "/dc/api/v5/registrations", { body: "userId=x", headers: { "Content-Type": "text/plain" } }],
      ["POST", "/dc/api/v5/registrations", { body: "{not json", headers: { "Content-Type": "application/json" } }],
      ["POST", "/dc/api/v5/registrations", { json: "x".repeat(70_000) }],
      ["POST", "/dc/api/v5/registrations", { json: {} }],
      ["PUT", `/dc/api/v5/registrations/${UNKNOWN_ID}`, { body: "x" }],
      ["GET", "/dc/api/v5/registrations?limit=0", {}],
    ];

    it.each(cases)("%s %s without a token is 401, not a path, method or body error", async (method, path, options) => {
      const response = await call(method, path, options);
      expect(response.headers.get("WWW-Authenticate")).toBe(CHALLENGE);
      expect(response.headers.get("Allow")).toBeNull();
      expect(await parts(response)).toEqual(UNAUTHORIZED);
    });

    it.each(cases)("%s %s with an unknown token is 401 invalid_token", async (method, path, options) => {
      const response = await call(method, path, { ...options, token: "unknown-token" });
      expect(response.headers.get("WWW-Authenticate")).toBe(INVALID_CHALLENGE);
      expect(await parts(response)).toEqual(UNAUTHORIZED);
    });
  });

  describe("tenancy", () => {
    it("another organization's registration is 404 on GET and PUT, and absent from lists", async () => {
      const owner = await newOrganization("Owner");
      const other = await newOrganization("Other");
      const userId = await insertUser(owner.id);
      const offeringId = await insertOffering(owner.id);
      const id = await insertRegistration(owner.id, { userId, offeringId });
      const notFound = {
        status: 404,
        contentType: "application/json",
        errorCode: "not_found",
        body: { errors: ["No resource exists with the given id."] },
      };

      expect(await parts(await call("GET", `/dc/api/v5/registrations/${id}`, { token: other.token }))).toEqual(notFound);
      expect(
        await parts(await call("PUT", `/dc/api/v5/registrations/${id}`, { token: other.token, json: { grade: 90 } })),
      ).toEqual(notFound);
      expect(
        await parts(
          await call("PUT", `/dc/api/v5/registrations/${id}`, { token: other.token, json: { status: "ejected" } }),
        ),
      ).toEqual(notFound);
      for (const query of ["", `?userId=${userId}`, `?offeringId=${offeringId}`, "?status=active"]) {
        const list = await call("GET", `/dc/api/v5/registrations${query}`, { token: other.token });
        expect(await parts(list), query).toEqual({
          status: 200,
          contentType: "application/json",
          errorCode: null,
          body: { results: [] },
        });
      }

      // The owner still sees it untouched.
      const own = await call("GET", `/dc/api/v5/registrations/${id}`, { token: owner.token });
      expect(await parts(own)).toEqual({
        status: 200,
        contentType: "application/json",
        errorCode: null,
        body: { id, userId, offeringId, title: "Course", status: "active", createdDate: expect.any(String) },
      });
    });

    it("two tokens of one organization see the same data", async () => {
      const org = await newOrganization();
      const second = await issueToken(org.id);
      const userId = await insertUser(org.id);
      const offeringId = await insertOffering(org.id);
      const created = await call("POST", "/dc/api/v5/registrations", { token: second.token, json: { userId, offeringId } });
      expect(created.status).toBe(201);
      const location = created.headers.get("Location") ?? "";
      const read = await call("GET", location, { token: org.token });
      expect(read.status).toBe(200);
    });
  });

  describe("revocation", () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it("a revoked token that was never used is refused at once; the organization's other tokens still work", async () => {
      const org = await newOrganization();
      const extra = await issueToken(org.id);
      await revoke(extra.id);
      for (const prefix of PREFIXES) {
        const response = await call("GET", `${prefix}/registrations`, { token: extra.token });
        expect(response.headers.get("WWW-Authenticate")).toBe(INVALID_CHALLENGE);
        expect(await parts(response)).toEqual(UNAUTHORIZED);
      }
      expect((await call("GET", "/dc/api/v5/registrations", { token: org.token })).status).toBe(200);
    });

    it("revoking one token leaves its sibling working, and revoking again keeps it revoked", async () => {
      const org = await newOrganization();
      const a = await issueToken(org.id);
      const b = await issueToken(org.id);
      await revoke(a.id);
      expect((await call("GET", "/dc/api/v5/registrations", { token: a.token })).status).toBe(401);
      expect((await call("GET", "/dc/api/v5/registrations", { token: b.token })).status).toBe(200);
      // Revoking again is harmless and the token stays dead.
      await revoke(a.id);
      expect((await call("GET", "/dc/api/v5/registrations", { token: a.token })).status).toBe(401);
    });
  });
});
