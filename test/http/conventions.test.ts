/**
 * The HTTP conventions of API.md §1 that every endpoint shares: unknown paths, repeated query
 * parameters, request ids, error headers, security headers and the request log line. Wrong
 * methods are in methods.test.ts; the body rules are generated per endpoint
 * (test/support/common-tests.ts) in each endpoint's own file.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { call, parts } from "../support/http";
import { ADMIN_TOKEN, insertOffering, insertRegistration, insertUser, newOrganization } from "../support/fixtures";
import { describeWorkersOnly } from "../support/runtime";
import { PREFIXES, UNKNOWN_ID } from "../support/contract";

const NOT_AVAILABLE = "This offering is not available for registration for the given user";

describe("unknown path", () => {
  it.each(PREFIXES)("an unknown path under %s with a valid token is 404 Not found", async (prefix) => {
    const org = await newOrganization();
    for (const path of [`${prefix}/nope`, `${prefix}/registrations/${UNKNOWN_ID}/extra`, `${prefix}/`]) {
      const response = await call("GET", path, { token: org.token });
      expect(await parts(response), path).toEqual({
        status: 404,
        contentType: "application/json",
        errorCode: "not_found",
        body: { errors: ["Not found"] },
      });
    }
  });

  it("a path outside the API prefixes is 404 Not found, with or without a token", async () => {
    const org = await newOrganization();
    for (const path of ["/", "/nope", "/dc/api/v4/registrations", "/dc/api/v5x/registrations", "/api/registrations"]) {
      for (const token of [undefined, org.token]) {
        const response = await call("GET", path, { token });
        expect(await parts(response), `${path} token=${token !== undefined}`).toEqual({
          status: 404,
          contentType: "application/json",
          errorCode: "not_found",
          body: { errors: ["Not found"] },
        });
      }
    }
  });
});

describe("query parameters given twice", () => {
  it("returns 400 with the parameter's own message, never zod's default text", async () => {
    const org = await newOrganization();
    const cases: [string, string[]][] = [
      ["/dc/api/v5/users?email=a&email=b", ["email must be given once"]],
      ["/dc/api/v5/offerings?limit=5&limit=6", ["limit must be an integer between 1 and 100"]],
      ["/dc/api/v5/registrations?createdDate=2026&createdDate=2025", ["createdDate is not a valid date filter"]],
      ["/dc/api/v5/registrations?status=active&status=passed", ["status must be one of active, passed, failed, ejected"]],
    ];
    for (const [path, errors] of cases) {
      expect(await parts(await call("GET", path, { token: org.token })), path).toEqual({
        status: 400,
        contentType: "application/json",
        errorCode: "validation_failed",
        body: { errors },
      });
    }
  });
});

describe("the public OpenAPI document", () => {
  it("is the only path under a prefix that needs no token", async () => {
    expect((await call("GET", "/dc/api/v5/openapi.json")).status).toBe(200);
    for (const path of ["/dc/api/v5/users/openapi.json", "/api/v5/nope/openapi.json"]) {
      expect(await parts(await call("GET", path)), path).toEqual({
        status: 401,
        contentType: "application/json",
        errorCode: "unauthorized",
        body: { errors: ["A valid access token is required"] },
      });
    }
  });
});

describe("X-Request-Id", () => {
  it("every response carries a new X-Request-Id when none is sent", async () => {
    const org = await newOrganization();
    const responses = [
      await call("GET", "/dc/api/v5/registrations", { token: org.token }),
      await call("GET", "/dc/api/v5/registrations"),
      await call("GET", "/nope"),
      await call("DELETE", "/dc/api/v5/registrations", { token: org.token }),
      await call("POST", "/dc/api/v5/registrations", { token: org.token, json: {} }),
    ];
    const ids = responses.map((response) => response.headers.get("X-Request-Id"));
    for (const id of ids) expect(id).toMatch(/^[\w.:=-]{8,128}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("a well-formed incoming X-Request-Id is echoed", async () => {
    const org = await newOrganization();
    for (const id of ["client-request-42", "0b1d4f0e-6a39-4a8e-9a51-6f3c1c1d2e9f", "abc.DEF:1=2_3"]) {
      const ok = await call("GET", "/dc/api/v5/registrations", { token: org.token, headers: { "X-Request-Id": id } });
      expect(ok.headers.get("X-Request-Id")).toBe(id);
      const refused = await call("GET", "/dc/api/v5/registrations", { headers: { "X-Request-Id": id } });
      expect(refused.headers.get("X-Request-Id")).toBe(id);
    }
  });

  it("an incoming cf-ray is echoed", async () => {
    const org = await newOrganization();
    const response = await call("GET", "/dc/api/v5/registrations", {
      token: org.token,
      headers: { "cf-ray": "8c1f2e3d4b5a6978-AMS" },
    });
    expect(response.headers.get("X-Request-Id")).toBe("8c1f2e3d4b5a6978-AMS");
  });

  it("a malformed incoming X-Request-Id is replaced by a new id", async () => {
    const org = await newOrganization();
    for (const id of ["has spaces in it", "x".repeat(129), "<script>", "a\tb"]) {
      const response = await call("GET", "/dc/api/v5/registrations", {
        token: org.token,
        headers: { "X-Request-Id": id },
      });
      const echoed = response.headers.get("X-Request-Id");
      expect(echoed).not.toBe(id);
      expect(echoed).toMatch(/^[\w.:=-]{8,128}$/);
    }
  });
});

describe("error responses", () => {
  it("every error carries X-Error-Code and Content-Type application/json", async () => {
    const org = await newOrganization();
    const userId = await insertUser(org.id);
    const offeringId = await insertOffering(org.id);
    await insertRegistration(org.id, { userId, offeringId });
    const cases: [string, string, Parameters<typeof call>[2], number, string][] = [
      ["GET", "/dc/api/v5/registrations", {}, 401, "unauthorized"],
      ["GET", "/dc/api/v5/registrations", { token: "not-a-token" }, 401, "unauthorized"],
      ["GET", "/nope", {}, 404, "not_found"],
      ["GET", `/dc/api/v5/registrations/${UNKNOWN_ID}`, { token: org.token }, 404, "not_found"],
      ["DELETE", "/dc/api/v5/registrations", { token: org.token }, 405, "method_not_allowed"],
      ["POST", "/dc/api/v5/registrations", { token: org.token, body: "{}" }, 415, "unsupported_media_type"],
      ["POST", "/dc/api/v5/registrations", { token: org.token, json: "x".repeat(70_000) }, 413, "payload_too_large"],
      ["POST", "/dc/api/v5/registrations", { token: org.token, json: [] }, 400, "invalid_body"],
      ["POST", "/dc/api/v5/registrations", { token: org.token, json: {} }, 400, "validation_failed"],
      ["POST", "/dc/api/v5/registrations", { token: org.token, json: { userId, offeringId } }, 400, "already_registered"],
      ["GET", "/dc/api/v5/registrations?limit=0", { token: org.token }, 400, "validation_failed"],
    ];
    for (const [method, path, options, status, code] of cases) {
      const response = await call(method, path, options);
      const label = `${method} ${path} → ${status}`;
      expect(response.status, label).toBe(status);
      expect(response.headers.get("X-Error-Code"), label).toBe(code);
      expect(response.headers.get("Content-Type"), label).toBe("application/json");
      expect(await response.json(), label).toEqual(expect.any(Object));
    }
  });

  it("a success response carries no X-Error-Code", async () => {
    const org = await newOrganization();
    const response = await call("GET", "/dc/api/v5/registrations", { token: org.token });
    expect(response.status).toBe(200);
    expect(response.headers.get("X-Error-Code")).toBeNull();
    expect(response.headers.get("Content-Type")).toBe("application/json");
  });
});

describe("security headers", () => {
  it("every response is nosniff, DENY and no-store, success or error", async () => {
    const org = await newOrganization();
    const userId = await insertUser(org.id);
    const offeringId = await insertOffering(org.id);
    const responses = {
      list200: await call("GET", "/dc/api/v5/registrations", { token: org.token }),
      created201: await call("POST", "/dc/api/v5/registrations", { token: org.token, json: { userId, offeringId } }),
      refused400: await call("POST", "/dc/api/v5/registrations", { token: org.token, json: { userId, offeringId } }),
      unauthorized401: await call("GET", "/dc/api/v5/registrations"),
      notFound404: await call("GET", "/nope"),
      methodNotAllowed405: await call("DELETE", "/dc/api/v5/registrations", { token: org.token }),
      unsupported415: await call("POST", "/dc/api/v5/registrations", { token: org.token, body: "x" }),
      admin201: await call("POST", "/admin/v1/organizations", { token: ADMIN_TOKEN, json: { name: "Other" } }),
    };
    for (const [name, response] of Object.entries(responses)) {
      expect(response.headers.get("X-Content-Type-Options"), name).toBe("nosniff");
      expect(response.headers.get("X-Frame-Options"), name).toBe("DENY");
      expect(response.headers.get("Cache-Control"), name).toBe("no-store");
    }
    expect(responses.created201.status).toBe(201);
  });
});

// The log lines are the server's console output: in this process only on Workers.
describeWorkersOnly("request log", () => {
  let logSpy: ReturnType<typeof vi.spyOn> | undefined;

  afterEach(() => {
    logSpy?.mockRestore();
    logSpy = undefined;
  });

  function captureLog() {
    const spy = vi.spyOn(console, "log").mockImplementation(() => undefined);
    logSpy = spy;
    return {
      /** Every logged line, as text. */
      lines(): string[] {
        return spy.mock.calls.map((args) => args.map(String).join(" "));
      },
      /** The parsed lines of one request. */
      of(response: Response): Record<string, unknown>[] {
        const requestId = response.headers.get("X-Request-Id");
        return this.lines()
          .map((line) => JSON.parse(line) as Record<string, unknown>)
          .filter((line) => line.requestId === requestId);
      },
    };
  }

  it("each request logs exactly one JSON line with requestId, method, path and status", async () => {
    const org = await newOrganization();
    const log = captureLog();
    const response = await call("GET", "/dc/api/v5/registrations?limit=5", { token: org.token });
    expect(response.status).toBe(200);
    for (const line of log.lines()) expect(() => JSON.parse(line) as unknown).not.toThrow();
    expect(log.of(response)).toEqual([
      {
        level: "info",
        requestId: response.headers.get("X-Request-Id"),
        method: "GET",
        path: "/dc/api/v5/registrations",
        status: 200,
        durationMs: expect.any(Number),
        organizationId: org.id,
      },
    ]);
  });

  it("an error's line holds its errorCode", async () => {
    const log = captureLog();
    const response = await call("DELETE", "/api/v5/registrations", {
      headers: { "X-Request-Id": "log-test-unauthorized" },
    });
    expect(response.status).toBe(401);
    expect(log.of(response)).toEqual([
      {
        level: "info",
        requestId: "log-test-unauthorized",
        method: "DELETE",
        path: "/api/v5/registrations",
        status: 401,
        durationMs: expect.any(Number),
        errorCode: "unauthorized",
      },
    ]);
  });

  it("a 405's line holds errorCode method_not_allowed", async () => {
    const org = await newOrganization();
    const log = captureLog();
    const response = await call("DELETE", "/dc/api/v5/registrations", { token: org.token });
    expect(response.status).toBe(405);
    expect(log.of(response)).toEqual([
      {
        level: "info",
        requestId: response.headers.get("X-Request-Id"),
        method: "DELETE",
        path: "/dc/api/v5/registrations",
        status: 405,
        durationMs: expect.any(Number),
        organizationId: org.id,
        errorCode: "method_not_allowed",
      },
    ]);
  });

  it("a refused registration's line holds the reason", async () => {
    const org = await newOrganization();
    const userId = await insertUser(org.id);
    const offeringId = await insertOffering(org.id, { seatLimit: 1 });
    await insertRegistration(org.id, { userId: await insertUser(org.id), offeringId });
    const log = captureLog();
    const response = await call("POST", "/dc/api/v5/registrations", { token: org.token, json: { userId, offeringId } });
    expect(await parts(response)).toEqual({
      status: 400,
      contentType: "application/json",
      errorCode: "offering_full",
      body: { errors: [NOT_AVAILABLE] },
    });
    expect(log.of(response)).toEqual([
      {
        level: "info",
        requestId: response.headers.get("X-Request-Id"),
        method: "POST",
        path: "/dc/api/v5/registrations",
        status: 400,
        durationMs: expect.any(Number),
        organizationId: org.id,
        errorCode: "offering_full",
        reason: "offering_full",
      },
    ]);
  });

  it("the log never contains the bearer token or the request body", async () => {
    const org = await newOrganization();
    const userId = await insertUser(org.id);
    const offeringId = await insertOffering(org.id);
    const marker = "body-marker-7f3a9c";
    const password = "s3cretPassw0rd";
    const log = captureLog();
    const requests = [
      call("POST", "/dc/api/v5/registrations", {
        token: org.token,
        json: { userId, offeringId, note: marker, password },
      }),
      call("POST", "/dc/api/v5/registrations", {
        token: org.token,
        json: { userId, offeringId, note: marker, password },
      }),
      call("POST", "/dc/api/v5/registrations", { token: org.token, body: `{"note":"${marker}",`, headers: { "Content-Type": "application/json" } }),
      call("POST", "/dc/api/v5/registrations", { token: `${org.token}x`, json: { note: marker } }),
      call("POST", "/admin/v1/organizations", { token: ADMIN_TOKEN, json: { name: marker } }),
      call("POST", "/admin/v1/organizations", { token: `${ADMIN_TOKEN}-wrong`, json: { name: marker } }),
    ];
    const responses = await Promise.all(requests);
    const created = responses[4];
    const newToken = ((await created?.json()) as { token: string }).token;
    const text = log.lines().join("\n");
    expect(log.lines().length).toBeGreaterThanOrEqual(requests.length);
    for (const secret of [org.token, newToken, ADMIN_TOKEN, marker, password, "Bearer"]) {
      expect(text).not.toContain(secret);
    }
  });
});
