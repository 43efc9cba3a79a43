/** The offering categories of API.md §5: create, read, list (paging, filters), update, delete, tenancy. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { call, parts } from "./support/http";
import { newOrganization, type TestOrganization } from "./support/fixtures";
import { workersOnly } from "./support/runtime";

const P = "/dc/api/v5";
const UNKNOWN_ID = "0123456789abcdef0123456789abcdef";
const NOT_FOUND = { status: 404, contentType: "application/json", errorCode: "not_found", body: { errors: ["No resource exists with the given id."] } };
const COLOR_MESSAGE = "color must be a color in the form #rrggbb";

afterEach(() => {
  vi.useRealTimers();
});

/** Freezes the clock the Worker reads (it runs in this isolate) at an exact instant. */
function at(iso: string) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(iso));
}

function invalid(fieldErrors: Record<string, string>) {
  return { status: 400, contentType: "application/json", errorCode: "validation_failed", body: { fieldErrors } };
}

/** Creates a category through the API and returns its id. */
async function createCategory(org: TestOrganization, json: Record<string, unknown>): Promise<string> {
  const response = await call("POST", `${P}/offeringcategories`, { token: org.token, json });
  expect(response.status).toBe(201);
  return (response.headers.get("Location") ?? "").split("/").pop() ?? "";
}

async function read(org: TestOrganization, id: string) {
  return parts(await call("GET", `${P}/offeringcategories/${id}`, { token: org.token }));
}

async function list(org: TestOrganization, query = "") {
  return parts(await call("GET", `${P}/offeringcategories${query}`, { token: org.token }));
}

function ok(body: unknown) {
  return { status: 200, contentType: "application/json", errorCode: null, body };
}

describe("POST /offeringcategories", () => {
  workersOnly("creates a category: 201, Location under the request's prefix, empty body; every field reads back", async () => {
    const org = await newOrganization();
    at("2026-01-31T10:00:00Z");
    for (const prefix of ["/dc/api/v5", "/api/v5"]) {
      const response = await call("POST", `${prefix}/offeringcategories`, {
        token: org.token,
        json: { name: "Compliance", description: "Yearly courses", color: "#1a7f37", orderIndex: 4 },
      });
      const location = response.headers.get("Location") ?? "";
      expect(location).toMatch(new RegExp(`^${prefix}/offeringcategories/[0-9a-f]{32}$`));
      expect(response.headers.get("Content-Length")).toBe("0");
      expect(await parts(response)).toEqual({ status: 201, contentType: "application/json", errorCode: null, body: null });
      const id = location.split("/").pop() ?? "";
      expect(await read(org, id)).toEqual(
        ok({ id, name: "Compliance", description: "Yearly courses", color: "#1a7f37", orderIndex: 4, createdDate: "2026-01-31T10:00:00Z" }),
      );
    }
  });

  it("without orderIndex a category goes after the last live one of the organization, the first at 0", async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    await createCategory(other, { name: "Elsewhere", orderIndex: 50 });
    const first = await createCategory(org, { name: "First" });
    await createCategory(org, { name: "Placed", orderIndex: 7 });
    const third = await createCategory(org, { name: "Third" });
    expect((await read(org, first)).body).toMatchObject({ orderIndex: 0 });
    expect((await read(org, third)).body).toMatchObject({ orderIndex: 8 });

    // A deleted category does not count as the last one.
    expect((await call("DELETE", `${P}/offeringcategories/${third}`, { token: org.token })).status).toBe(204);
    const fourth = await createCategory(org, { name: "Fourth" });
    expect((await read(org, fourth)).body).toMatchObject({ orderIndex: 8 });
  });

  it("name is required: missing, null or empty", async () => {
    const org = await newOrganization();
    for (const json of [{}, { name: null }, { name: "" }, { description: "no name" }]) {
      const response = await call("POST", `${P}/offeringcategories`, { token: org.token, json });
      expect(await parts(response), JSON.stringify(json)).toEqual(invalid({ name: "name is required" }));
    }
  });

  it("reports every invalid field together", async () => {
    const org = await newOrganization();
    const response = await call("POST", `${P}/offeringcategories`, {
      token: org.token,
      json: { name: 5, description: 3, color: "red", orderIndex: 1.5 },
    });
    expect(await parts(response)).toEqual(
      invalid({
        name: "name must be a string",
        description: "description must be a string",
        color: COLOR_MESSAGE,
        orderIndex: "orderIndex must be an integer",
      }),
    );
    expect(await list(org)).toEqual(ok({ results: [] }));
  });

  it("color must be # and six hex digits; upper case is accepted and stored lower case", async () => {
    const org = await newOrganization();
    for (const color of ["#abc", "1a7f37", "#1a7f3", "#1a7f377", "#gggggg", " #1a7f37", 123456]) {
      const response = await call("POST", `${P}/offeringcategories`, { token: org.token, json: { name: "C", color } });
      expect(await parts(response), String(color)).toEqual(invalid({ color: COLOR_MESSAGE }));
    }
    const id = await createCategory(org, { name: "C", color: "#1A7F3B" });
    expect((await read(org, id)).body).toMatchObject({ color: "#1a7f3b" });
  });

  it("orderIndex must be an integer: a string, a fraction or an unsafe integer is refused", async () => {
    const org = await newOrganization();
    for (const orderIndex of ["3", 2.5, 2 ** 53, true]) {
      const response = await call("POST", `${P}/offeringcategories`, { token: org.token, json: { name: "C", orderIndex } });
      expect(await parts(response), String(orderIndex)).toEqual(invalid({ orderIndex: "orderIndex must be an integer" }));
    }
    const id = await createCategory(org, { name: "C", orderIndex: -2 });
    expect((await read(org, id)).body).toMatchObject({ orderIndex: -2 });
  });

  it("name is at most 255 characters", async () => {
    const org = await newOrganization();
    const response = await call("POST", `${P}/offeringcategories`, { token: org.token, json: { name: "n".repeat(256) } });
    expect(await parts(response)).toEqual(invalid({ name: "name must be at most 255 characters" }));
    await createCategory(org, { name: "n".repeat(255) });
  });

  workersOnly("an empty or null description, a null color are no value: omitted; read-only and unknown fields are ignored", async () => {
    const org = await newOrganization();
    at("2026-02-01T00:00:00Z");
    const id = await createCategory(org, {
      name: "Plain",
      description: "",
      color: null,
      id: UNKNOWN_ID,
      createdDate: "2001-01-01T00:00:00Z",
      whatever: 1,
    });
    expect(id).not.toBe(UNKNOWN_ID);
    expect(await read(org, id)).toEqual(ok({ id, name: "Plain", orderIndex: 0, createdDate: "2026-02-01T00:00:00Z" }));
  });

  it("the body rules apply: a non-JSON Content-Type is 415", async () => {
    const org = await newOrganization();
    const response = await call("POST", `${P}/offeringcategories`, {
      token: org.token,
      body: "name=x",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(await parts(response)).toEqual({
      status: 415,
      contentType: "application/json",
      errorCode: "unsupported_media_type",
      body: { errors: ["Content-Type must be application/json"] },
    });
  });

  it("needs a token: 401 without one", async () => {
    const response = await call("POST", `${P}/offeringcategories`, { json: { name: "x" } });
    expect(await parts(response)).toEqual({
      status: 401,
      contentType: "application/json",
      errorCode: "unauthorized",
      body: { errors: ["A valid access token is required"] },
    });
    expect(response.headers.get("WWW-Authenticate")).toBe('Bearer realm="api"');
  });
});

describe("GET /offeringcategories/<id>", () => {
  workersOnly("returns the category under both prefixes, omitting fields without a value", async () => {
    const org = await newOrganization();
    at("2026-03-04T05:06:07Z");
    const id = await createCategory(org, { name: "Safety" });
    for (const prefix of ["/dc/api/v5", "/api/v5"]) {
      const response = await call("GET", `${prefix}/offeringcategories/${id}`, { token: org.token });
      expect(await parts(response)).toEqual(ok({ id, name: "Safety", orderIndex: 0, createdDate: "2026-03-04T05:06:07Z" }));
    }
  });

  it("an unknown, malformed, deleted or another organization's id is 404", async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    const theirs = await createCategory(other, { name: "Theirs" });
    const deleted = await createCategory(org, { name: "Gone" });
    await call("DELETE", `${P}/offeringcategories/${deleted}`, { token: org.token });
    for (const id of [UNKNOWN_ID, "not-an-id", UNKNOWN_ID.toUpperCase(), theirs, deleted]) {
      expect(await read(org, id), id).toEqual(NOT_FOUND);
    }
    expect((await read(other, theirs)).status).toBe(200);
  });
});

describe("GET /offeringcategories", () => {
  workersOnly("lists by orderIndex, then createdDate, then id", async () => {
    const org = await newOrganization();
    at("2026-01-01T00:00:02Z");
    const late = await createCategory(org, { name: "late", orderIndex: 1 });
    at("2026-01-01T00:00:01Z");
    const early = await createCategory(org, { name: "early", orderIndex: 1 });
    const twinA = await createCategory(org, { name: "twin", orderIndex: 0 });
    const twinB = await createCategory(org, { name: "twin", orderIndex: 0 });
    const last = await createCategory(org, { name: "last", orderIndex: 9 });
    const [firstTwin, secondTwin] = [twinA, twinB].sort();
    const { body } = await list(org);
    expect((body as { results: { id: string }[] }).results.map((c) => c.id)).toEqual([
      firstTwin,
      secondTwin,
      early,
      late,
      last,
    ]);
  });

  workersOnly("returns whole objects in results and no links when everything fits", async () => {
    const org = await newOrganization();
    at("2026-05-05T05:05:05Z");
    const id = await createCategory(org, { name: "Only", description: "d", color: "#000000" });
    expect(await list(org)).toEqual(
      ok({ results: [{ id, name: "Only", description: "d", color: "#000000", orderIndex: 0, createdDate: "2026-05-05T05:05:05Z" }] }),
    );
  });

  it("pages with limit and offset; next and previous change only offset, keeping the prefix", async () => {
    const org = await newOrganization();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await createCategory(org, { name: `c${i}` }));
    const idsOf = (body: unknown) => (body as { results: { id: string }[] }).results.map((c) => c.id);

    const first = await parts(await call("GET", `/api/v5/offeringcategories?name=c&limit=2`, { token: org.token }));
    expect(idsOf(first.body)).toEqual(ids.slice(0, 2));
    expect(first.body).toMatchObject({ next: "/api/v5/offeringcategories?name=c&limit=2&offset=2" });
    expect(first.body).not.toHaveProperty("previous");

    const middle = await list(org, "?limit=2&offset=2");
    expect(idsOf(middle.body)).toEqual(ids.slice(2, 4));
    expect(middle.body).toMatchObject({
      next: `${P}/offeringcategories?limit=2&offset=4`,
      previous: `${P}/offeringcategories?limit=2&offset=0`,
    });

    const end = await list(org, "?limit=2&offset=4");
    expect(idsOf(end.body)).toEqual(ids.slice(4));
    expect(end.body).not.toHaveProperty("next");
    expect(end.body).toMatchObject({ previous: `${P}/offeringcategories?limit=2&offset=2` });

    const beyond = await list(org, "?offset=10");
    expect(beyond.body).toEqual({ results: [], previous: `${P}/offeringcategories?offset=0` });
  });

  it("the default page is 15", async () => {
    const org = await newOrganization();
    for (let i = 0; i < 16; i++) await createCategory(org, { name: `c${i}` });
    const { body } = await list(org);
    expect((body as { results: unknown[] }).results).toHaveLength(15);
    expect(body).toMatchObject({ next: `${P}/offeringcategories?offset=15` });
  });

  it("an invalid limit, offset or createdDate is 400 with the contract's message", async () => {
    const org = await newOrganization();
    const cases: [string, string][] = [
      ["?limit=0", "limit must be an integer between 1 and 100"],
      ["?limit=101", "limit must be an integer between 1 and 100"],
      ["?limit=x", "limit must be an integer between 1 and 100"],
      ["?offset=-1", "offset must be a non-negative integer"],
      ["?createdDate=yesterday", "createdDate is not a valid date filter"],
    ];
    for (const [query, message] of cases) {
      expect(await list(org, query), query).toEqual({
        status: 400,
        contentType: "application/json",
        errorCode: "validation_failed",
        body: { errors: [message] },
      });
    }
  });

  it("name filters by case-insensitive substring", async () => {
    const org = await newOrganization();
    const safety = await createCategory(org, { name: "Workplace Safety" });
    const food = await createCategory(org, { name: "FOOD safety" });
    await createCategory(org, { name: "Leadership" });
    const { body } = await list(org, "?name=SAFE");
    expect((body as { results: { id: string }[] }).results.map((c) => c.id)).toEqual([safety, food]);
  });

  it("% and _ in the name filter are literal characters, not wildcards", async () => {
    const org = await newOrganization();
    const percent = await createCategory(org, { name: "100% online" });
    const underscore = await createCategory(org, { name: "snake_case" });
    await createCategory(org, { name: "100 online" });
    await createCategory(org, { name: "snakeXcase" });
    const idsOf = (body: unknown) => (body as { results: { id: string }[] }).results.map((c) => c.id);
    expect(idsOf((await list(org, "?name=%25")).body)).toEqual([percent]);
    expect(idsOf((await list(org, "?name=0%25%20")).body)).toEqual([percent]);
    expect(idsOf((await list(org, "?name=_")).body)).toEqual([underscore]);
    expect(idsOf((await list(org, "?name=e_c")).body)).toEqual([underscore]);
  });

  workersOnly("createdDate filters by exact time, imprecise date and open or closed ranges", async () => {
    const org = await newOrganization();
    at("2025-12-31T23:59:59Z");
    const dec = await createCategory(org, { name: "dec" });
    at("2026-01-15T12:00:00Z");
    const jan = await createCategory(org, { name: "jan" });
    at("2026-02-01T00:00:00Z");
    const feb = await createCategory(org, { name: "feb" });
    const idsOf = async (query: string) =>
      ((await list(org, query)).body as { results: { id: string }[] }).results.map((c) => c.id);
    expect(await idsOf("?createdDate=2026-01-15T12:00:00Z")).toEqual([jan]);
    expect(await idsOf("?createdDate=2026-01")).toEqual([jan]);
    expect(await idsOf("?createdDate=2026")).toEqual([jan, feb]);
    expect(await idsOf("?createdDate=2025-12-31,2026-01-31")).toEqual([dec, jan]);
    expect(await idsOf("?createdDate=2026-01-16,")).toEqual([feb]);
    expect(await idsOf("?createdDate=,2025")).toEqual([dec]);
  });

  it("never lists another organization's or a deleted category; an empty list is just results", async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    await createCategory(other, { name: "Theirs" });
    expect(await list(org)).toEqual(ok({ results: [] }));
    expect(await list(org, "?name=Theirs")).toEqual(ok({ results: [] }));
    const gone = await createCategory(org, { name: "Gone" });
    await call("DELETE", `${P}/offeringcategories/${gone}`, { token: org.token });
    expect(await list(org)).toEqual(ok({ results: [] }));
  });
});

describe("PUT /offeringcategories/<id>", () => {
  workersOnly("changes only the fields given: 204, empty body", async () => {
    const org = await newOrganization();
    at("2026-01-31T10:00:00Z");
    const id = await createCategory(org, { name: "Old", description: "keep", color: "#111111", orderIndex: 3 });
    const response = await call("PUT", `${P}/offeringcategories/${id}`, { token: org.token, json: { name: "New" } });
    expect(await parts(response)).toEqual({ status: 204, contentType: null, errorCode: null, body: null });
    expect(await read(org, id)).toEqual(
      ok({ id, name: "New", description: "keep", color: "#111111", orderIndex: 3, createdDate: "2026-01-31T10:00:00Z" }),
    );
    await call("PUT", `${P}/offeringcategories/${id}`, {
      token: org.token,
      json: { description: "changed", color: "#ABCDEF", orderIndex: -1 },
    });
    expect((await read(org, id)).body).toEqual({
      id,
      name: "New",
      description: "changed",
      color: "#abcdef",
      orderIndex: -1,
      createdDate: "2026-01-31T10:00:00Z",
    });
  });

  workersOnly("\"\" clears description and color; null is absent and keeps them (API.md §10)", async () => {
    const org = await newOrganization();
    at("2026-01-31T10:00:00Z");
    const id = await createCategory(org, { name: "C", description: "d", color: "#111111" });
    await call("PUT", `${P}/offeringcategories/${id}`, { token: org.token, json: { description: null, color: null } });
    expect((await read(org, id)).body).toEqual({ id, name: "C", description: "d", color: "#111111", orderIndex: 0, createdDate: "2026-01-31T10:00:00Z" });
    await call("PUT", `${P}/offeringcategories/${id}`, { token: org.token, json: { description: "", color: "" } });
    expect((await read(org, id)).body).toEqual({ id, name: "C", orderIndex: 0, createdDate: "2026-01-31T10:00:00Z" });
    await call("PUT", `${P}/offeringcategories/${id}`, { token: org.token, json: { description: "again" } });
    await call("PUT", `${P}/offeringcategories/${id}`, { token: org.token, json: { description: "" } });
    expect((await read(org, id)).body).not.toHaveProperty("description");
  });

  it("invalid fields are 400 together and nothing changes", async () => {
    const org = await newOrganization();
    const id = await createCategory(org, { name: "Keep", orderIndex: 2 });
    const before = await read(org, id);
    const response = await call("PUT", `${P}/offeringcategories/${id}`, {
      token: org.token,
      json: { name: "", color: "#12345", orderIndex: "", description: ["x"] },
    });
    expect(await parts(response)).toEqual(
      invalid({
        name: "name is required",
        description: "description must be a string",
        color: COLOR_MESSAGE,
        orderIndex: "orderIndex must be an integer",
      }),
    );
    expect(await read(org, id)).toEqual(before);
  });

  it("an empty change is 204 for an existing category and 404 for a missing one", async () => {
    const org = await newOrganization();
    const id = await createCategory(org, { name: "Same" });
    const before = await read(org, id);
    const response = await call("PUT", `${P}/offeringcategories/${id}`, { token: org.token, json: { createdDate: "2000" } });
    expect(response.status).toBe(204);
    expect(await read(org, id)).toEqual(before);
    const missing = await call("PUT", `${P}/offeringcategories/${UNKNOWN_ID}`, { token: org.token, json: {} });
    expect(await parts(missing)).toEqual(NOT_FOUND);
  });

  it("an unknown, malformed, deleted or another organization's id is 404 and nothing changes", async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    const theirs = await createCategory(other, { name: "Theirs" });
    const deleted = await createCategory(org, { name: "Gone" });
    await call("DELETE", `${P}/offeringcategories/${deleted}`, { token: org.token });
    for (const id of [UNKNOWN_ID, "nope", theirs, deleted]) {
      const response = await call("PUT", `${P}/offeringcategories/${id}`, { token: org.token, json: { name: "Mine" } });
      expect(await parts(response), id).toEqual(NOT_FOUND);
    }
    expect((await read(other, theirs)).body).toMatchObject({ name: "Theirs" });
  });
});

describe("DELETE /offeringcategories/<id>", () => {
  it("deletes: 204, empty body; then the category is 404, unlisted, and a second DELETE is 404", async () => {
    const org = await newOrganization();
    const id = await createCategory(org, { name: "Doomed" });
    const response = await call("DELETE", `${P}/offeringcategories/${id}`, { token: org.token });
    expect(await parts(response)).toEqual({ status: 204, contentType: null, errorCode: null, body: null });
    expect(await read(org, id)).toEqual(NOT_FOUND);
    expect(await list(org)).toEqual(ok({ results: [] }));
    expect(await parts(await call("DELETE", `${P}/offeringcategories/${id}`, { token: org.token }))).toEqual(NOT_FOUND);
  });

  it("an unknown, malformed or another organization's id is 404 and the category stays", async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    const theirs = await createCategory(other, { name: "Theirs" });
    for (const id of [UNKNOWN_ID, "nope", theirs]) {
      expect(await parts(await call("DELETE", `${P}/offeringcategories/${id}`, { token: org.token })), id).toEqual(NOT_FOUND);
    }
    expect((await read(other, theirs)).status).toBe(200);
  });

  /** An offering in both categories, made through the offerings API. */
  async function offeringIn(org: TestOrganization, categoryIds: string[]): Promise<string> {
    const created = await call("POST", `${P}/offerings`, { token: org.token, json: { title: "Course", offeringCategoryIds: categoryIds } });
    expect(created.status).toBe(201);
    return (created.headers.get("Location") ?? "").split("/").pop() ?? "";
  }

  it("a deleted category is no longer in any offering's offeringCategoryIds; the others stay in order", async () => {
    const org = await newOrganization();
    const doomed = await createCategory(org, { name: "Doomed" });
    const kept = await createCategory(org, { name: "Kept" });
    const offeringId = await offeringIn(org, [doomed, kept]);
    const offering = () => call("GET", `${P}/offerings/${offeringId}`, { token: org.token }).then(parts);
    expect((await offering()).body).toMatchObject({ offeringCategoryIds: [doomed, kept] });
    expect((await call("DELETE", `${P}/offeringcategories/${doomed}`, { token: org.token })).status).toBe(204);
    expect((await offering()).body).toMatchObject({ offeringCategoryIds: [kept] });
  });

  it("the offeringCategoryId filter of offerings finds nothing for a deleted category", async () => {
    const org = await newOrganization();
    const doomed = await createCategory(org, { name: "Doomed" });
    const kept = await createCategory(org, { name: "Kept" });
    const offeringId = await offeringIn(org, [doomed, kept]);
    const offeringIdsIn = async (categoryId: string) => {
      const { body } = await parts(await call("GET", `${P}/offerings?offeringCategoryId=${categoryId}`, { token: org.token }));
      return (body as { results: { id: string }[] }).results.map((o) => o.id);
    };
    expect(await offeringIdsIn(doomed)).toEqual([offeringId]);
    expect((await call("DELETE", `${P}/offeringcategories/${doomed}`, { token: org.token })).status).toBe(204);
    expect(await offeringIdsIn(doomed)).toEqual([]);
    expect(await offeringIdsIn(kept)).toEqual([offeringId]);
  });
});

describe("wrong method", () => {
  it("POST /offeringcategories/<id> is 405 with Allow: GET, HEAD, PUT, DELETE", async () => {
    const org = await newOrganization();
    const id = await createCategory(org, { name: "C" });
    const response = await call("POST", `${P}/offeringcategories/${id}`, { token: org.token, json: {} });
    expect((response.headers.get("Allow") ?? "").split(", ").sort()).toEqual(["DELETE", "GET", "HEAD", "PUT"]);
    expect(await parts(response)).toEqual({
      status: 405,
      contentType: "application/json",
      errorCode: "method_not_allowed",
      body: { errors: ["Method not allowed"] },
    });
  });
});
