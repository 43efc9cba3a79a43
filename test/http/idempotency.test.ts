/**
 * Idempotency-Key on POST /registrations, /users and /offerings (API.md §3): a repeat of the
 * same request under the same key within 24 hours answers the original 201 (same Location) and
 * creates nothing; the key with a different request is 422; a malformed key is 400. Only a 201
 * is remembered. Everything here goes through the API, so it runs on every runtime; the stored
 * records, expiry and the one-round-trip rule are in idempotency.workers.test.ts.
 */
import { describe, expect, it } from "vitest";
import { newId } from "../../src/lib/crypto";
import { insertOffering, insertUser, newOrganization, type TestOrganization } from "../support/fixtures";
import { call } from "../support/http";
import { PREFIX, expectError, type Json } from "../support/contract";

const DAY = 86_400_000;
const REUSED = { errors: ["Idempotency-Key was already used with a different request"] };
const BAD_KEY = { errors: ["Idempotency-Key must be 1 to 255 visible ASCII characters"] };
const UNAVAILABLE = { errors: ["This offering is not available for registration for the given user"] };

type Collection = "registrations" | "users" | "offerings";

function post(org: TestOrganization, collection: Collection, json: unknown, key?: string, prefix = PREFIX): Promise<Response> {
  const headers: Record<string, string> = key === undefined ? {} : { "Idempotency-Key": key };
  return call("POST", `${prefix}/${collection}`, { token: org.token, json, headers });
}

/** The whole of a 201: status, the headers that matter, empty body. Returns the Location. */
async function expectCreated(response: Response, collection: Collection, prefix = PREFIX): Promise<string> {
  const location = response.headers.get("Location") ?? "";
  expect({
    status: response.status,
    contentType: response.headers.get("Content-Type"),
    contentLength: response.headers.get("Content-Length"),
    errorCode: response.headers.get("X-Error-Code"),
    body: await response.text(),
  }).toEqual({ status: 201, contentType: "application/json", contentLength: "0", errorCode: null, body: "" });
  expect(location).toMatch(new RegExp(`^${prefix}/${collection}/[0-9a-f]{32}$`));
  return location;
}

/** How many of the collection the organization has, read through the API. */
async function count(org: TestOrganization, collection: Collection): Promise<number> {
  const response = await call("GET", `${PREFIX}/${collection}?limit=100`, { token: org.token });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { results: unknown[]; next?: string };
  expect(body.next).toBeUndefined();
  return body.results.length;
}

const uniqueKey = () => `key-${newId()}`;

/** For each endpoint: an organization ready for it, a valid body, and another valid body. */
interface Endpoint {
  collection: Collection;
  setUp(org: TestOrganization): Promise<{ body: Json; other: Json }>;
}

const ENDPOINTS: Endpoint[] = [
  {
    collection: "registrations",
    async setUp(org) {
      const userId = await insertUser(org.id);
      const offeringId = await insertOffering(org.id);
      const otherOffering = await insertOffering(org.id);
      return { body: { userId, offeringId }, other: { userId, offeringId: otherOffering } };
    },
  },
  {
    collection: "users",
    async setUp() {
      const email = `${newId()}@example.test`;
      return {
        body: { firstName: "Ada", lastName: "Lovelace", email, password: "secret123" },
        other: { firstName: "Ada", lastName: "Byron", email, password: "secret123" },
      };
    },
  },
  {
    collection: "offerings",
    async setUp() {
      return { body: { title: "Safety 101", tags: ["safety"] }, other: { title: "Safety 102", tags: ["safety"] } };
    },
  },
];

describe.each(ENDPOINTS)("POST /$collection with Idempotency-Key", ({ collection, setUp }) => {
  it("a repeat of the same request answers the original 201 with the same Location and creates nothing", async () => {
    const org = await newOrganization();
    const { body } = await setUp(org);
    const key = uniqueKey();
    const first = await expectCreated(await post(org, collection, body, key), collection);
    const again = await expectCreated(await post(org, collection, body, key), collection);
    const third = await expectCreated(await post(org, collection, body, key), collection);
    expect([again, third]).toEqual([first, first]);
    expect(await count(org, collection)).toBe(1);
    const read = await call("GET", first, { token: org.token });
    expect(read.status).toBe(200);
  });

  it("the same key with a different body is 422 idempotency_key_reused and creates nothing", async () => {
    const org = await newOrganization();
    const { body, other } = await setUp(org);
    const key = uniqueKey();
    await expectCreated(await post(org, collection, body, key), collection);
    await expectError(await post(org, collection, other, key), 422, "idempotency_key_reused", REUSED);
    expect(await count(org, collection)).toBe(1);
  });

  it("20 parallel requests with one key: all 201 with the same Location, exactly one row", async () => {
    const org = await newOrganization();
    const { body } = await setUp(org);
    const key = uniqueKey();
    const responses = await Promise.all(Array.from({ length: 20 }, () => post(org, collection, body, key)));
    const locations = await Promise.all(responses.map((response) => expectCreated(response, collection)));
    expect(new Set(locations).size).toBe(1);
    expect(await count(org, collection)).toBe(1);
  });
});

describe("what counts as the same request", () => {
  it("key order and whitespace of the JSON body do not matter", async () => {
    const org = await newOrganization();
    const key = uniqueKey();
    const first = await expectCreated(
      await call("POST", `${PREFIX}/offerings`, {
        token: org.token,
        headers: { "Idempotency-Key": key, "Content-Type": "application/json" },
        body: '{"title":"Fire drill","price":10}',
      }),
      "offerings",
    );
    const again = await expectCreated(
      await call("POST", `${PREFIX}/offerings`, {
        token: org.token,
        headers: { "Idempotency-Key": key, "Content-Type": "application/json; charset=utf-8" },
        body: '{ "price" : 10,\n  "title" : "Fire drill" }',
      }),
      "offerings",
    );
    expect(again).toBe(first);
    expect(await count(org, "offerings")).toBe(1);
  });

  it("a body nested 20,000 levels deep is fingerprinted like any other (201, then the replay)", async () => {
    const org = await newOrganization();
    const key = uniqueKey();
    const body = `{"title":"Deep","deep":${"[".repeat(20_000)}${"]".repeat(20_000)}}`;
    const send = () =>
      call("POST", `${PREFIX}/offerings`, {
        token: org.token,
        headers: { "Idempotency-Key": key, "Content-Type": "application/json" },
        body,
      });
    const first = await expectCreated(await send(), "offerings");
    expect(await expectCreated(await send(), "offerings")).toBe(first);
  });

  it("a property the endpoint ignores still makes a different request: 422", async () => {
    const org = await newOrganization();
    const key = uniqueKey();
    await expectCreated(await post(org, "offerings", { title: "Fire drill" }, key), "offerings");
    await expectError(
      await post(org, "offerings", { title: "Fire drill", note: "x" }, key),
      422,
      "idempotency_key_reused",
      REUSED,
    );
  });

  it("the password takes part: the same user body with another password is 422", async () => {
    const org = await newOrganization();
    const key = uniqueKey();
    const body = { firstName: "Ada", lastName: "Lovelace", email: `${newId()}@example.test`, password: "secret123" };
    const first = await expectCreated(await post(org, "users", body, key), "users");
    expect(await expectCreated(await post(org, "users", { ...body }, key), "users")).toBe(first);
    await expectError(
      await post(org, "users", { ...body, password: "secret124" }, key),
      422,
      "idempotency_key_reused",
      REUSED,
    );
    expect(await count(org, "users")).toBe(1);
  });

  it("the same key on another endpoint is a different request: 422", async () => {
    const org = await newOrganization();
    const key = uniqueKey();
    await expectCreated(await post(org, "offerings", { title: "Fire drill" }, key), "offerings");
    const email = `${newId()}@example.test`;
    await expectError(
      await post(org, "users", { firstName: "A", lastName: "B", email }, key),
      422,
      "idempotency_key_reused",
      REUSED,
    );
    expect(await count(org, "users")).toBe(0);
  });

  it("the other base path with the same key and body is a repeat: the original Location, prefix included", async () => {
    const org = await newOrganization();
    const key = uniqueKey();
    const first = await expectCreated(await post(org, "offerings", { title: "Fire drill" }, key), "offerings");
    const again = await expectCreated(
      await post(org, "offerings", { title: "Fire drill" }, key, "/api/v5"),
      "offerings",
      PREFIX,
    );
    expect(again).toBe(first);
    expect(await count(org, "offerings")).toBe(1);
  });

  it("keys belong to an organization: another organization's identical key and body create their own", async () => {
    const key = uniqueKey();
    const one = await newOrganization();
    const two = await newOrganization();
    const first = await expectCreated(await post(one, "offerings", { title: "Fire drill" }, key), "offerings");
    const second = await expectCreated(await post(two, "offerings", { title: "Fire drill" }, key), "offerings");
    expect(second).not.toBe(first);
    expect([await count(one, "offerings"), await count(two, "offerings")]).toEqual([1, 1]);
  });

  it("without the header nothing is remembered and each POST creates", async () => {
    const org = await newOrganization();
    const a = await expectCreated(await post(org, "offerings", { title: "Fire drill" }), "offerings");
    const b = await expectCreated(await post(org, "offerings", { title: "Fire drill" }), "offerings");
    expect(a).not.toBe(b);
    expect(await count(org, "offerings")).toBe(2);
  });
});

describe("only a 201 is remembered", () => {
  it("a refused request leaves no key; its retry is evaluated afresh (refused again, then created)", async () => {
    const org = await newOrganization();
    const userId = await insertUser(org.id);
    const offeringId = await insertOffering(org.id, { registrationBeginDate: Date.now() + DAY });
    const key = uniqueKey();
    const body = { userId, offeringId };
    await expectError(await post(org, "registrations", body, key), 400, "registration_not_open", UNAVAILABLE);
    await expectError(await post(org, "registrations", body, key), 400, "registration_not_open", UNAVAILABLE);

    const opened = await call("PUT", `${PREFIX}/offerings/${offeringId}`, {
      token: org.token,
      json: { registrationBeginDate: "" },
    });
    expect(opened.status).toBe(204);
    const location = await expectCreated(await post(org, "registrations", body, key), "registrations");
    expect(await expectCreated(await post(org, "registrations", body, key), "registrations")).toBe(location);
    expect(await count(org, "registrations")).toBe(1);
  });

  it("after a refused request the key may carry a different body", async () => {
    const org = await newOrganization();
    const key = uniqueKey();
    const email = `${newId()}@example.test`;
    await expectError(
      await post(org, "users", { firstName: "Ada", email }, key),
      400,
      "validation_failed",
      { fieldErrors: { lastName: "lastName is required" } },
    );
    await expectCreated(await post(org, "users", { firstName: "Ada", lastName: "Lovelace", email }, key), "users");
  });

  it("a conflict on a unique field (email taken) is refused and not remembered: the key is still free", async () => {
    const org = await newOrganization();
    const email = `${newId()}@example.test`;
    await insertUser(org.id, { email });
    const key = uniqueKey();
    await expectError(
      await post(org, "users", { firstName: "Ada", lastName: "Lovelace", email }, key),
      400,
      "validation_failed",
      { fieldErrors: { email: "Email address is already in use" } },
    );
    expect(await count(org, "users")).toBe(1);
    const other = { firstName: "Ada", lastName: "Lovelace", email: `${newId()}@example.test` };
    await expectCreated(await post(org, "users", other, key), "users");
    expect(await count(org, "users")).toBe(2);
  });
});

describe("the Idempotency-Key header itself", () => {
  it.each([
    ["empty", ""],
    ["256 characters", "k".repeat(256)],
    ["a space inside", "my key"],
    ["a non-ASCII character", "cl\u00e9"],
    ["a tab inside", "a\tb"],
  ])("is 400 invalid_body when %s, and nothing is created", async (_label, key) => {
    const org = await newOrganization();
    await expectError(await post(org, "offerings", { title: "Fire drill" }, key), 400, "invalid_body", BAD_KEY);
    expect(await count(org, "offerings")).toBe(0);
  });

  it("accepts 1 and 255 visible ASCII characters, punctuation included, each a key of its own", async () => {
    const org = await newOrganization();
    for (const key of ["k", "~".repeat(255), "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"]) {
      const body = { title: `t ${key.length}` };
      const first = await expectCreated(await post(org, "offerings", body, key), "offerings");
      expect(await expectCreated(await post(org, "offerings", body, key), "offerings")).toBe(first);
    }
    expect(await count(org, "offerings")).toBe(3);
  });

  it("is case-sensitive: keys differing only in case are different keys", async () => {
    const org = await newOrganization();
    const a = await expectCreated(await post(org, "offerings", { title: "Fire drill" }, "Key-1"), "offerings");
    const b = await expectCreated(await post(org, "offerings", { title: "Fire drill" }, "key-1"), "offerings");
    expect(a).not.toBe(b);
  });

  it("is ignored where it does not apply (PUT): nothing is remembered under it", async () => {
    const org = await newOrganization();
    const offeringId = await insertOffering(org.id);
    const key = uniqueKey();
    const response = await call("PUT", `${PREFIX}/offerings/${offeringId}`, {
      token: org.token,
      json: { title: "New" },
      headers: { "Idempotency-Key": key },
    });
    expect(response.status).toBe(204);
    // Had the PUT been recorded, this different request under its key would be 422.
    await expectCreated(await post(org, "offerings", { title: "Fire drill" }, key), "offerings");
  });
});

describe("the OpenAPI document", () => {
  it("documents Idempotency-Key and the 422 on the three create operations", async () => {
    const response = await call("GET", `${PREFIX}/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { paths: Record<string, Record<string, Json>> };
    for (const collection of ["registrations", "users", "offerings"]) {
      const operation = document.paths[`/${collection}`]?.post as { parameters?: Json[]; responses: Record<string, Json> };
      expect(operation.parameters, collection).toContainEqual(
        expect.objectContaining({ name: "Idempotency-Key", in: "header", required: false }),
      );
      expect(operation.responses["422"], collection).toMatchObject({ description: REUSED.errors[0] });
    }
  });
});
