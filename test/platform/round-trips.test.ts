/**
 * One round trip (DESIGN.md principle 2): a request makes at most one D1 call on its normal path,
 * authentication adds none once the token is cached, and validation failures never reach D1.
 *
 * The D1 binding is wrapped so that every call that reaches the database is counted: statement
 * executions (`all`, `run`, `raw`, `first`), `batch`, `exec` and `dump`. `prepare` and `bind`
 * are local. The real statement objects are patched in place rather than proxied, because
 * `batch` needs the real objects.
 */
import { env } from "cloudflare:workers";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import worker from "../../src/worker";
import { encodeCursor } from "../../src/http/cursor";
import { newId } from "../../src/lib/crypto";
import { users } from "../../src/db/schema";
import { directDb } from "../support/transport";
import { BASE } from "../support/http";
import { insertOffering, insertRegistration, insertUser, newOrganization, type TestOrganization } from "../support/fixtures";
import { UNKNOWN_ID } from "../support/contract";

const EXECUTIONS = ["all", "run", "raw", "first"] as const;

/** A D1 binding over the real one that records each database call. */
function countingBinding(real: D1Database) {
  const calls: string[] = [];

  function watch<T extends D1PreparedStatement>(statement: T, query: string): T {
    for (const method of EXECUTIONS) {
      const original = statement[method] as (...args: unknown[]) => unknown;
      Object.defineProperty(statement, method, {
        configurable: true,
        writable: true,
        value: (...args: unknown[]) => {
          calls.push(`${method}: ${query}`);
          return original.apply(statement, args);
        },
      });
    }
    const bind = statement.bind;
    Object.defineProperty(statement, "bind", {
      configurable: true,
      writable: true,
      value: (...values: unknown[]) => watch(bind.apply(statement, values), query),
    });
    return statement;
  }

  function countingBatch(batch: D1Database["batch"], target: object) {
    return <T = unknown>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]> => {
      calls.push(`batch: ${statements.length} statements`);
      return batch.call(target, statements) as Promise<D1Result<T>[]>;
    };
  }

  const binding = {
    prepare: (query: string) => watch(real.prepare(query), query),
    batch: countingBatch(real.batch, real),
    exec: (query: string) => {
      calls.push(`exec: ${query}`);
      return real.exec(query);
    },
    dump: () => {
      calls.push("dump");
      return real.dump();
    },
    withSession: (constraintOrBookmark?: string) => {
      const session = real.withSession(constraintOrBookmark);
      return {
        prepare: (query: string) => watch(session.prepare(query), query),
        batch: countingBatch(session.batch, session),
        getBookmark: () => session.getBookmark(),
      } as D1DatabaseSession;
    },
  } as unknown as D1Database;

  return { binding, calls };
}

interface Send {
  token?: string;
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
}

let counting: ReturnType<typeof countingBinding>;

beforeEach(() => {
  counting = countingBinding(env.DB);
});

/** One request through the Worker's entry over the counting binding; the D1 calls it made. */
async function measure(method: string, path: string, send: Send = {}): Promise<{ status: number; errorCode: string | null; calls: string[] }> {
  const headers = new Headers(send.headers);
  if (send.token !== undefined) headers.set("Authorization", `Bearer ${send.token}`);
  let body = send.body;
  if (send.json !== undefined) {
    body = JSON.stringify(send.json);
    if (!headers.has("Content-Type")) headers.set("Content-Type", "application/json");
  }
  counting.calls.length = 0;
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request(`${BASE}${path}`, { method, headers, body: body ?? null }),
    { ...env, DB: counting.binding },
    ctx,
  );
  await response.arrayBuffer();
  await waitOnExecutionContext(ctx);
  return { status: response.status, errorCode: response.headers.get("X-Error-Code"), calls: [...counting.calls] };
}

/** A fresh organization whose token is already in the isolate's cache. */
async function warmOrganization(): Promise<TestOrganization> {
  const org = await newOrganization();
  const warm = await measure("GET", "/dc/api/v5/registrations", { token: org.token });
  expect(warm.status).toBe(200);
  return org;
}

function post(org: TestOrganization, userId: string, offeringId: string) {
  return measure("POST", "/dc/api/v5/registrations", { token: org.token, json: { userId, offeringId } });
}

const DAY = 86_400_000;

describe("D1 round trips", () => {
  describe("the first request of a token adds one call for the token lookup", () => {
    it("GET /registrations with a cold token: 2 calls, then 1", async () => {
      const org = await newOrganization();
      const cold = await measure("GET", "/dc/api/v5/registrations", { token: org.token });
      expect(cold.status).toBe(200);
      expect(cold.calls).toHaveLength(2);
      const warm = await measure("GET", "/dc/api/v5/registrations", { token: org.token });
      expect(warm.status).toBe(200);
      expect(warm.calls).toHaveLength(1);
    });

    it("POST /registrations 201 with a cold token: 2 calls", async () => {
      const org = await newOrganization();
      const userId = await insertUser(org.id);
      const offeringId = await insertOffering(org.id);
      const result = await post(org, userId, offeringId);
      expect(result.status).toBe(201);
      expect(result.calls).toHaveLength(2);
    });

    it("a validation failure with a cold token: only the token lookup", async () => {
      const org = await newOrganization();
      const result = await measure("POST", "/dc/api/v5/registrations", { token: org.token, json: {} });
      expect(result.status).toBe(400);
      expect(result.calls).toHaveLength(1);
    });

    it("an unknown token: one lookup; no Authorization header: none", async () => {
      const unknown = await measure("GET", "/dc/api/v5/registrations", { token: "unknown-token" });
      expect(unknown.status).toBe(401);
      expect(unknown.calls).toHaveLength(1);
      const missing = await measure("GET", "/dc/api/v5/registrations");
      expect(missing.status).toBe(401);
      expect(missing.calls).toEqual([]);
    });
  });

  describe("POST /registrations with a warm token: exactly one call", () => {
    it("201", async () => {
      const org = await warmOrganization();
      const userId = await insertUser(org.id);
      const offeringId = await insertOffering(org.id);
      const result = await post(org, userId, offeringId);
      expect(result.status).toBe(201);
      expect(result.calls).toHaveLength(1);
    });

    it("400 unknown user, unknown offering, both", async () => {
      const org = await warmOrganization();
      const userId = await insertUser(org.id);
      const offeringId = await insertOffering(org.id);
      for (const [user, offering, code] of [
        [UNKNOWN_ID, offeringId, "unknown_user"],
        [userId, UNKNOWN_ID, "unknown_offering"],
        [UNKNOWN_ID, UNKNOWN_ID, "unknown_user"],
      ] as const) {
        const result = await post(org, user, offering);
        expect([result.status, result.errorCode], code).toEqual([400, code]);
        expect(result.calls, code).toHaveLength(1);
      }
    });

    it("400 for each availability reason", async () => {
      const org = await warmOrganization();
      const now = Date.now();
      const userId = await insertUser(org.id);
      const open = await insertOffering(org.id);
      await insertRegistration(org.id, { userId, offeringId: open });
      const noRetake = await insertOffering(org.id, { allowRetake: false });
      await insertRegistration(org.id, { userId, offeringId: noRetake, status: "passed", grade: 90, endAt: now });
      const notOpen = await insertOffering(org.id, { registrationBeginDate: now + DAY });
      const closed = await insertOffering(org.id, { registrationEndDate: now - DAY });
      const ended = await insertOffering(org.id, { endDate: now - DAY });
      const full = await insertOffering(org.id, { seatLimit: 1 });
      await insertRegistration(org.id, { userId: await insertUser(org.id), offeringId: full });

      for (const [offeringId, reason] of [
        [open, "already_registered"],
        [noRetake, "retake_not_allowed"],
        [notOpen, "registration_not_open"],
        [closed, "registration_closed"],
        [ended, "offering_ended"],
        [full, "offering_full"],
      ] as const) {
        const result = await post(org, userId, offeringId);
        expect([result.status, result.errorCode], reason).toEqual([400, reason]);
        expect(result.calls, reason).toHaveLength(1);
      }
    });
  });

  describe("reads and updates with a warm token: exactly one call", () => {
    it("GET one, GET one unknown, GET list, GET list filtered", async () => {
      const org = await warmOrganization();
      const userId = await insertUser(org.id);
      const offeringId = await insertOffering(org.id);
      const id = await insertRegistration(org.id, { userId, offeringId });
      const cases: [string, number][] = [
        [`/dc/api/v5/registrations/${id}`, 200],
        [`/api/v5/registrations/${UNKNOWN_ID}`, 404],
        ["/dc/api/v5/registrations", 200],
        [`/dc/api/v5/registrations?userId=${userId}&status=active&createdDate=2020,&limit=1&offset=0`, 200],
        ["/dc/api/v5/registrations?limit=1&offset=5", 200],
        [`/dc/api/v5/registrations?after=${encodeCursor({ createdAt: 0, id })}&offset=2`, 200],
      ];
      for (const [path, status] of cases) {
        const result = await measure("GET", path, { token: org.token });
        expect(result.status, path).toBe(status);
        expect(result.calls, path).toHaveLength(1);
      }
    });

    it("PUT grade and PUT eject, succeeding or refused", async () => {
      const org = await warmOrganization();
      const offeringId = await insertOffering(org.id);
      const graded = await insertRegistration(org.id, { userId: await insertUser(org.id), offeringId });
      const ejected = await insertRegistration(org.id, { userId: await insertUser(org.id), offeringId });
      const cases: [string, unknown, number][] = [
        [graded, { grade: 85, graderComment: "well done", graderId: "t1" }, 204],
        [graded, { gradePercentage: 40 }, 204],
        [ejected, { status: "ejected" }, 204],
        [ejected, { status: "ejected" }, 400],
        [UNKNOWN_ID, { grade: 50 }, 404],
        [UNKNOWN_ID, { status: "ejected" }, 404],
      ];
      for (const [id, json, status] of cases) {
        const label = `${id} ${JSON.stringify(json)}`;
        const result = await measure("PUT", `/dc/api/v5/registrations/${id}`, { token: org.token, json });
        expect(result.status, label).toBe(status);
        expect(result.calls, label).toHaveLength(1);
      }
    });
  });

  describe("failures that never reach the database: zero calls with a warm token", () => {
    it("POST /registrations body and field errors", async () => {
      const org = await warmOrganization();
      const cases: [Send, number][] = [
        [{ json: {} }, 400],
        [{ json: { offeringId: UNKNOWN_ID } }, 400],
        [{ json: { userId: UNKNOWN_ID, offeringId: "" } }, 400],
        [{ json: { userId: 1, offeringId: null } }, 400],
        [{ json: [] }, 400],
        [{ body: "{", headers: { "Content-Type": "application/json" } }, 400],
        [{ body: "{}", headers: { "Content-Type": "text/plain" } }, 415],
        [{ json: { padding: "x".repeat(70_000) } }, 413],
      ];
      for (const [send, status] of cases) {
        const label = JSON.stringify(send).slice(0, 80);
        const result = await measure("POST", "/dc/api/v5/registrations", { ...send, token: org.token });
        expect(result.status, label).toBe(status);
        expect(result.calls, label).toEqual([]);
      }
    });

    it("PUT /registrations/<id> shape and value errors, malformed ids", async () => {
      const org = await warmOrganization();
      const cases: [string, unknown, number][] = [
        [UNKNOWN_ID, {}, 400],
        [UNKNOWN_ID, { grade: 50, status: "ejected" }, 400],
        [UNKNOWN_ID, { grade: 101 }, 400],
        [UNKNOWN_ID, { grade: "A" }, 400],
        [UNKNOWN_ID, { status: "active" }, 400],
        ["not-an-id", { grade: 50 }, 404],
      ];
      for (const [id, json, status] of cases) {
        const label = `${id} ${JSON.stringify(json)}`;
        const result = await measure("PUT", `/dc/api/v5/registrations/${id}`, { token: org.token, json });
        expect(result.status, label).toBe(status);
        expect(result.calls, label).toEqual([]);
      }
    });

    it("GET errors: bad query, malformed id, unknown path, wrong method", async () => {
      const org = await warmOrganization();
      const cases: [string, string, number][] = [
        ["GET", "/dc/api/v5/registrations?limit=0", 400],
        ["GET", "/dc/api/v5/registrations?offset=-1", 400],
        ["GET", "/dc/api/v5/registrations?status=done", 400],
        ["GET", "/dc/api/v5/registrations?createdDate=yesterday", 400],
        ["GET", "/dc/api/v5/registrations?after=nonsense", 400],
        ["GET", "/dc/api/v5/registrations/not-an-id", 404],
        ["GET", "/dc/api/v5/nope", 404],
        ["DELETE", "/dc/api/v5/registrations", 405],
      ];
      for (const [method, path, status] of cases) {
        const result = await measure(method, path, { token: org.token });
        expect(result.status, `${method} ${path}`).toBe(status);
        expect(result.calls, `${method} ${path}`).toEqual([]);
      }
    });
  });
});

describe("D1 round trips of the other resources (warm token)", () => {
  let lastCreatedId = "";
  beforeEach(() => {
    lastCreatedId = "";
  });

  async function measureCreate(org: TestOrganization, path: string, json: unknown) {
    const headers = new Headers({ Authorization: `Bearer ${org.token}`, "Content-Type": "application/json" });
    counting.calls.length = 0;
    const response = await worker.fetch(
      new Request(`${BASE}${path}`, { method: "POST", headers, body: JSON.stringify(json) }),
      { ...env, DB: counting.binding },
      createExecutionContext(),
    );
    lastCreatedId = response.headers.get("Location")?.split("/").pop() ?? "";
    return { status: response.status, calls: [...counting.calls] };
  }

  it("every users, offerings, categories and agreements call is exactly one D1 call", async () => {
    const org = await warmOrganization();
    const one = async (method: string, path: string, json?: unknown, status = method === "GET" ? 200 : 204) => {
      const result = await measure(method, path, { token: org.token, ...(json === undefined ? {} : { json }) });
      expect(result.status, `${method} ${path}`).toBe(status);
      expect(result.calls, `${method} ${path}`).toHaveLength(1);
    };
    const create = async (path: string, json: unknown) => {
      const result = await measureCreate(org, path, json);
      expect(result.status, `POST ${path}`).toBe(201);
      expect(result.calls, `POST ${path}`).toHaveLength(1);
      return lastCreatedId;
    };

    const categoryId = await create("/dc/api/v5/offeringcategories", { name: "Safety" });
    await one("GET", "/dc/api/v5/offeringcategories?name=saf");
    await one("GET", `/dc/api/v5/offeringcategories/${categoryId}`);
    await one("PUT", `/dc/api/v5/offeringcategories/${categoryId}`, { color: "#336699" });

    const userId = await create("/dc/api/v5/users", { firstName: "Ada", lastName: "Lovelace", email: `${categoryId}@example.test` });
    await one("GET", "/dc/api/v5/users?email=example");
    await one("GET", `/dc/api/v5/users/${userId}`);
    await one("PUT", `/dc/api/v5/users/${userId}`, { lastName: "King", tags: ["math"] });

    const offeringId = await create("/dc/api/v5/offerings", { title: "Safety 101", offeringCategoryIds: [categoryId], tags: ["x"] });
    await one("GET", `/dc/api/v5/offerings?userId=${userId}&tag=x&offeringCategoryId=${categoryId}`);
    await one("GET", `/dc/api/v5/offerings/${offeringId}`);
    await one("PUT", `/dc/api/v5/offerings/${offeringId}`, { seatLimit: 10, registrationEndDate: "2099-01-01" });

    const agreement = await measure("PUT", `/admin/v1/organizations/${org.id}/agreements/standard`, {
      token: "test-admin-token",
      json: { title: "Terms", text: "Be kind." },
    });
    expect(agreement.status).toBe(204);
    await one("GET", "/dc/api/v5/agreements");
    await one("GET", "/dc/api/v5/agreements/standard");
    await one("GET", `/dc/api/v5/users/${userId}/agreements`);
    await one("PUT", `/dc/api/v5/users/${userId}/agreements/standard`, { agreed: true });
    await one("GET", `/dc/api/v5/users/${userId}/agreements/standard`);

    await one("DELETE", `/dc/api/v5/offerings/${offeringId}`);
    await one("DELETE", `/dc/api/v5/users/${userId}`);
    await one("DELETE", `/dc/api/v5/offeringcategories/${categoryId}`);
  });

  it("a refused user or offering write is one D1 call as well", async () => {
    const org = await warmOrganization();
    const first = await measureCreate(org, "/dc/api/v5/users", { firstName: "A", lastName: "B", email: "twin@example.test" });
    expect(first.status).toBe(201);
    const twin = await measure("POST", "/dc/api/v5/users", {
      token: org.token,
      json: { firstName: "A", lastName: "B", email: "TWIN@example.test" },
    });
    expect([twin.status, twin.errorCode, twin.calls.length]).toEqual([400, "validation_failed", 1]);
    const order = await measure("POST", "/dc/api/v5/offerings", {
      token: org.token,
      json: { title: "T", registrationBeginDate: "2026-02-01", registrationEndDate: "2026-01-01" },
    });
    expect([order.status, order.calls.length]).toEqual([400, 1]);
  });

  it("every userfield, userfield category and userfield value call is exactly one D1 call, refusals too", async () => {
    const org = await warmOrganization();
    const one = async (method: string, path: string, json?: unknown, status = method === "GET" ? 200 : 204) => {
      const result = await measure(method, path, { token: org.token, ...(json === undefined ? {} : { json }) });
      expect(result.status, `${method} ${path} ${JSON.stringify(json)}`).toBe(status);
      expect(result.calls, `${method} ${path}`).toHaveLength(1);
    };
    const create = async (path: string, json: unknown, status = 201) => {
      const result = await measureCreate(org, path, json);
      expect(result.status, `POST ${path}`).toBe(status);
      expect(result.calls, `POST ${path}`).toHaveLength(1);
      return lastCreatedId;
    };
    const categoryId = await create("/dc/api/v5/userfieldcategories", { name: "Work", type: "private" });
    await one("GET", "/dc/api/v5/userfieldcategories?type=private&name=wo");
    await one("GET", `/dc/api/v5/userfieldcategories/${categoryId}`);
    await one("PUT", `/dc/api/v5/userfieldcategories/${categoryId}`, { orderIndex: 3 });
    const fieldId = await create("/dc/api/v5/userfields", { name: "Badge", type: "integer", categoryId, constraints: { min: 1 } });
    await create("/dc/api/v5/userfields", { name: "badge", type: "text" }, 400);
    await one("GET", `/dc/api/v5/userfields?categoryType=private&categoryId=${categoryId}&name=ba`);
    await one("GET", `/dc/api/v5/userfields/${fieldId}`);
    await one("PUT", `/dc/api/v5/userfields/${fieldId}`, { required: true });
    const userId = await create("/dc/api/v5/users", { firstName: "Ada", lastName: "L", email: `${fieldId}@example.test` });
    await one("PUT", `/dc/api/v5/users/${userId}/userfieldvalues`, { [fieldId]: 7 });
    await one("PUT", `/dc/api/v5/users/${userId}/userfieldvalues`, { [fieldId]: 0, [UNKNOWN_ID]: 1 }, 400);
    await one("PUT", `/dc/api/v5/users/${UNKNOWN_ID}/userfieldvalues`, { [fieldId]: 1 }, 404);
    await one("GET", `/dc/api/v5/users/${userId}/userfieldvalues`);
    await one("PUT", `/dc/api/v5/userfields/${fieldId}`, { type: "decimal" }, 400);
    await one("DELETE", `/dc/api/v5/userfields/${fieldId}`);
    await one("DELETE", `/dc/api/v5/userfieldcategories/${categoryId}`);
  });
});

describe("POST /registrations/batch (warm token): one D1 call for the whole batch", () => {
  /** `count` users of the organization, written in one batch straight into D1 (the API would take `count` requests). */
  async function manyUsers(organizationId: string, count: number): Promise<string[]> {
    const db = directDb!;
    const ids = Array.from({ length: count }, () => newId());
    const inserts = ids.map((id) =>
      db.insert(users).values({
        id,
        organizationId,
        firstName: "Ada",
        lastName: "Lovelace",
        email: `${id}@example.test`,
        username: `${id}@example.test`,
        emailKey: `${id}@example.test`,
        usernameKey: `${id}@example.test`,
        createdAt: Date.now(),
      }),
    );
    await db.batch(inserts as unknown as Parameters<typeof db.batch>[0]);
    return ids;
  }

  const batch = (org: TestOrganization, json: unknown, headers?: Record<string, string>) =>
    measure("POST", "/dc/api/v5/registrations/batch", { token: org.token, json, headers });

  it("500 items: one call of 502 statements (an insert per item, one outcome read, one outbox insert); 506 with an Idempotency-Key; 503 atomic", async () => {
    const org = await warmOrganization();
    const people = await manyUsers(org.id, 500);
    const offeringId = await insertOffering(org.id);
    const second = await insertOffering(org.id);
    const third = await insertOffering(org.id);

    const plain = await batch(org, { registrations: people.map((userId) => ({ userId, offeringId })) });
    expect([plain.status, plain.calls]).toEqual([200, ["batch: 502 statements"]]);

    const keyed = await batch(org, { registrations: people.map((userId) => ({ userId, offeringId: second })) }, { "Idempotency-Key": "k" });
    expect([keyed.status, keyed.calls]).toEqual([200, ["batch: 506 statements"]]);

    const atomic = await batch(org, { atomic: true, registrations: people.map((userId) => ({ userId, offeringId: third })) });
    expect([atomic.status, atomic.calls]).toEqual([200, ["batch: 503 statements"]]);
  });

  it("1 and 100 items: one call each", async () => {
    const org = await warmOrganization();
    const people = await manyUsers(org.id, 100);
    const offeringId = await insertOffering(org.id);
    const one = await batch(org, { registrations: [{ userId: people[0], offeringId }] });
    expect([one.status, one.calls]).toEqual([200, ["batch: 3 statements"]]);
    const hundred = await batch(org, { registrations: people.map((userId) => ({ userId, offeringId })) });
    expect([hundred.status, hundred.calls]).toEqual([200, ["batch: 102 statements"]]);
  });

  it("a request-level error, or items that all fail their field checks: no call", async () => {
    const org = await warmOrganization();
    for (const json of [{}, { registrations: [] }, { registrations: [{}, { userId: 1 }] }, { atomic: true, registrations: [{}] }]) {
      const result = await batch(org, json);
      expect(result.calls).toEqual([]);
    }
  });
});
