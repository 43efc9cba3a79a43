/**
 * Security properties that hold on every runtime (project "workers" and "deno"): the secure
 * response headers on every kind of response, and one answer for an id that is unknown,
 * malformed, or another organization's, so that no response tells them apart. The parts that
 * need the Workers runtime itself (logs, the database, the Worker's env) are in
 * security.workers.test.ts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, insertOffering, insertRegistration, insertUser, newOrganization, type TestOrganization } from "../support/fixtures";
import { call, parts, type CallOptions } from "../support/http";
import { NOT_FOUND_ID, PREFIX } from "../support/contract";

const SECURE_HEADERS = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "cache-control": "no-store",
  "referrer-policy": "no-referrer",
};

function secureHeadersOf(response: Response): Record<string, string | null> {
  return Object.fromEntries(Object.keys(SECURE_HEADERS).map((name) => [name, response.headers.get(name)]));
}

interface Tenant {
  org: TestOrganization;
  user: string;
  offering: string;
  category: string;
  registration: string;
}

async function tenant(name: string): Promise<Tenant> {
  const org = await newOrganization(name);
  const user = await insertUser(org.id, { email: `${name.toLowerCase().replace(/\W/g, "")}@example.test` });
  const offering = await insertOffering(org.id, { title: `${name} course` });
  const registration = await insertRegistration(org.id, { userId: user, offeringId: offering });
  const response = await call("POST", `${PREFIX}/offeringcategories`, { token: org.token, json: { name: `${name} category` } });
  expect(response.status).toBe(201);
  const category = (response.headers.get("Location") ?? "").split("/").pop() ?? "";
  const agreement = await call("PUT", `/admin/v1/organizations/${org.id}/agreements/standard`, {
    token: ADMIN_TOKEN,
    json: { title: "Terms", text: "Text" },
  });
  expect(agreement.status).toBe(204);
  return { org, user, offering, category, registration };
}

let a: Tenant;
let b: Tenant;

beforeAll(async () => {
  a = await tenant("Tenant A");
  b = await tenant("Tenant B");
});

describe("secure response headers", () => {
  it("every kind of response carries nosniff, DENY, no-store and no-referrer", async () => {
    const token = a.org.token;
    const big = JSON.stringify({ title: "x".repeat(70 * 1024) });
    const requests: [string, string, CallOptions][] = [
      ["GET", `${PREFIX}/users`, { token }],
      ["GET", `/api/v5/offerings?limit=1`, { token }],
      ["GET", `${PREFIX}/users/${a.user}`, { token }],
      ["HEAD", `${PREFIX}/registrations/${a.registration}`, { token }],
      ["GET", `${PREFIX}/agreements`, { token }],
      ["GET", `${PREFIX}/users/${a.user}/agreements/standard`, { token }],
      ["POST", `${PREFIX}/offeringcategories`, { token, json: { name: "Headers" } }],
      ["PUT", `${PREFIX}/offerings/${a.offering}`, { token, json: { title: "Renamed" } }],
      ["POST", `${PREFIX}/offerings`, { token, json: { title: "Doomed" } }],
      ["GET", `${PREFIX}/openapi.json`, {}],
      ["GET", "/docs", {}],
      // Errors: 400, 401 (missing and invalid), 404 (path and id), 405, 413, 415, 422.
      ["POST", `${PREFIX}/users`, { token, json: { firstName: 1 } }],
      ["GET", `${PREFIX}/users`, {}],
      ["GET", `${PREFIX}/users`, { token: "not-a-token" }],
      ["GET", `${PREFIX}/nowhere`, { token }],
      ["GET", `${PREFIX}/users/${b.user}`, { token }],
      ["DELETE", `${PREFIX}/registrations`, { token }],
      ["POST", `${PREFIX}/offerings`, { token, body: big, headers: { "Content-Type": "application/json" } }],
      ["POST", `${PREFIX}/offerings`, { token, body: "title=x", headers: { "Content-Type": "text/plain" } }],
      ["POST", `${PREFIX}/offerings`, { token, body: "{", headers: { "Content-Type": "application/json" } }],
      ["GET", `${PREFIX}/users?limit=0`, { token }],
      // The operator API: 201, 401, 404.
      ["POST", "/admin/v1/organizations", { token: ADMIN_TOKEN, json: { name: "Headers Org" } }],
      ["POST", "/admin/v1/organizations", { token: a.org.token, json: { name: "Nope" } }],
      ["DELETE", "/admin/v1/tokens/0123456789abcdef0123456789abcdef", { token: ADMIN_TOKEN }],
      ["GET", "/", {}],
    ];
    const keyed = { token, json: { title: "Once" }, headers: { "Idempotency-Key": "security-headers" } };
    await call("POST", `${PREFIX}/offerings`, keyed);
    requests.push(["POST", `${PREFIX}/offerings`, { ...keyed, json: { title: "Twice" } }]);

    const seen = new Set<number>();
    for (const [method, path, options] of requests) {
      const response = await call(method, path, options);
      await response.arrayBuffer();
      seen.add(response.status);
      expect(secureHeadersOf(response), `${method} ${path} (${response.status})`).toEqual(SECURE_HEADERS);
    }
    // The list above really covers successes and every error class.
    expect([...seen].sort()).toEqual(expect.arrayContaining([200, 201, 204, 400, 401, 404, 405, 413, 415, 422]));
  });

  it("a deleted resource's 204 and a created resource's 201 carry them too", async () => {
    const created = await call("POST", `${PREFIX}/offerings`, { token: a.org.token, json: { title: "Short-lived" } });
    expect(created.status).toBe(201);
    expect(secureHeadersOf(created)).toEqual(SECURE_HEADERS);
    const deleted = await call("DELETE", created.headers.get("Location") ?? "", { token: a.org.token });
    expect(deleted.status).toBe(204);
    expect(secureHeadersOf(deleted)).toEqual(SECURE_HEADERS);
  });
});

/** Everything a client can observe of a response, but its request id and D1 bookmark. */
async function observable(response: Response) {
  const headers = [...response.headers]
    .filter(([name]) => !["x-request-id", "x-d1-bookmark", "date"].includes(name))
    .sort(([x], [y]) => x.localeCompare(y));
  return { ...(await parts(response)), headers };
}

describe("unknown, malformed and other organizations' ids are indistinguishable", () => {
  /** The ids a client of tenant A may try, of every kind, for a resource whose tenant B id is `other`. */
  function probes(other: string): Record<string, string> {
    return {
      unknown: "0123456789abcdef0123456789abcdef",
      "random unknown": crypto.randomUUID().replaceAll("-", ""),
      malformed: "not-an-id",
      "SQL injection": encodeURIComponent("' OR '1'='1"),
      "upper-cased other organization's": other.toUpperCase(),
      "other organization's": other,
    };
  }

  const ITEMS = [
    { collection: "users", other: () => b.user, body: { firstName: "Eve" }, methods: ["GET", "PUT", "DELETE"] },
    { collection: "offerings", other: () => b.offering, body: { title: "Taken" }, methods: ["GET", "PUT", "DELETE"] },
    { collection: "offeringcategories", other: () => b.category, body: { name: "Taken" }, methods: ["GET", "PUT", "DELETE"] },
    { collection: "registrations", other: () => b.registration, body: { grade: 100 }, methods: ["GET", "PUT"] },
  ];

  for (const item of ITEMS) {
    for (const method of item.methods) {
      it(`${method} /${item.collection}/<id>: one 404 for every kind of id`, async () => {
        const answers: Record<string, unknown> = {};
        for (const [kind, id] of Object.entries(probes(item.other()))) {
          const response = await call(method, `${PREFIX}/${item.collection}/${id}`, {
            token: a.org.token,
            json: method === "PUT" ? item.body : undefined,
          });
          answers[kind] = await observable(response);
        }
        const first = Object.values(answers)[0] as { status: number };
        expect(Object.values(answers).every((answer) => JSON.stringify(answer) === JSON.stringify(first)), JSON.stringify(answers, null, 1)).toBe(true);
        expect(first).toMatchObject(NOT_FOUND_ID);
      });
    }
  }

  it("DELETE /registrations/<id> is 405 alike for every kind of id", async () => {
    const answers = new Set<string>();
    for (const id of Object.values(probes(b.registration))) {
      answers.add(JSON.stringify(await observable(await call("DELETE", `${PREFIX}/registrations/${id}`, { token: a.org.token }))));
    }
    expect(answers.size).toBe(1);
    expect(JSON.parse([...answers][0]!)).toMatchObject({ status: 405, errorCode: "method_not_allowed" });
  });

  it("a user's agreements: one 404 for every kind of user id", async () => {
    for (const [method, suffix, json] of [
      ["GET", "/agreements", undefined],
      ["GET", "/agreements/standard", undefined],
      ["PUT", "/agreements/standard", { agreed: true }],
    ] as const) {
      const answers = new Set<string>();
      for (const id of Object.values(probes(b.user))) {
        answers.add(JSON.stringify(await observable(await call(method, `${PREFIX}/users/${id}${suffix}`, { token: a.org.token, json }))));
      }
      expect(answers.size, `${method} /users/<id>${suffix}`).toBe(1);
      expect(JSON.parse([...answers][0]!)).toMatchObject({ status: 404, errorCode: "not_found" });
    }
  });

  it("POST /registrations: one answer for every kind of userId, and of offeringId", async () => {
    for (const [field, own, other, expected] of [
      ["userId", { offeringId: () => a.offering }, () => b.user, { code: "unknown_user", message: "No user exists with the given userId" }],
      ["offeringId", { userId: () => a.user }, () => b.offering, { code: "unknown_offering", message: "No offering exists with the given offeringId" }],
    ] as const) {
      const answers = new Set<string>();
      for (const id of Object.values(probes(other()))) {
        const fixed = Object.fromEntries(Object.entries(own).map(([key, value]) => [key, value()]));
        const response = await call("POST", `${PREFIX}/registrations`, { token: a.org.token, json: { ...fixed, [field]: decodeURIComponent(id) } });
        answers.add(JSON.stringify(await observable(response)));
      }
      expect(answers.size, field).toBe(1);
      expect(JSON.parse([...answers][0]!)).toMatchObject({
        status: 400,
        contentType: "application/json",
        errorCode: expected.code,
        body: { errors: [expected.message] },
      });
    }
  });

  it("lists filtered by another organization's user or offering are empty, as for an unknown one", async () => {
    for (const path of [
      `/offerings?userId=${b.user}`,
      `/registrations?userId=${b.user}`,
      `/registrations?offeringId=${b.offering}`,
      `/offerings?offeringCategoryId=${b.category}`,
    ]) {
      const response = await call("GET", PREFIX + path, { token: a.org.token });
      expect(await parts(response), path).toEqual({ status: 200, contentType: "application/json", errorCode: null, body: { results: [] } });
    }
  });

  it("another organization's token does not reach this organization's rows", async () => {
    for (const path of [`/users/${a.user}`, `/offerings/${a.offering}`, `/offeringcategories/${a.category}`, `/registrations/${a.registration}`]) {
      expect(await parts(await call("GET", PREFIX + path, { token: b.org.token })), path).toEqual(NOT_FOUND_ID);
    }
  });
});
