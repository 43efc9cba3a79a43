/**
 * Contract tests of the users API (API.md §1, §2, §4, §6): GET /users, GET /users/<id>,
 * POST /users, PUT /users/<id>, DELETE /users/<id>. Every answer is asserted whole (status,
 * Content-Type, X-Error-Code, body). Rows with chosen times (createdDate, lastLoginDate, which no
 * API call sets) come from the fixtures; everything else goes through the API.
 */
import { describe, expect, it } from "vitest";
import { newId } from "../src/db/ids";
import { insertUser, newOrganization, type TestOrganization } from "./support/fixtures";
import { call, parts } from "./support/http";
import { workersOnly } from "./support/runtime";
import { PREFIX, ID, ISO_SECOND, NOT_FOUND, expectError, type Json, type PageBody } from "./support/contract";

const PASSWORD_RULE =
  "The new password must be at least 6 characters in length, contain only letters and numbers, and contain at least one letter and one number";
const EMAIL_TAKEN = "Email address is already in use";
const USERNAME_TAKEN = "Username is already in use";

const at = (iso: string): number => Date.parse(iso);

function fieldErrors(errors: Record<string, string>) {
  return { fieldErrors: errors };
}

function postUser(org: TestOrganization, json: unknown, prefix = PREFIX): Promise<Response> {
  return call("POST", `${prefix}/users`, { token: org.token, json });
}

function putUser(org: TestOrganization, id: string, json: unknown): Promise<Response> {
  return call("PUT", `${PREFIX}/users/${id}`, { token: org.token, json });
}

function deleteUser(org: TestOrganization, id: string): Promise<Response> {
  return call("DELETE", `${PREFIX}/users/${id}`, { token: org.token });
}

/** A minimal valid body with a unique email. */
function userBody(fields: Json = {}): Json {
  return { firstName: "Ada", lastName: "Lovelace", email: `${newId()}@example.test`, ...fields };
}

/** A 201 POST /users; returns the new id. */
async function created(org: TestOrganization, json: Json = userBody()): Promise<string> {
  const response = await postUser(org, json);
  const { status, body } = await parts(response);
  expect({ status, body }).toEqual({ status: 201, body: null });
  const id = response.headers.get("Location")?.split("/").pop() ?? "";
  expect(id).toMatch(ID);
  return id;
}

/** GET /users/<id> answering 200; returns the body. */
async function read(org: TestOrganization, id: string): Promise<Json> {
  const { status, contentType, errorCode, body } = await parts(await call("GET", `${PREFIX}/users/${id}`, { token: org.token }));
  expect({ status, contentType, errorCode }).toEqual({ status: 200, contentType: "application/json", errorCode: null });
  return body as Json;
}

async function expectGone(org: TestOrganization, id: string): Promise<void> {
  await expectError(await call("GET", `${PREFIX}/users/${id}`, { token: org.token }), 404, "not_found", NOT_FOUND);
}

/** A 200 GET /users body. */
async function page(org: TestOrganization, query = "", prefix = PREFIX): Promise<PageBody> {
  const { status, contentType, errorCode, body } = await parts(await call("GET", `${prefix}/users${query}`, { token: org.token }));
  expect({ status, contentType, errorCode }).toEqual({ status: 200, contentType: "application/json", errorCode: null });
  return body as PageBody;
}

async function ids(org: TestOrganization, query = ""): Promise<string[]> {
  return (await page(org, query)).results.map((user) => String(user.id));
}

async function registrationOf(org: TestOrganization, id: string): Promise<Json> {
  const { status, body } = await parts(await call("GET", `${PREFIX}/registrations/${id}`, { token: org.token }));
  expect(status).toBe(200);
  return body as Json;
}

async function newOffering(org: TestOrganization, json: Json = { title: "Course" }): Promise<string> {
  const response = await call("POST", `${PREFIX}/offerings`, { token: org.token, json });
  expect(response.status).toBe(201);
  return response.headers.get("Location")?.split("/").pop() ?? "";
}

async function register(org: TestOrganization, userId: string, offeringId: string): Promise<string> {
  const response = await call("POST", `${PREFIX}/registrations`, { token: org.token, json: { userId, offeringId } });
  expect(response.status).toBe(201);
  return response.headers.get("Location")?.split("/").pop() ?? "";
}

async function updateRegistration(org: TestOrganization, id: string, json: Json): Promise<void> {
  const response = await call("PUT", `${PREFIX}/registrations/${id}`, { token: org.token, json });
  expect(response.status).toBe(204);
}

/* ------------------------------------------------------------------------------------------ */

describe("GET /users", () => {
  const PEOPLE = [
    { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com", username: "countess" },
    { firstName: "Grace", lastName: "Hopper", email: "grace@navy.example", username: "amazing_grace" },
    { firstName: "Alan", lastName: "Turing", email: "alan@bletchley.example", username: "enigma" },
    { firstName: "Edsger", lastName: "Dijkstra", email: "ewd@example.com", username: "EWD" },
    { firstName: "Barbara", lastName: "Liskov", email: "liskov@example.org", username: "bliskov" },
  ];

  /**
   * The five people through POST /users: their ids in PEOPLE's order, and the list's own order
   * (users made within one millisecond are ordered by id, so the two may differ).
   */
  async function five(org: TestOrganization): Promise<{ made: string[]; listed: string[] }> {
    const made: string[] = [];
    for (const person of PEOPLE) made.push(await created(org, person));
    const listed = await ids(org, "?limit=100");
    expect([...listed].sort()).toEqual([...made].sort());
    return { made, listed };
  }

  /** The same five with chosen creation and last login times, oldest first (direct rows). */
  async function fiveWithTimes(org: TestOrganization): Promise<string[]> {
    const times = [
      { createdAt: at("2025-12-31T23:59:59Z") },
      { createdAt: at("2026-01-01T00:00:00Z"), lastLoginAt: at("2026-03-01T08:00:00Z") },
      { createdAt: at("2026-01-31T10:00:00Z"), lastLoginAt: at("2026-03-15T12:00:00Z") },
      { createdAt: at("2026-02-01T00:00:00Z") },
      { createdAt: at("2027-01-01T00:00:00Z"), lastLoginAt: at("2027-02-01T00:00:00Z") },
    ];
    const out: string[] = [];
    for (const [i, person] of PEOPLE.entries()) out.push(await insertUser(org.id, { ...person, ...times[i] }));
    return out;
  }

  /** `wanted` in the order the list gives them. */
  const inListOrder = (listed: string[], wanted: (string | undefined)[]): string[] => listed.filter((id) => wanted.includes(id));

  describe("results and order", () => {
    it("returns an empty results list without links for an organization without users", async () => {
      const org = await newOrganization();
      expect(await page(org)).toEqual({ results: [] });
    });

    workersOnly("returns whole user objects, oldest createdDate first, without password or internal fields", async () => {
      const org = await newOrganization();
      const first = await insertUser(org.id, { firstName: "Ada", lastName: "Lovelace", email: "Ada@Example.com", username: "Countess", tags: '["math","poetry"]', locale: "fr", createdAt: at("2026-01-02T00:00:00Z"), lastLoginAt: at("2026-02-03T04:05:06.789Z"), passwordHash: "pbkdf2-sha256$1$00$00" });
      const second = await insertUser(org.id, { firstName: "Grace", lastName: "Hopper", email: "grace@example.com", createdAt: at("2026-01-01T00:00:00Z") });
      expect(await page(org)).toEqual({
        results: [
          { id: second, firstName: "Grace", lastName: "Hopper", username: "grace@example.com", email: "grace@example.com", locale: "en", createdDate: "2026-01-01T00:00:00Z" },
          { id: first, firstName: "Ada", lastName: "Lovelace", username: "Countess", email: "Ada@Example.com", locale: "fr", tags: ["math", "poetry"], createdDate: "2026-01-02T00:00:00Z", lastLoginDate: "2026-02-03T04:05:06Z" },
        ],
      });
    });

    workersOnly("orders users created in the same millisecond by id", async () => {
      const org = await newOrganization();
      const when = at("2026-01-01T00:00:00Z");
      const made = [
        await insertUser(org.id, { id: "f".repeat(32), createdAt: when }),
        await insertUser(org.id, { id: "0".repeat(31) + "1", createdAt: when }),
        await insertUser(org.id, { id: "8".repeat(32), createdAt: when }),
      ];
      expect(await ids(org)).toEqual([...made].sort());
    });

    it("lists users made through POST /users, whole, oldest first", async () => {
      const org = await newOrganization();
      const first = await created(org, { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" });
      await new Promise((resolve) => setTimeout(resolve, 5));
      const second = await created(org, { firstName: "Grace", lastName: "Hopper", email: "grace@navy.example", username: "amazing", locale: "es", tags: ["navy"], password: "cobol1959" });
      expect(await page(org)).toEqual({
        results: [
          { id: first, firstName: "Ada", lastName: "Lovelace", username: "ada@example.com", email: "ada@example.com", locale: "en", createdDate: expect.stringMatching(ISO_SECOND) },
          { id: second, firstName: "Grace", lastName: "Hopper", username: "amazing", email: "grace@navy.example", locale: "es", tags: ["navy"], createdDate: expect.stringMatching(ISO_SECOND) },
        ],
      });
    });

    it("does not list deleted users", async () => {
      const org = await newOrganization();
      const kept = await created(org);
      const gone = await created(org);
      expect(await deleteUser(org, gone)).toHaveProperty("status", 204);
      expect(await ids(org)).toEqual([kept]);
    });

    it("never lists another organization's users, with or without filters", async () => {
      const org = await newOrganization();
      const other = await newOrganization();
      const mine = await insertUser(org.id, { email: "mine@example.com" });
      await insertUser(other.id, { email: "theirs@example.com" });
      expect(await ids(org)).toEqual([mine]);
      expect(await ids(org, "?email=theirs")).toEqual([]);
    });

    it("serves the list under /api/v5 with the same results", async () => {
      const org = await newOrganization();
      await five(org);
      expect(await page(org, "", "/api/v5")).toEqual(await page(org));
    });

    it("ignores unknown query parameters", async () => {
      const org = await newOrganization();
      const { listed } = await five(org);
      expect(await ids(org, "?colour=blue&sort=desc")).toEqual(listed);
    });
  });

  describe("paging", () => {
    it("returns 15 by default with next at offset 15", async () => {
      const org = await newOrganization();
      for (let i = 0; i < 16; i++) await insertUser(org.id);
      const body = await page(org);
      expect(body.results).toHaveLength(15);
      expect(body.next).toBe("/dc/api/v5/users?offset=15");
      expect(body.previous).toBeUndefined();
    });

    it("walks the pages; links change only offset and keep the filters", async () => {
      const org = await newOrganization();
      const { listed } = await five(org);
      const first = await page(org, "?limit=2");
      expect(first).toEqual({ results: listed.slice(0, 2).map((id) => expect.objectContaining({ id })), next: "/dc/api/v5/users?limit=2&offset=2" });
      const middle = await page(org, "?limit=2&offset=2");
      expect(middle.results.map((u) => u.id)).toEqual(listed.slice(2, 4));
      expect(middle.next).toBe("/dc/api/v5/users?limit=2&offset=4");
      expect(middle.previous).toBe("/dc/api/v5/users?limit=2&offset=0");
      const last = await page(org, "?limit=2&offset=4");
      expect(last).toEqual({ results: [expect.objectContaining({ id: listed[4] })], previous: "/dc/api/v5/users?limit=2&offset=2" });

      const filtered = await page(org, "?email=EXAMPLE&limit=2");
      expect(filtered.results.map((u) => u.id)).toEqual(listed.slice(0, 2));
      expect(filtered.next).toBe("/dc/api/v5/users?email=EXAMPLE&limit=2&offset=2");
    });

    it("uses the request's base path in the links", async () => {
      const org = await newOrganization();
      await five(org);
      const body = await page(org, "?limit=1&offset=1", "/api/v5");
      expect(body.next).toBe("/api/v5/users?limit=1&offset=2");
      expect(body.previous).toBe("/api/v5/users?limit=1&offset=0");
    });

    it("returns an empty page with a previous link past the end", async () => {
      const org = await newOrganization();
      await five(org);
      expect(await page(org, "?offset=10&limit=3")).toEqual({ results: [], previous: "/dc/api/v5/users?offset=7&limit=3" });
    });

    it("walks the list by the cursor of the Link header, filters kept; the body's links stay offset links", async () => {
      const org = await newOrganization();
      const { listed } = await five(org);
      const seen: string[] = [];
      let query = "?email=e&limit=2";
      for (let pages = 0; pages < 5; pages++) {
        const response = await call("GET", `${PREFIX}/users${query}`, { token: org.token });
        const body = (await response.json()) as { results: { id: string }[]; next?: string };
        seen.push(...body.results.map((u) => u.id));
        const link = response.headers.get("Link");
        if (body.next === undefined) {
          expect(link).toBeNull();
          break;
        }
        expect(body.next).toBe(`/dc/api/v5/users${query}&offset=2`);
        const match = /^<\/dc\/api\/v5\/users\?email=e&limit=2&after=([0-9A-Za-z_-]+)>; rel="next"$/.exec(link ?? "");
        expect(match, String(link)).not.toBeNull();
        query = `?email=e&limit=2&after=${match?.[1]}`;
      }
      expect(seen).toEqual(listed);
    });

    it("rejects an after that is not a cursor", async () => {
      const org = await newOrganization();
      for (const bad of ["", "x", "MS5hYmM=", "eC5hYmM"]) {
        await expectError(await call("GET", `${PREFIX}/users?after=${bad}`, { token: org.token }), 400, "validation_failed", {
          errors: ["after is not a valid cursor"],
        });
      }
    });

    it("rejects a bad limit or offset", async () => {
      const org = await newOrganization();
      const limit = { errors: ["limit must be an integer between 1 and 100"] };
      const offset = { errors: ["offset must be a non-negative integer"] };
      for (const bad of ["0", "101", "abc", "1.5", "-1", ""]) {
        await expectError(await call("GET", `${PREFIX}/users?limit=${bad}`, { token: org.token }), 400, "validation_failed", limit);
      }
      for (const bad of ["-1", "x", "1.5", ""]) {
        await expectError(await call("GET", `${PREFIX}/users?offset=${bad}`, { token: org.token }), 400, "validation_failed", offset);
      }
    });
  });

  describe("text filters", () => {
    it("match a case-insensitive substring of firstName, lastName, username and email", async () => {
      const org = await newOrganization();
      const { made, listed } = await five(org);
      const [ada, grace, alan, edsger, barbara] = made;
      expect(await ids(org, "?firstName=AD")).toEqual([ada]);
      expect(await ids(org, "?firstName=a")).toEqual(inListOrder(listed, [ada, grace, alan, barbara]));
      expect(await ids(org, "?lastName=hOpP")).toEqual([grace]);
      expect(await ids(org, "?username=ewd")).toEqual([edsger]);
      expect(await ids(org, "?username=ENIG")).toEqual([alan]);
      expect(await ids(org, "?email=example.com")).toEqual(inListOrder(listed, [ada, edsger]));
      expect(await ids(org, "?email=ADA%40EXAMPLE.COM")).toEqual([ada]);
      expect(await ids(org, "?email=nobody")).toEqual([]);
    });

    it("combine with AND", async () => {
      const org = await newOrganization();
      const [, , alan] = (await five(org)).made;
      expect(await ids(org, "?firstName=a&lastName=ing")).toEqual([alan]);
      expect(await ids(org, "?firstName=ada&lastName=turing")).toEqual([]);
    });

    it("take % and _ literally", async () => {
      const org = await newOrganization();
      const [, grace] = (await five(org)).made;
      expect(await ids(org, "?username=_")).toEqual([grace]);
      expect(await ids(org, "?email=%25")).toEqual([]);
    });

    it("an empty filter value matches everyone", async () => {
      const org = await newOrganization();
      const { listed } = await five(org);
      expect(await ids(org, "?email=")).toEqual(listed);
    });
  });

  describe("date filters", () => {
    workersOnly("createdDate takes a year, month, day, exact time or range", async () => {
      const org = await newOrganization();
      const [u2025, jan1, jan31, feb1, u2027] = await fiveWithTimes(org);
      expect(await ids(org, "?createdDate=2026")).toEqual([jan1, jan31, feb1]);
      expect(await ids(org, "?createdDate=2026-01")).toEqual([jan1, jan31]);
      expect(await ids(org, "?createdDate=2026-01-31")).toEqual([jan31]);
      expect(await ids(org, "?createdDate=2026-01-31T10:00:00Z")).toEqual([jan31]);
      expect(await ids(org, "?createdDate=2026-01-31T12:00:00%2B02:00")).toEqual([jan31]);
      expect(await ids(org, "?createdDate=2026-01-31T10:00:01Z")).toEqual([]);
      expect(await ids(org, "?createdDate=,2026-01")).toEqual([u2025, jan1, jan31]);
      expect(await ids(org, "?createdDate=2026-02,")).toEqual([feb1, u2027]);
      expect(await ids(org, "?createdDate=2026-01-01,2026-02-01")).toEqual([jan1, jan31, feb1]);
      expect(await ids(org, "?createdDate=2025-12-31T23:59:59Z,2026-01-01T00:00:00Z")).toEqual([u2025, jan1]);
    });

    it("createdDate of users made now: this year matches, another year does not", async () => {
      const org = await newOrganization();
      const id = await created(org);
      const year = new Date().getUTCFullYear();
      expect(await ids(org, `?createdDate=${year - 1},${year + 1}`)).toEqual([id]);
      expect(await ids(org, `?createdDate=${year + 1},`)).toEqual([]);
      expect(await ids(org, `?createdDate=,${year - 1}`)).toEqual([]);
      // A user who never logged in has no lastLoginDate to match.
      expect(await ids(org, `?lastLoginDate=,${year + 1}`)).toEqual([]);
    });

    workersOnly("lastLoginDate filters on the last login and leaves out users who never logged in", async () => {
      const org = await newOrganization();
      const [, grace, alan, , barbara] = await fiveWithTimes(org);
      expect(await ids(org, "?lastLoginDate=2026-03")).toEqual([grace, alan]);
      expect(await ids(org, "?lastLoginDate=2026-03-15")).toEqual([alan]);
      expect(await ids(org, "?lastLoginDate=2027,")).toEqual([barbara]);
      expect(await ids(org, "?lastLoginDate=,2030")).toEqual([grace, alan, barbara]);
      expect(await ids(org, "?lastLoginDate=2026-03&createdDate=2026-01-31")).toEqual([alan]);
    });

    it("rejects an invalid date filter, naming the parameter", async () => {
      const org = await newOrganization();
      for (const bad of ["yesterday", "2026-13", "2026-02-30", ",", "2026-02,2026-01", "2026-01-31T10:00:00", "1,2,3"]) {
        await expectError(
          await call("GET", `${PREFIX}/users?createdDate=${bad}`, { token: org.token }),
          400,
          "validation_failed",
          { errors: ["createdDate is not a valid date filter"] },
        );
      }
      await expectError(
        await call("GET", `${PREFIX}/users?lastLoginDate=soon`, { token: org.token }),
        400,
        "validation_failed",
        { errors: ["lastLoginDate is not a valid date filter"] },
      );
    });
  });
});

/* ------------------------------------------------------------------------------------------ */

describe("GET /users/<id>", () => {
  workersOnly("returns 200 with the user object, every field set", async () => {
    const org = await newOrganization();
    const id = await insertUser(org.id, { firstName: "Grace", lastName: "Hopper", email: "grace@navy.example", username: "amazing", locale: "de", tags: '["navy","cobol"]', createdAt: at("2026-01-31T10:00:00.500Z"), lastLoginAt: at("2026-02-01T00:00:00Z") });
    expect(await parts(await call("GET", `${PREFIX}/users/${id}`, { token: org.token }))).toEqual({
      status: 200,
      contentType: "application/json",
      errorCode: null,
      body: { id, firstName: "Grace", lastName: "Hopper", username: "amazing", email: "grace@navy.example", locale: "de", tags: ["navy", "cobol"], createdDate: "2026-01-31T10:00:00Z", lastLoginDate: "2026-02-01T00:00:00Z" },
    });
  });

  it("serves the same object under /api/v5", async () => {
    const org = await newOrganization();
    const id = await created(org);
    const dc = await parts(await call("GET", `/dc/api/v5/users/${id}`, { token: org.token }));
    const api = await parts(await call("GET", `/api/v5/users/${id}`, { token: org.token }));
    expect(dc.status).toBe(200);
    expect(api).toEqual(dc);
  });

  it("returns 404 for an unknown id, a malformed id and an upper-case spelling", async () => {
    const org = await newOrganization();
    const id = await created(org);
    await expectGone(org, newId());
    await expectGone(org, "not-an-id");
    await expectGone(org, id.toUpperCase());
    await expectGone(org, `${id}0`);
  });

  it("returns 404 for another organization's user, with the body of an unknown id", async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    const theirs = await created(other);
    await expectGone(org, theirs);
    expect((await read(other, theirs)).id).toBe(theirs);
  });

  it("returns 404 for a deleted user", async () => {
    const org = await newOrganization();
    const id = await created(org);
    expect((await deleteUser(org, id)).status).toBe(204);
    await expectGone(org, id);
  });
});

/* ------------------------------------------------------------------------------------------ */

describe("POST /users", () => {
  describe("success", () => {
    it("answers 201 with Location, Content-Type application/json, Content-Length 0 and an empty body", async () => {
      const org = await newOrganization();
      const response = await postUser(org, userBody());
      expect(response.status).toBe(201);
      expect(response.headers.get("Location")).toMatch(/^\/dc\/api\/v5\/users\/[0-9a-f]{32}$/);
      expect(response.headers.get("Content-Type")).toBe("application/json");
      expect(response.headers.get("Content-Length")).toBe("0");
      expect(response.headers.get("X-Error-Code")).toBeNull();
      expect(await response.text()).toBe("");
    });

    it("uses the /api/v5 prefix in Location when the request came in on it", async () => {
      const org = await newOrganization();
      const response = await postUser(org, userBody(), "/api/v5");
      expect(response.status).toBe(201);
      expect(response.headers.get("Location")).toMatch(/^\/api\/v5\/users\/[0-9a-f]{32}$/);
    });

    it("defaults username to the email, locale to en and tags to none; createdDate is now", async () => {
      const org = await newOrganization();
      const before = Math.floor(Date.now() / 1000) * 1000;
      const id = await created(org, { firstName: "Ada", lastName: "Lovelace", email: "Ada.Lovelace@Example.com" });
      const after = Date.now();
      const user = await read(org, id);
      expect(user).toEqual({ id, firstName: "Ada", lastName: "Lovelace", username: "Ada.Lovelace@Example.com", email: "Ada.Lovelace@Example.com", locale: "en", createdDate: expect.stringMatching(ISO_SECOND) });
      const createdAt = Date.parse(String(user.createdDate));
      expect(createdAt).toBeGreaterThanOrEqual(before);
      expect(createdAt).toBeLessThanOrEqual(after);
    });

    it("keeps every given field; the password is never returned", async () => {
      const org = await newOrganization();
      const id = await created(org, { firstName: "Grace", lastName: "Hopper", email: "grace@navy.example", username: "Amazing", password: "cobol1959", locale: "es", tags: ["navy", "compilers"] });
      expect(await read(org, id)).toEqual({ id, firstName: "Grace", lastName: "Hopper", username: "Amazing", email: "grace@navy.example", locale: "es", tags: ["navy", "compilers"], createdDate: expect.stringMatching(ISO_SECOND) });
      const listed = (await page(org)).results[0];
      expect(JSON.stringify(listed)).not.toMatch(/password|cobol1959|pbkdf2/i);
    });

    it("splits tags on spaces and commas, dropping empty pieces and repeats", async () => {
      const org = await newOrganization();
      const id = await created(org, userBody({ tags: ["a b", "c,d", "e, f", "  ", "", "a", "g"] }));
      expect((await read(org, id)).tags).toEqual(["a", "b", "c", "d", "e", "f", "g"]);
      // API.md §10: an empty list is omitted from the object.
      const none = await created(org, userBody({ tags: null }));
      expect((await read(org, none)).tags).toBeUndefined();
    });

    it("ignores unknown and read-only properties", async () => {
      const org = await newOrganization();
      const forced = newId();
      const id = await created(org, userBody({ id: forced, createdDate: "2001-01-01T00:00:00Z", lastLoginDate: "2001-01-01T00:00:00Z", colour: "blue" }));
      expect(id).not.toBe(forced);
      const user = await read(org, id);
      expect(user.createdDate).not.toBe("2001-01-01T00:00:00Z");
      expect(user).not.toHaveProperty("lastLoginDate");
      expect(user).not.toHaveProperty("colour");
    });

    it("accepts passwords of 6 and 64 letters and digits", async () => {
      const org = await newOrganization();
      await created(org, userBody({ password: "abcde1" }));
      await created(org, userBody({ password: "Aa1".repeat(21) + "b" }));
      await created(org, userBody({ password: "123456x" }));
    });
  });

  describe("validation", () => {
    it("reports each missing required field: missing, null or empty", async () => {
      const org = await newOrganization();
      for (const field of ["firstName", "lastName", "email"]) {
        for (const value of [undefined, null, ""]) {
          const body = userBody({ [field]: value });
          if (value === undefined) delete body[field];
          await expectError(await postUser(org, body), 400, "validation_failed", fieldErrors({ [field]: `${field} is required` }));
        }
      }
    });

    it("reports all missing fields together", async () => {
      const org = await newOrganization();
      await expectError(await postUser(org, {}), 400, "validation_failed", fieldErrors({ firstName: "firstName is required", lastName: "lastName is required", email: "email is required" }));
    });

    it("rejects an invalid email address", async () => {
      const org = await newOrganization();
      for (const email of ["not-an-email", "ada@", "@example.com", "ada@example", "ada lovelace@example.com", "ada@@example.com", " ada@example.com"]) {
        await expectError(await postUser(org, userBody({ email })), 400, "validation_failed", fieldErrors({ email: "Invalid email address" }));
      }
    });

    it("rejects a password that breaks the rule, with the contract's message", async () => {
      const org = await newOrganization();
      for (const password of ["abc12", "abcdef", "123456", "abc 123", "abc-123", "pässw0rd", "a1".repeat(32) + "x", "", 123456]) {
        await expectError(await postUser(org, userBody({ password })), 400, "validation_failed", fieldErrors({ password: PASSWORD_RULE }));
      }
    });

    it("reports all failing fields together", async () => {
      const org = await newOrganization();
      await expectError(
        await postUser(org, { lastName: "Lovelace", email: "nope", password: "short" }),
        400,
        "validation_failed",
        fieldErrors({ firstName: "firstName is required", email: "Invalid email address", password: PASSWORD_RULE }),
      );
      expect(await ids(org)).toEqual([]);
    });

    it("reports a field in use together with the other failing fields", async () => {
      const org = await newOrganization();
      await created(org, userBody({ email: "ada@example.com" }));
      await expectError(
        await postUser(org, { lastName: "Lovelace", email: "ada@example.com" }),
        400,
        "validation_failed",
        // API.md §4: the username was not sent (it defaults to the email): only the email's error.
        fieldErrors({ firstName: "firstName is required", email: EMAIL_TAKEN }),
      );
    });

    it("answers the type and format rules of the other fields (the contract is silent on these messages)", async () => {
      const org = await newOrganization();
      const cases: [Json, Record<string, string>][] = [
        [{ firstName: 42 }, { firstName: "firstName must be a string" }],
        [{ email: 42 }, { email: "email must be a string" }],
        [{ username: "" }, { username: "username is required" }],
        [{ firstName: "x".repeat(256) }, { firstName: "firstName must be at most 255 characters" }],
        [{ locale: "EN" }, { locale: "locale must be an ISO 639-1 language code" }],
        [{ locale: "eng" }, { locale: "locale must be an ISO 639-1 language code" }],
        [{ tags: "a,b" }, { tags: "tags must be an array of strings" }],
        [{ tags: [1] }, { tags: "tags must be an array of strings" }],
      ];
      for (const [fields, errors] of cases) {
        await expectError(await postUser(org, userBody(fields)), 400, "validation_failed", fieldErrors(errors));
      }
      expect(await ids(org)).toEqual([]);
    });

    it("applies the body rules of section 1", async () => {
      const org = await newOrganization();
      await expectError(
        await call("POST", `${PREFIX}/users`, { token: org.token, body: JSON.stringify(userBody()), headers: { "Content-Type": "text/plain" } }),
        415,
        "unsupported_media_type",
        { errors: ["Content-Type must be application/json"] },
      );
      await expectError(
        await call("POST", `${PREFIX}/users`, { token: org.token, body: "{", headers: { "Content-Type": "application/json" } }),
        400,
        "invalid_json",
        { errors: ["Request body is not valid JSON"] },
      );
      await expectError(await postUser(org, [userBody()]), 400, "invalid_body", { errors: ["Request body must be a JSON object"] });
      await expectError(await postUser(org, null), 400, "invalid_body", { errors: ["Request body must be a JSON object"] });
    });
  });

  describe("uniqueness", () => {
    it("refuses an email already used by a live user, case-insensitively, and creates nothing", async () => {
      const org = await newOrganization();
      const first = await created(org, userBody({ email: "ada@example.com", username: "ada" }));
      await expectError(
        await postUser(org, userBody({ email: "ADA@Example.COM", username: "other" })),
        400,
        "validation_failed",
        fieldErrors({ email: EMAIL_TAKEN }),
      );
      expect(await ids(org)).toEqual([first]);
    });

    it("refuses a username already used by a live user, case-insensitively", async () => {
      const org = await newOrganization();
      await created(org, userBody({ username: "Countess" }));
      await expectError(await postUser(org, userBody({ username: "cOUNTESS" })), 400, "validation_failed", fieldErrors({ username: USERNAME_TAKEN }));
    });

    it("a username that was not sent is not reported next to the email: only the email's error", async () => {
      const org = await newOrganization();
      await created(org, userBody({ email: "ada@example.com" }));
      // The username defaults to the email, so both collide; the caller never sent a username (API.md §4).
      await expectError(await postUser(org, userBody({ email: "Ada@example.com" })), 400, "validation_failed", fieldErrors({ email: EMAIL_TAKEN }));
    });

    it("reports email and username together when both are sent and in use", async () => {
      const org = await newOrganization();
      await created(org, userBody({ email: "ada@example.com", username: "countess" }));
      await expectError(
        await postUser(org, userBody({ email: "Ada@example.com", username: "Countess" })),
        400,
        "validation_failed",
        fieldErrors({ email: EMAIL_TAKEN, username: USERNAME_TAKEN }),
      );
    });

    it("a defaulted username collides with another user's username equal to the email", async () => {
      const org = await newOrganization();
      await created(org, userBody({ email: "first@example.com", username: "ada@example.com" }));
      await expectError(await postUser(org, userBody({ email: "ADA@example.com" })), 400, "validation_failed", fieldErrors({ username: USERNAME_TAKEN }));
      // An email equal to another user's username is otherwise free.
      await created(org, userBody({ email: "ada@example.com", username: "ada" }));
    });

    it("a deleted user's email and username can be used again", async () => {
      const org = await newOrganization();
      const gone = await created(org, userBody({ email: "ada@example.com", username: "countess" }));
      expect((await deleteUser(org, gone)).status).toBe(204);
      const again = await created(org, userBody({ email: "ADA@example.com", username: "Countess" }));
      expect(again).not.toBe(gone);
      expect(await read(org, again)).toMatchObject({ email: "ADA@example.com", username: "Countess" });
    });

    it("another organization's email and username can be used", async () => {
      const org = await newOrganization();
      const other = await newOrganization();
      await created(other, userBody({ email: "ada@example.com", username: "countess" }));
      const mine = await created(org, userBody({ email: "ada@example.com", username: "countess" }));
      expect(await ids(org)).toEqual([mine]);
    });
  });
});

/* ------------------------------------------------------------------------------------------ */

describe("PUT /users/<id>", () => {
  async function withUser() {
    const org = await newOrganization();
    const id = await created(org, { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com", username: "countess", locale: "en", tags: ["math", "poetry"], password: "engine1843" });
    return { org, id, before: await read(org, id) };
  }

  it("answers 204 with an empty body and changes only the given fields", async () => {
    const { org, id, before } = await withUser();
    const response = await putUser(org, id, { firstName: "Augusta" });
    expect(await parts(response)).toEqual({ status: 204, contentType: null, errorCode: null, body: null });
    expect(await read(org, id)).toEqual({ ...before, firstName: "Augusta" });
  });

  it("updates every field; tags replace the whole list and are split on spaces and commas", async () => {
    const { org, id, before } = await withUser();
    const response = await putUser(org, id, { firstName: "Grace", lastName: "Hopper", email: "grace@navy.example", username: "amazing", locale: "es", tags: ["navy, cobol", "compilers"], password: "cobol1959" });
    expect(response.status).toBe(204);
    expect(await read(org, id)).toEqual({ ...before, firstName: "Grace", lastName: "Hopper", email: "grace@navy.example", username: "amazing", locale: "es", tags: ["navy", "cobol", "compilers"] });
  });

  it("clears tags with [] or \"\"; null is absent and keeps them (API.md §10)", async () => {
    const { org, id } = await withUser();
    expect((await putUser(org, id, { tags: [] })).status).toBe(204);
    expect((await read(org, id)).tags).toBeUndefined();
    expect((await putUser(org, id, { tags: ["x"] })).status).toBe(204);
    expect((await putUser(org, id, { tags: null })).status).toBe(204);
    expect((await read(org, id)).tags).toEqual(["x"]);
    expect((await putUser(org, id, { tags: "" })).status).toBe(204);
    expect((await read(org, id)).tags).toBeUndefined();
  });

  it("changing the email leaves the username as it was", async () => {
    const org = await newOrganization();
    const id = await created(org, userBody({ email: "ada@example.com" }));
    expect((await putUser(org, id, { email: "augusta@example.com" })).status).toBe(204);
    expect(await read(org, id)).toMatchObject({ email: "augusta@example.com", username: "ada@example.com" });
  });

  it("an empty body or only unknown/read-only properties changes nothing", async () => {
    const { org, id, before } = await withUser();
    expect((await putUser(org, id, {})).status).toBe(204);
    expect((await putUser(org, id, { id: newId(), createdDate: "2001-01-01T00:00:00Z", colour: "blue" })).status).toBe(204);
    expect(await read(org, id)).toEqual(before);
  });

  it("a user may keep or re-case their own email and username", async () => {
    const { org, id, before } = await withUser();
    expect((await putUser(org, id, { email: "ada@example.com", username: "countess" })).status).toBe(204);
    expect((await putUser(org, id, { email: "ADA@EXAMPLE.COM", username: "Countess" })).status).toBe(204);
    expect(await read(org, id)).toEqual({ ...before, email: "ADA@EXAMPLE.COM", username: "Countess" });
  });

  it("refuses an email or username of another live user, case-insensitively, and changes nothing", async () => {
    const { org, id, before } = await withUser();
    await created(org, userBody({ email: "grace@navy.example", username: "amazing" }));
    await expectError(await putUser(org, id, { email: "GRACE@navy.example", firstName: "X" }), 400, "validation_failed", fieldErrors({ email: EMAIL_TAKEN }));
    await expectError(await putUser(org, id, { username: "AMAZING", firstName: "X" }), 400, "validation_failed", fieldErrors({ username: USERNAME_TAKEN }));
    await expectError(await putUser(org, id, { email: "grace@navy.example", username: "amazing" }), 400, "validation_failed", fieldErrors({ email: EMAIL_TAKEN, username: USERNAME_TAKEN }));
    expect(await read(org, id)).toEqual(before);
  });

  it("allows the email and username of a deleted user or of another organization", async () => {
    const { org, id } = await withUser();
    const gone = await created(org, userBody({ email: "grace@navy.example", username: "amazing" }));
    expect((await deleteUser(org, gone)).status).toBe(204);
    expect((await putUser(org, id, { email: "grace@navy.example", username: "amazing" })).status).toBe(204);
    const other = await newOrganization();
    await created(other, userBody({ email: "alan@bletchley.example", username: "enigma" }));
    expect((await putUser(org, id, { email: "alan@bletchley.example", username: "enigma" })).status).toBe(204);
    expect(await read(org, id)).toMatchObject({ email: "alan@bletchley.example", username: "enigma" });
  });

  it("validates the given fields with the messages of POST, all together, and changes nothing", async () => {
    const { org, id, before } = await withUser();
    await expectError(await putUser(org, id, { firstName: "" }), 400, "validation_failed", fieldErrors({ firstName: "firstName is required" }));
    await expectError(await putUser(org, id, { lastName: "" }), 400, "validation_failed", fieldErrors({ lastName: "lastName is required" }));
    await expectError(await putUser(org, id, { email: "" }), 400, "validation_failed", fieldErrors({ email: "email is required" }));
    await expectError(await putUser(org, id, { email: "nope" }), 400, "validation_failed", fieldErrors({ email: "Invalid email address" }));
    await expectError(await putUser(org, id, { password: "abcdef" }), 400, "validation_failed", fieldErrors({ password: PASSWORD_RULE }));
    await expectError(
      await putUser(org, id, { firstName: "Augusta", lastName: "", email: "nope", password: "123456", tags: ["kept?"] }),
      400,
      "validation_failed",
      fieldErrors({ lastName: "lastName is required", email: "Invalid email address", password: PASSWORD_RULE }),
    );
    expect(await read(org, id)).toEqual(before);
  });

  it("reports a field in use together with the other failing fields", async () => {
    const { org, id } = await withUser();
    await created(org, userBody({ email: "grace@navy.example" }));
    await expectError(
      await putUser(org, id, { email: "grace@navy.example", password: "short" }),
      400,
      "validation_failed",
      fieldErrors({ email: EMAIL_TAKEN, password: PASSWORD_RULE }),
    );
  });

  it("returns 404 for an unknown, malformed, deleted or other organization's user", async () => {
    const { org, id } = await withUser();
    await expectError(await putUser(org, newId(), { firstName: "X" }), 404, "not_found", NOT_FOUND);
    await expectError(await putUser(org, "nope", { firstName: "X" }), 404, "not_found", NOT_FOUND);
    const other = await newOrganization();
    const theirs = await created(other, userBody({ firstName: "Theirs" }));
    await expectError(await putUser(org, theirs, { firstName: "X" }), 404, "not_found", NOT_FOUND);
    expect((await read(other, theirs)).firstName).toBe("Theirs");
    expect((await deleteUser(org, id)).status).toBe(204);
    await expectError(await putUser(org, id, { firstName: "X" }), 404, "not_found", NOT_FOUND);
  });

  it("validates the body before looking the user up", async () => {
    const org = await newOrganization();
    await expectError(await putUser(org, newId(), { email: "nope" }), 400, "validation_failed", fieldErrors({ email: "Invalid email address" }));
  });

  it("applies the body rules of section 1", async () => {
    const { org, id } = await withUser();
    await expectError(
      await call("PUT", `${PREFIX}/users/${id}`, { token: org.token, body: "{}" }),
      415,
      "unsupported_media_type",
      { errors: ["Content-Type must be application/json"] },
    );
    await expectError(await putUser(org, id, "Ada"), 400, "invalid_body", { errors: ["Request body must be a JSON object"] });
  });
});

/* ------------------------------------------------------------------------------------------ */

describe("DELETE /users/<id>", () => {
  it("answers 204 with an empty body; the user is then 404 everywhere and absent from the list", async () => {
    const org = await newOrganization();
    const kept = await created(org);
    const id = await created(org, userBody({ email: "ada@example.com" }));
    expect(await parts(await deleteUser(org, id))).toEqual({ status: 204, contentType: null, errorCode: null, body: null });
    await expectGone(org, id);
    expect(await ids(org)).toEqual([kept]);
    expect(await ids(org, "?email=ada")).toEqual([]);
    await expectError(await putUser(org, id, { firstName: "X" }), 404, "not_found", NOT_FOUND);
    await expectError(await deleteUser(org, id), 404, "not_found", NOT_FOUND);
  });

  it("ejects active registrations with an endDate; passed, failed and ejected ones stay as they were and readable", async () => {
    const org = await newOrganization();
    const userId = await created(org);
    const bystander = await created(org);
    const offerings = [await newOffering(org), await newOffering(org), await newOffering(org), await newOffering(org)];
    const [active, passed, failed, ejected] = [
      await register(org, userId, offerings[0]!),
      await register(org, userId, offerings[1]!),
      await register(org, userId, offerings[2]!),
      await register(org, userId, offerings[3]!),
    ];
    const othersActive = await register(org, bystander, offerings[0]!);
    await updateRegistration(org, passed, { grade: 90, graderComment: "Fine" });
    await updateRegistration(org, failed, { grade: 10 });
    await updateRegistration(org, ejected, { status: "ejected" });
    const before = {
      active: await registrationOf(org, active),
      passed: await registrationOf(org, passed),
      failed: await registrationOf(org, failed),
      ejected: await registrationOf(org, ejected),
      othersActive: await registrationOf(org, othersActive),
    };
    expect(before.active).not.toHaveProperty("endDate");

    const start = Math.floor(Date.now() / 1000) * 1000;
    expect((await deleteUser(org, userId)).status).toBe(204);
    const end = Date.now();

    const after = await registrationOf(org, active);
    expect(after).toEqual({ ...before.active, status: "ejected", endDate: expect.stringMatching(ISO_SECOND) });
    const endDate = Date.parse(String(after.endDate));
    expect(endDate).toBeGreaterThanOrEqual(start);
    expect(endDate).toBeLessThanOrEqual(end);
    expect(await registrationOf(org, passed)).toEqual(before.passed);
    expect(await registrationOf(org, failed)).toEqual(before.failed);
    expect(await registrationOf(org, ejected)).toEqual(before.ejected);
    expect(await registrationOf(org, othersActive)).toEqual(before.othersActive);

    const listed = await call("GET", `${PREFIX}/registrations?userId=${userId}`, { token: org.token });
    const { results } = (await listed.json()) as PageBody;
    expect(results.map((r) => r.id)).toEqual([active, passed, failed, ejected]);
  });

  it("a deleted user can no longer be registered", async () => {
    const org = await newOrganization();
    const userId = await created(org);
    const offeringId = await newOffering(org);
    expect((await deleteUser(org, userId)).status).toBe(204);
    await expectError(
      await call("POST", `${PREFIX}/registrations`, { token: org.token, json: { userId, offeringId } }),
      400,
      "unknown_user",
      { errors: ["No user exists with the given userId"] },
    );
  });

  it("returns 404 for an unknown or malformed id", async () => {
    const org = await newOrganization();
    await expectError(await deleteUser(org, newId()), 404, "not_found", NOT_FOUND);
    await expectError(await deleteUser(org, "123"), 404, "not_found", NOT_FOUND);
  });

  it("returns 404 for another organization's user, which stays, with its registrations untouched", async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    const theirs = await created(other);
    const registration = await register(other, theirs, await newOffering(other));
    await expectError(await deleteUser(org, theirs), 404, "not_found", NOT_FOUND);
    expect((await read(other, theirs)).id).toBe(theirs);
    expect((await registrationOf(other, registration)).status).toBe("active");
  });
});
