/**
 * Contract tests of the offerings API (API.md §1, §2, §3 step 4, §5, §6): GET /offerings,
 * GET /offerings/<id>, POST /offerings, PUT /offerings/<id>, DELETE /offerings/<id>. Categories
 * come from POST /offeringcategories; rows with chosen creation times come from the fixtures.
 */
import { describe, expect, it } from "vitest";
import { newId } from "../src/db/ids";
import { insertOffering, newOrganization, type TestOrganization } from "./support/fixtures";
import { call, parts } from "./support/http";
import { workersOnly } from "./support/runtime";
import { PREFIX, ID, ISO_SECOND, NOT_FOUND, expectError, type Json, type PageBody } from "./support/contract";

const UNAVAILABLE = { errors: ["This offering is not available for registration for the given user"] };
const REGISTRATION_ORDER = "registrationEndDate must not be before registrationBeginDate";
const DATE_ORDER = "endDate must not be before beginDate";
const PASSING_GRADE = "passingGrade must be a number between 0 and 100";
const SEAT_LIMIT = "seatLimit must be a positive integer";
const UNKNOWN_CATEGORY = "offeringCategoryIds must name offering categories of the organization";
const DATE_FIELDS = ["beginDate", "endDate", "registrationBeginDate", "registrationEndDate"] as const;
const PAST = "2000-01-01T00:00:00Z";
const FUTURE = "2099-01-01T00:00:00Z";

const at = (iso: string): number => Date.parse(iso);
const lastSegment = (response: Response): string => response.headers.get("Location")?.split("/").pop() ?? "";

async function expectInvalid(response: Response, fieldErrors: Record<string, string>): Promise<void> {
  await expectError(response, 400, "validation_failed", { fieldErrors });
}

function postOffering(org: TestOrganization, json: unknown, prefix = PREFIX): Promise<Response> {
  return call("POST", `${prefix}/offerings`, { token: org.token, json });
}

function putOffering(org: TestOrganization, id: string, json: unknown): Promise<Response> {
  return call("PUT", `${PREFIX}/offerings/${id}`, { token: org.token, json });
}

function deleteOffering(org: TestOrganization, id: string): Promise<Response> {
  return call("DELETE", `${PREFIX}/offerings/${id}`, { token: org.token });
}

/** A 201 POST /offerings; returns the new id. */
async function created(org: TestOrganization, json: Json = { title: "Course" }): Promise<string> {
  const response = await postOffering(org, json);
  const { status, body } = await parts(response);
  expect({ status, body }).toEqual({ status: 201, body: null });
  const id = lastSegment(response);
  expect(id).toMatch(ID);
  return id;
}

async function read(org: TestOrganization, id: string): Promise<Json> {
  const { status, contentType, errorCode, body } = await parts(await call("GET", `${PREFIX}/offerings/${id}`, { token: org.token }));
  expect({ status, contentType, errorCode }).toEqual({ status: 200, contentType: "application/json", errorCode: null });
  return body as Json;
}

async function expectGone(org: TestOrganization, id: string): Promise<void> {
  await expectError(await call("GET", `${PREFIX}/offerings/${id}`, { token: org.token }), 404, "not_found", NOT_FOUND);
}

async function page(org: TestOrganization, query = "", prefix = PREFIX): Promise<PageBody> {
  const { status, contentType, errorCode, body } = await parts(await call("GET", `${prefix}/offerings${query}`, { token: org.token }));
  expect({ status, contentType, errorCode }).toEqual({ status: 200, contentType: "application/json", errorCode: null });
  return body as PageBody;
}

async function ids(org: TestOrganization, query = ""): Promise<string[]> {
  return (await page(org, query)).results.map((offering) => String(offering.id));
}

async function newCategory(org: TestOrganization, name = "Category"): Promise<string> {
  const response = await call("POST", `${PREFIX}/offeringcategories`, { token: org.token, json: { name } });
  expect(response.status).toBe(201);
  return lastSegment(response);
}

async function newUser(org: TestOrganization): Promise<string> {
  const response = await call("POST", `${PREFIX}/users`, {
    token: org.token,
    json: { firstName: "Ada", lastName: "Lovelace", email: `${newId()}@example.test` },
  });
  expect(response.status).toBe(201);
  return lastSegment(response);
}

function postRegistration(org: TestOrganization, userId: string, offeringId: string): Promise<Response> {
  return call("POST", `${PREFIX}/registrations`, { token: org.token, json: { userId, offeringId } });
}

async function register(org: TestOrganization, userId: string, offeringId: string): Promise<string> {
  const response = await postRegistration(org, userId, offeringId);
  expect(response.status).toBe(201);
  return lastSegment(response);
}

async function updateRegistration(org: TestOrganization, id: string, json: Json): Promise<void> {
  expect((await call("PUT", `${PREFIX}/registrations/${id}`, { token: org.token, json })).status).toBe(204);
}

/* ------------------------------------------------------------------------------------------ */

describe("POST /offerings", () => {
  describe("success", () => {
    it("answers 201 with Location, Content-Type application/json, Content-Length 0 and an empty body", async () => {
      const org = await newOrganization();
      const response = await postOffering(org, { title: "Chalk 101" });
      expect(response.status).toBe(201);
      expect(response.headers.get("Location")).toMatch(/^\/dc\/api\/v5\/offerings\/[0-9a-f]{32}$/);
      expect(response.headers.get("Content-Type")).toBe("application/json");
      expect(response.headers.get("Content-Length")).toBe("0");
      expect(response.headers.get("X-Error-Code")).toBeNull();
      expect(await response.text()).toBe("");
    });

    it("uses the /api/v5 prefix in Location when the request came in on it", async () => {
      const org = await newOrganization();
      const response = await postOffering(org, { title: "Chalk 101" }, "/api/v5");
      expect(response.headers.get("Location")).toMatch(/^\/api\/v5\/offerings\/[0-9a-f]{32}$/);
    });

    it("defaults allowRetake to false, passingGrade to 70, no seatLimit, no categories or tags, orderIndex 0", async () => {
      const org = await newOrganization();
      const before = Math.floor(Date.now() / 1000) * 1000;
      const id = await created(org, { title: "Chalk 101" });
      const after = Date.now();
      const offering = await read(org, id);
      expect(offering).toEqual({
        id,
        title: "Chalk 101",
        createdDate: expect.stringMatching(ISO_SECOND),
        orderIndex: 0,
        allowRetake: false,
        passingGrade: 70,
      });
      expect(Date.parse(String(offering.createdDate))).toBeGreaterThanOrEqual(before);
      expect(Date.parse(String(offering.createdDate))).toBeLessThanOrEqual(after);
    });

    it("keeps every field; dates are normalised to UTC without fractions; tags are split", async () => {
      const org = await newOrganization();
      const [c1, c2] = [await newCategory(org, "One"), await newCategory(org, "Two")];
      const id = await created(org, {
        title: "Workplace Safety 101",
        catalogDescription: "Catalog",
        dashboardDescription: "Dashboard",
        deliveryDescription: "Delivery",
        price: 49.5,
        tags: ["safety onboarding", "hr,legal", "safety"],
        orderIndex: 7,
        beginDate: "2026-02-01",
        endDate: "2026-06-30T17:00:00-05:00",
        registrationBeginDate: "2026-01-01T00:00:00.999Z",
        registrationEndDate: "2026-01-31T23:59:59+00:00",
        allowRetake: true,
        passingGrade: 82.5,
        seatLimit: 25,
        offeringCategoryIds: [c2, c1],
      });
      expect(await read(org, id)).toEqual({
        id,
        title: "Workplace Safety 101",
        createdDate: expect.stringMatching(ISO_SECOND),
        beginDate: "2026-02-01T00:00:00Z",
        endDate: "2026-06-30T22:00:00Z",
        registrationBeginDate: "2026-01-01T00:00:00Z",
        registrationEndDate: "2026-01-31T23:59:59Z",
        catalogDescription: "Catalog",
        dashboardDescription: "Dashboard",
        deliveryDescription: "Delivery",
        price: 49.5,
        offeringCategoryIds: [c2, c1],
        tags: ["safety", "onboarding", "hr", "legal"],
        orderIndex: 7,
        allowRetake: true,
        passingGrade: 82.5,
        seatLimit: 25,
      });
    });

    it("keeps zero values and treats null as not given", async () => {
      const org = await newOrganization();
      const id = await created(org, { title: "Free", price: 0, passingGrade: 0, orderIndex: 0, seatLimit: null, beginDate: null, tags: null, offeringCategoryIds: null, catalogDescription: null });
      expect(await read(org, id)).toEqual({
        id,
        title: "Free",
        createdDate: expect.stringMatching(ISO_SECOND),
        price: 0,
        orderIndex: 0,
        allowRetake: false,
        passingGrade: 0,
      });
    });

    it("accepts the boundaries: equal begin and end dates, passingGrade 0 and 100, seatLimit 1", async () => {
      const org = await newOrganization();
      const id = await created(org, { title: "Edges", beginDate: "2026-01-01", endDate: "2026-01-01T00:00:00Z", registrationBeginDate: "2026-01-01", registrationEndDate: "2026-01-01", passingGrade: 100, seatLimit: 1 });
      expect(await read(org, id)).toMatchObject({ beginDate: "2026-01-01T00:00:00Z", endDate: "2026-01-01T00:00:00Z", passingGrade: 100, seatLimit: 1 });
    });

    it("places a new offering after the last one unless orderIndex is given", async () => {
      const org = await newOrganization();
      const first = await created(org, { title: "A" });
      const second = await created(org, { title: "B" });
      const explicit = await created(org, { title: "C", orderIndex: 10 });
      const after = await created(org, { title: "D" });
      const negative = await created(org, { title: "E", orderIndex: -5 });
      expect((await read(org, first)).orderIndex).toBe(0);
      expect((await read(org, second)).orderIndex).toBe(1);
      expect((await read(org, explicit)).orderIndex).toBe(10);
      expect((await read(org, after)).orderIndex).toBe(11);
      expect((await read(org, negative)).orderIndex).toBe(-5);
      expect((await read(org, await created(org, { title: "F" }))).orderIndex).toBe(12);
    });

    it("counts only the organization's live offerings for the default orderIndex", async () => {
      const org = await newOrganization();
      const other = await newOrganization();
      await created(other, { title: "Theirs", orderIndex: 50 });
      await created(org, { title: "A", orderIndex: 3 });
      const last = await created(org, { title: "B", orderIndex: 9 });
      expect((await deleteOffering(org, last)).status).toBe(204);
      expect((await read(org, await created(org, { title: "C" }))).orderIndex).toBe(4);
    });

    it("ignores unknown and read-only properties", async () => {
      const org = await newOrganization();
      const forced = newId();
      const id = await created(org, { title: "T", id: forced, createdDate: "2001-01-01T00:00:00Z", colour: "blue" });
      expect(id).not.toBe(forced);
      const offering = await read(org, id);
      expect(offering.createdDate).not.toBe("2001-01-01T00:00:00Z");
      expect(offering).not.toHaveProperty("colour");
    });
  });

  describe("validation", () => {
    it("requires a title: missing, null or empty", async () => {
      const org = await newOrganization();
      for (const body of [{}, { title: null }, { title: "" }, { catalogDescription: "x" }]) {
        await expectInvalid(await postOffering(org, body), { title: "title is required" });
      }
      await expectInvalid(await postOffering(org, { title: 5 }), { title: "title must be a string" });
      expect(await ids(org)).toEqual([]);
    });

    it("answers <field> must be a date for an invalid date of each date field", async () => {
      const org = await newOrganization();
      for (const field of DATE_FIELDS) {
        for (const value of ["tomorrow", "2026-02-30", "2026-01-31T10:00:00", "2026-13-01T00:00:00Z", "31/01/2026", 20260131, true]) {
          await expectInvalid(await postOffering(org, { title: "T", [field]: value }), { [field]: `${field} must be a date` });
        }
      }
      expect(await ids(org)).toEqual([]);
    });

    it("refuses a registrationEndDate before registrationBeginDate", async () => {
      const org = await newOrganization();
      await expectInvalid(
        await postOffering(org, { title: "T", registrationBeginDate: "2026-02-01", registrationEndDate: "2026-01-31T23:59:59Z" }),
        { registrationEndDate: REGISTRATION_ORDER },
      );
      expect(await ids(org)).toEqual([]);
    });

    it("refuses an endDate before beginDate", async () => {
      const org = await newOrganization();
      await expectInvalid(await postOffering(org, { title: "T", beginDate: "2026-02-01T00:00:01Z", endDate: "2026-02-01" }), { endDate: DATE_ORDER });
      expect(await ids(org)).toEqual([]);
    });

    it("reports both order errors together, and with an unknown category", async () => {
      const org = await newOrganization();
      await expectInvalid(
        await postOffering(org, { title: "T", beginDate: "2026-03-01", endDate: "2026-02-01", registrationBeginDate: "2026-03-01", registrationEndDate: "2026-02-01", offeringCategoryIds: [newId()] }),
        { endDate: DATE_ORDER, registrationEndDate: REGISTRATION_ORDER, offeringCategoryIds: UNKNOWN_CATEGORY },
      );
      expect(await ids(org)).toEqual([]);
    });

    it("compares dates as instants, whatever their zone", async () => {
      const org = await newOrganization();
      // 09:00+02:00 is 07:00Z, before 08:00Z.
      await expectInvalid(await postOffering(org, { title: "T", beginDate: "2026-01-01T08:00:00Z", endDate: "2026-01-01T09:00:00+02:00" }), { endDate: DATE_ORDER });
      await created(org, { title: "T", beginDate: "2026-01-01T08:00:00+02:00", endDate: "2026-01-01T07:00:00Z" });
    });

    it("refuses a passingGrade outside 0-100 or not a number", async () => {
      const org = await newOrganization();
      for (const passingGrade of [-1, -0.01, 100.01, 101, "70", "", true]) {
        await expectInvalid(await postOffering(org, { title: "T", passingGrade }), { passingGrade: PASSING_GRADE });
      }
    });

    it("refuses a seatLimit that is not a positive integer", async () => {
      const org = await newOrganization();
      for (const seatLimit of [0, -1, 2.5, "10", true]) {
        await expectInvalid(await postOffering(org, { title: "T", seatLimit }), { seatLimit: SEAT_LIMIT });
      }
    });

    it("reports all failing fields together", async () => {
      const org = await newOrganization();
      await expectInvalid(await postOffering(org, { beginDate: "soon", passingGrade: 101, seatLimit: 0 }), {
        title: "title is required",
        beginDate: "beginDate must be a date",
        passingGrade: PASSING_GRADE,
        seatLimit: SEAT_LIMIT,
      });
    });

    it("answers the type rules of the other fields (the contract is silent on these messages)", async () => {
      const org = await newOrganization();
      const cases: [Json, Record<string, string>][] = [
        [{ allowRetake: "yes" }, { allowRetake: "allowRetake must be true or false" }],
        [{ orderIndex: 1.5 }, { orderIndex: "orderIndex must be an integer" }],
        [{ price: -1 }, { price: "price must be a non-negative number" }],
        [{ tags: "a" }, { tags: "tags must be an array of strings" }],
        [{ catalogDescription: 1 }, { catalogDescription: "catalogDescription must be a string" }],
        [{ offeringCategoryIds: "x" }, { offeringCategoryIds: "offeringCategoryIds must be an array of ids" }],
        [{ title: "x".repeat(256) }, { title: "title must be at most 255 characters" }],
      ];
      for (const [fields, errors] of cases) await expectInvalid(await postOffering(org, { title: "T", ...fields }), errors);
      expect(await ids(org)).toEqual([]);
    });

    it("applies the body rules of section 1", async () => {
      const org = await newOrganization();
      await expectError(
        await call("POST", `${PREFIX}/offerings`, { token: org.token, body: '{"title":"T"}' }),
        415,
        "unsupported_media_type",
        { errors: ["Content-Type must be application/json"] },
      );
      await expectError(await postOffering(org, ["T"]), 400, "invalid_body", { errors: ["Request body must be a JSON object"] });
    });
  });

  describe("offeringCategoryIds", () => {
    it("links categories in the order given, dropping repeats", async () => {
      const org = await newOrganization();
      const [a, b, c] = [await newCategory(org, "A"), await newCategory(org, "B"), await newCategory(org, "C")];
      const id = await created(org, { title: "T", offeringCategoryIds: [c, a, c, b] });
      expect((await read(org, id)).offeringCategoryIds).toEqual([c, a, b]);
    });

    it("refuses an unknown, malformed, deleted or another organization's category, creating nothing", async () => {
      const org = await newOrganization();
      const other = await newOrganization();
      const mine = await newCategory(org);
      const theirs = await newCategory(other);
      const deleted = await newCategory(org);
      expect((await call("DELETE", `${PREFIX}/offeringcategories/${deleted}`, { token: org.token })).status).toBe(204);
      for (const bad of [newId(), "nope", theirs, deleted]) {
        await expectInvalid(await postOffering(org, { title: "T", offeringCategoryIds: [mine, bad] }), { offeringCategoryIds: UNKNOWN_CATEGORY });
      }
      expect(await ids(org)).toEqual([]);
    });

    it("a category deleted later disappears from offeringCategoryIds", async () => {
      const org = await newOrganization();
      const [a, b] = [await newCategory(org, "A"), await newCategory(org, "B")];
      const id = await created(org, { title: "T", offeringCategoryIds: [a, b] });
      expect((await call("DELETE", `${PREFIX}/offeringcategories/${a}`, { token: org.token })).status).toBe(204);
      expect((await read(org, id)).offeringCategoryIds).toEqual([b]);
    });
  });
});

/* ------------------------------------------------------------------------------------------ */

describe("GET /offerings/<id>", () => {
  it("serves the same object under both prefixes", async () => {
    const org = await newOrganization();
    const id = await created(org, { title: "Chalk 101", seatLimit: 3 });
    const dc = await parts(await call("GET", `/dc/api/v5/offerings/${id}`, { token: org.token }));
    const api = await parts(await call("GET", `/api/v5/offerings/${id}`, { token: org.token }));
    expect(dc).toEqual({ status: 200, contentType: "application/json", errorCode: null, body: expect.objectContaining({ id, title: "Chalk 101", seatLimit: 3 }) });
    expect(api).toEqual(dc);
  });

  it("returns 404 for an unknown, malformed, upper-case or deleted id", async () => {
    const org = await newOrganization();
    const id = await created(org);
    await expectGone(org, newId());
    await expectGone(org, "not-an-id");
    await expectGone(org, id.toUpperCase());
    expect((await deleteOffering(org, id)).status).toBe(204);
    await expectGone(org, id);
  });

  it("returns 404 for another organization's offering", async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    const theirs = await created(other, { title: "Theirs" });
    await expectGone(org, theirs);
    expect((await read(other, theirs)).title).toBe("Theirs");
  });
});

/* ------------------------------------------------------------------------------------------ */

describe("GET /offerings", () => {
  describe("results and order", () => {
    it("returns an empty list without links for an organization without offerings", async () => {
      const org = await newOrganization();
      expect(await page(org)).toEqual({ results: [] });
    });

    it("returns whole offering objects", async () => {
      const org = await newOrganization();
      const category = await newCategory(org);
      const id = await created(org, { title: "Chalk 101", tags: ["a"], offeringCategoryIds: [category], registrationEndDate: FUTURE });
      expect(await page(org)).toEqual({ results: [await read(org, id)] });
    });

    workersOnly("orders by orderIndex, then createdDate, then id", async () => {
      const org = await newOrganization();
      const t = at("2026-01-01T00:00:00Z");
      const o = {
        late5: await insertOffering(org.id, { orderIndex: 5, createdAt: t + 2000 }),
        idF: await insertOffering(org.id, { id: "f".repeat(32), orderIndex: 5, createdAt: t + 1000 }),
        id1: await insertOffering(org.id, { id: "1".repeat(32), orderIndex: 5, createdAt: t + 1000 }),
        first: await insertOffering(org.id, { orderIndex: -2, createdAt: t + 9000 }),
        one: await insertOffering(org.id, { orderIndex: 1, createdAt: t }),
        last: await insertOffering(org.id, { orderIndex: 40, createdAt: t - 9000 }),
      };
      expect(await ids(org)).toEqual([o.first, o.one, o.id1, o.idF, o.late5, o.last]);
    });

    it("orders offerings of equal orderIndex by createdDate", async () => {
      const org = await newOrganization();
      const older = await created(org, { title: "older", orderIndex: 3 });
      await new Promise((resolve) => setTimeout(resolve, 5));
      const newer = await created(org, { title: "newer", orderIndex: 3 });
      const first = await created(org, { title: "first", orderIndex: 2 });
      expect(await ids(org)).toEqual([first, older, newer]);
    });

    it("hides deleted offerings and never shows another organization's", async () => {
      const org = await newOrganization();
      const other = await newOrganization();
      const kept = await created(org, { title: "Kept" });
      const gone = await created(org, { title: "Gone" });
      await created(other, { title: "Kept too" });
      expect((await deleteOffering(org, gone)).status).toBe(204);
      expect(await ids(org)).toEqual([kept]);
      expect(await ids(org, "?title=kept")).toEqual([kept]);
    });

    it("ignores unknown query parameters", async () => {
      const org = await newOrganization();
      const id = await created(org);
      expect(await ids(org, "?colour=blue")).toEqual([id]);
    });
  });

  describe("paging", () => {
    it("returns 15 by default with next at offset 15, and walks pages keeping the filters", async () => {
      const org = await newOrganization();
      const made: string[] = [];
      for (let i = 0; i < 16; i++) made.push(await insertOffering(org.id, { title: `Course ${i}`, orderIndex: i }));
      const first = await page(org);
      expect(first.results.map((o) => o.id)).toEqual(made.slice(0, 15));
      expect(first.next).toBe("/dc/api/v5/offerings?offset=15");
      expect(first.previous).toBeUndefined();
      expect(await page(org, "?title=course&limit=5&offset=5")).toEqual({
        results: made.slice(5, 10).map((id) => expect.objectContaining({ id })),
        next: "/dc/api/v5/offerings?title=course&limit=5&offset=10",
        previous: "/dc/api/v5/offerings?title=course&limit=5&offset=0",
      });
      const api = await page(org, "?limit=15&offset=15", "/api/v5");
      expect(api).toEqual({ results: [expect.objectContaining({ id: made[15] })], previous: "/api/v5/offerings?limit=15&offset=0" });
    });

    it("rejects a bad limit or offset", async () => {
      const org = await newOrganization();
      await expectError(await call("GET", `${PREFIX}/offerings?limit=0`, { token: org.token }), 400, "validation_failed", { errors: ["limit must be an integer between 1 and 100"] });
      await expectError(await call("GET", `${PREFIX}/offerings?offset=-1`, { token: org.token }), 400, "validation_failed", { errors: ["offset must be a non-negative integer"] });
    });
  });

  describe("filters", () => {
    it("title matches a case-insensitive substring, % and _ literally", async () => {
      const org = await newOrganization();
      const safety = await created(org, { title: "Workplace Safety 101" });
      const fire = await created(org, { title: "Fire safety_2" });
      await created(org, { title: "Onboarding" });
      expect(await ids(org, "?title=SAFETY")).toEqual([safety, fire]);
      expect(await ids(org, "?title=place%20s")).toEqual([safety]);
      expect(await ids(org, "?title=_")).toEqual([fire]);
      expect(await ids(org, "?title=%25")).toEqual([]);
    });

    it("offeringCategoryId matches offerings in that live category", async () => {
      const org = await newOrganization();
      const [a, b] = [await newCategory(org, "A"), await newCategory(org, "B")];
      const inA = await created(org, { title: "1", offeringCategoryIds: [a] });
      const inBoth = await created(org, { title: "2", offeringCategoryIds: [b, a] });
      await created(org, { title: "3" });
      expect(await ids(org, `?offeringCategoryId=${a}`)).toEqual([inA, inBoth]);
      expect(await ids(org, `?offeringCategoryId=${b}`)).toEqual([inBoth]);
      expect(await ids(org, `?offeringCategoryId=${newId()}`)).toEqual([]);
      expect(await ids(org, "?offeringCategoryId=nope")).toEqual([]);
      expect((await call("DELETE", `${PREFIX}/offeringcategories/${a}`, { token: org.token })).status).toBe(204);
      expect(await ids(org, `?offeringCategoryId=${a}`)).toEqual([]);
    });

    it("tag: every tag given (separated by spaces or commas) must match", async () => {
      const org = await newOrganization();
      const both = await created(org, { title: "1", tags: ["safety", "onboarding", "hr"] });
      const safety = await created(org, { title: "2", tags: ["safety"] });
      await created(org, { title: "3", tags: ["onboarding"] });
      await created(org, { title: "4" });
      expect(await ids(org, "?tag=safety")).toEqual([both, safety]);
      expect(await ids(org, "?tag=safety%20onboarding")).toEqual([both]);
      expect(await ids(org, "?tag=onboarding,safety")).toEqual([both]);
      expect(await ids(org, "?tag=safety,%20onboarding")).toEqual([both]);
      expect(await ids(org, "?tag=safety+hr")).toEqual([both]);
      expect(await ids(org, "?tag=safety,missing")).toEqual([]);
      expect(await ids(org, "?tag=safe")).toEqual([]);
    });

    it("tag matching is exact and case-sensitive; an empty tag filter matches all", async () => {
      const org = await newOrganization();
      const safety = await created(org, { title: "1", tags: ["safety"] });
      const untagged = await created(org, { title: "2" });
      expect(await ids(org, "?tag=Safety")).toEqual([]);
      expect(await ids(org, "?tag=")).toEqual([safety, untagged]);
    });

    workersOnly("createdDate takes the date filter forms", async () => {
      const org = await newOrganization();
      const dec = await insertOffering(org.id, { orderIndex: 0, createdAt: at("2025-12-31T23:59:59Z") });
      const jan = await insertOffering(org.id, { orderIndex: 1, createdAt: at("2026-01-15T10:00:00Z") });
      const feb = await insertOffering(org.id, { orderIndex: 2, createdAt: at("2026-02-01T00:00:00Z") });
      expect(await ids(org, "?createdDate=2026")).toEqual([jan, feb]);
      expect(await ids(org, "?createdDate=2026-01")).toEqual([jan]);
      expect(await ids(org, "?createdDate=2026-01-15T10:00:00Z")).toEqual([jan]);
      expect(await ids(org, "?createdDate=,2026-01-15")).toEqual([dec, jan]);
      expect(await ids(org, "?createdDate=2026-01-16,")).toEqual([feb]);
      await expectError(await call("GET", `${PREFIX}/offerings?createdDate=later`, { token: org.token }), 400, "validation_failed", { errors: ["createdDate is not a valid date filter"] });
    });

    it("combines all filters with AND", async () => {
      const org = await newOrganization();
      const category = await newCategory(org);
      const match = await created(org, { title: "Safety A", tags: ["x", "y"], offeringCategoryIds: [category] });
      await created(org, { title: "Safety B", tags: ["x"], offeringCategoryIds: [category] });
      await created(org, { title: "Other", tags: ["x", "y"], offeringCategoryIds: [category] });
      await created(org, { title: "Safety C", tags: ["x", "y"] });
      const year = new Date().getUTCFullYear();
      expect(await ids(org, `?title=safety&tag=x,y&offeringCategoryId=${category}&createdDate=${year - 1},${year + 1}`)).toEqual([match]);
    });
  });

  describe("userId filter: only the offerings the user may register into now", () => {
    it("applies every rule of POST /registrations, which then agrees offering by offering", async () => {
      const org = await newOrganization();
      const userId = await newUser(org);
      const someoneElse = await newUser(org);
      const o = {
        open: await created(org, { title: "open" }),
        active: await created(org, { title: "active" }),
        passed: await created(org, { title: "passed" }),
        failed: await created(org, { title: "failed" }),
        passedRetake: await created(org, { title: "passed, retake allowed", allowRetake: true }),
        ejected: await created(org, { title: "ejected" }),
        notOpen: await created(org, { title: "not open", registrationBeginDate: FUTURE }),
        closed: await created(org, { title: "closed", registrationEndDate: PAST }),
        ended: await created(org, { title: "ended", endDate: PAST }),
        window: await created(org, { title: "window", registrationBeginDate: PAST, registrationEndDate: FUTURE, beginDate: PAST, endDate: FUTURE }),
        full: await created(org, { title: "full", seatLimit: 1 }),
        seatFreedByEjection: await created(org, { title: "seat freed", seatLimit: 1 }),
        seatFreedByGrade: await created(org, { title: "seat freed by grade", seatLimit: 1 }),
        seatLeft: await created(org, { title: "seat left", seatLimit: 2 }),
        othersActive: await created(org, { title: "someone else active" }),
        deleted: await created(org, { title: "deleted" }),
      };
      await register(org, userId, o.active);
      await updateRegistration(org, await register(org, userId, o.passed), { grade: 90 });
      await updateRegistration(org, await register(org, userId, o.failed), { grade: 10 });
      await updateRegistration(org, await register(org, userId, o.passedRetake), { grade: 95 });
      await updateRegistration(org, await register(org, userId, o.ejected), { status: "ejected" });
      await register(org, someoneElse, o.full);
      await updateRegistration(org, await register(org, someoneElse, o.seatFreedByEjection), { status: "ejected" });
      await updateRegistration(org, await register(org, someoneElse, o.seatFreedByGrade), { grade: 50 });
      await register(org, someoneElse, o.seatLeft);
      await register(org, someoneElse, o.othersActive);
      expect((await deleteOffering(org, o.deleted)).status).toBe(204);

      const available = [o.open, o.passedRetake, o.ejected, o.window, o.seatFreedByEjection, o.seatFreedByGrade, o.seatLeft, o.othersActive];
      expect(await ids(org, `?userId=${userId}&limit=100`)).toEqual(available);

      // POST /registrations agrees with the list, with the reason of each refusal.
      const refused: Record<string, string> = {
        active: "already_registered",
        passed: "retake_not_allowed",
        failed: "retake_not_allowed",
        notOpen: "registration_not_open",
        closed: "registration_closed",
        ended: "offering_ended",
        full: "offering_full",
      };
      for (const [name, reason] of Object.entries(refused)) {
        await expectError(await postRegistration(org, userId, o[name as keyof typeof o]), 400, reason, UNAVAILABLE);
      }
      for (const offeringId of available) expect((await postRegistration(org, userId, offeringId)).status).toBe(201);
      // Registered into all of them now: none is left (a retake-allowed, passed one becomes active too).
      expect(await ids(org, `?userId=${userId}`)).toEqual([]);
    });

    it("a user without registrations sees the open offerings; other users' registrations do not matter", async () => {
      const org = await newOrganization();
      const userId = await newUser(org);
      const other = await newUser(org);
      const a = await created(org, { title: "a" });
      const b = await created(org, { title: "b" });
      await register(org, other, a);
      expect(await ids(org, `?userId=${userId}`)).toEqual([a, b]);
      expect(await ids(org, `?userId=${other}`)).toEqual([b]);
    });

    it("an unknown, malformed, deleted or another organization's user gets an empty list", async () => {
      const org = await newOrganization();
      const other = await newOrganization();
      await created(org, { title: "open" });
      const deleted = await newUser(org);
      expect((await call("DELETE", `${PREFIX}/users/${deleted}`, { token: org.token })).status).toBe(204);
      const theirs = await newUser(other);
      for (const userId of [newId(), "nope", "", deleted, theirs]) {
        expect(await page(org, `?userId=${userId}`)).toEqual({ results: [] });
      }
    });

    it("combines with the other filters and pages", async () => {
      const org = await newOrganization();
      const userId = await newUser(org);
      const made: string[] = [];
      for (let i = 0; i < 5; i++) made.push(await created(org, { title: `Safety ${i}`, tags: ["s"] }));
      await created(org, { title: "Other", tags: ["s"] });
      await register(org, userId, made[1]!);
      expect(await page(org, `?userId=${userId}&title=safety&tag=s&limit=2`)).toEqual({
        results: [expect.objectContaining({ id: made[0] }), expect.objectContaining({ id: made[2] })],
        next: `/dc/api/v5/offerings?userId=${userId}&title=safety&tag=s&limit=2&offset=2`,
      });
    });
  });
});

/* ------------------------------------------------------------------------------------------ */

describe("PUT /offerings/<id>", () => {
  async function withOffering(fields: Json = {}) {
    const org = await newOrganization();
    const category = await newCategory(org);
    const id = await created(org, {
      title: "Chalk 101",
      catalogDescription: "Catalog",
      price: 10,
      tags: ["a", "b"],
      beginDate: "2026-02-01",
      endDate: "2026-02-28",
      registrationBeginDate: "2026-01-01",
      registrationEndDate: "2026-01-31",
      seatLimit: 5,
      offeringCategoryIds: [category],
      ...fields,
    });
    return { org, id, category, before: await read(org, id) };
  }

  it("answers 204 with an empty body and changes only the given fields", async () => {
    const { org, id, before } = await withOffering();
    expect(await parts(await putOffering(org, id, { title: "Chalk 102" }))).toEqual({ status: 204, contentType: null, errorCode: null, body: null });
    expect(await read(org, id)).toEqual({ ...before, title: "Chalk 102" });
  });

  it("updates every field", async () => {
    const { org, id, before } = await withOffering();
    const other = await newCategory(org, "Other");
    const response = await putOffering(org, id, {
      title: "New",
      catalogDescription: "C2",
      dashboardDescription: "D2",
      deliveryDescription: "V2",
      price: 0,
      tags: ["x y"],
      orderIndex: 9,
      beginDate: "2027-01-01",
      endDate: "2027-02-01",
      registrationBeginDate: "2026-12-01",
      registrationEndDate: "2026-12-31",
      allowRetake: true,
      passingGrade: 50,
      seatLimit: 1,
      offeringCategoryIds: [other],
    });
    expect(response.status).toBe(204);
    expect(await read(org, id)).toEqual({
      id,
      createdDate: before.createdDate,
      title: "New",
      catalogDescription: "C2",
      dashboardDescription: "D2",
      deliveryDescription: "V2",
      price: 0,
      tags: ["x", "y"],
      orderIndex: 9,
      beginDate: "2027-01-01T00:00:00Z",
      endDate: "2027-02-01T00:00:00Z",
      registrationBeginDate: "2026-12-01T00:00:00Z",
      registrationEndDate: "2026-12-31T00:00:00Z",
      allowRetake: true,
      passingGrade: 50,
      seatLimit: 1,
      offeringCategoryIds: [other],
    });
  });

  it("\"\" clears optional fields: dates, descriptions, price, seatLimit, tags, categories (API.md §10)", async () => {
    const { org, id, before } = await withOffering();
    const response = await putOffering(org, id, { beginDate: "", endDate: "", registrationBeginDate: "", registrationEndDate: "", catalogDescription: "", price: "", seatLimit: "", tags: "", offeringCategoryIds: "" });
    expect(response.status).toBe(204);
    expect(await read(org, id)).toEqual({ id, title: "Chalk 101", createdDate: before.createdDate, orderIndex: 0, allowRetake: false, passingGrade: 70 });
  });

  it("null is absent: a PUT of nulls changes nothing (API.md §10)", async () => {
    const { org, id, before } = await withOffering();
    const response = await putOffering(org, id, { title: null, beginDate: null, endDate: null, registrationBeginDate: null, registrationEndDate: null, catalogDescription: null, price: null, seatLimit: null, tags: null, offeringCategoryIds: null });
    expect(response.status).toBe(204);
    expect(await read(org, id)).toEqual(before);
  });

  it("offeringCategoryIds replace the list; [] clears it", async () => {
    const { org, id, category } = await withOffering();
    const [x, y] = [await newCategory(org, "X"), await newCategory(org, "Y")];
    expect((await putOffering(org, id, { offeringCategoryIds: [y, category, x] })).status).toBe(204);
    expect((await read(org, id)).offeringCategoryIds).toEqual([y, category, x]);
    expect((await putOffering(org, id, { title: "Still" })).status).toBe(204);
    expect((await read(org, id)).offeringCategoryIds).toEqual([y, category, x]);
    expect((await putOffering(org, id, { offeringCategoryIds: [] })).status).toBe(204);
    // API.md §10: an empty list is omitted.
    expect((await read(org, id)).offeringCategoryIds).toBeUndefined();
  });

  it("checks date order against the stored values on a partial update, changing nothing", async () => {
    const { org, id, before } = await withOffering();
    // Stored: registration 2026-01-01 .. 2026-01-31, offering 2026-02-01 .. 2026-02-28.
    await expectInvalid(await putOffering(org, id, { title: "X", registrationEndDate: "2025-12-31" }), { registrationEndDate: REGISTRATION_ORDER });
    await expectInvalid(await putOffering(org, id, { title: "X", registrationBeginDate: "2026-02-01" }), { registrationEndDate: REGISTRATION_ORDER });
    await expectInvalid(await putOffering(org, id, { title: "X", endDate: "2026-01-31T23:59:59Z" }), { endDate: DATE_ORDER });
    await expectInvalid(await putOffering(org, id, { title: "X", beginDate: "2026-03-01" }), { endDate: DATE_ORDER });
    await expectInvalid(await putOffering(org, id, { title: "X", beginDate: "2026-03-01", registrationBeginDate: "2026-02-01" }), { endDate: DATE_ORDER, registrationEndDate: REGISTRATION_ORDER });
    expect(await read(org, id)).toEqual(before);
  });

  it("accepts dates that are in order with the stored ones, or whose partner is cleared", async () => {
    const { org, id } = await withOffering();
    expect((await putOffering(org, id, { registrationEndDate: "2026-01-01" })).status).toBe(204);
    expect((await putOffering(org, id, { beginDate: "2026-02-28" })).status).toBe(204);
    expect((await putOffering(org, id, { endDate: "", beginDate: "2030-01-01" })).status).toBe(204);
    expect((await putOffering(org, id, { registrationBeginDate: "", registrationEndDate: "2020-01-01" })).status).toBe(204);
    expect(await read(org, id)).toMatchObject({ registrationEndDate: "2020-01-01T00:00:00Z", beginDate: "2030-01-01T00:00:00Z" });
  });

  it("validates the given fields with the messages of POST, changing nothing", async () => {
    const { org, id, before } = await withOffering();
    await expectInvalid(await putOffering(org, id, { title: "" }), { title: "title is required" });
    for (const field of DATE_FIELDS) await expectInvalid(await putOffering(org, id, { [field]: "later" }), { [field]: `${field} must be a date` });
    await expectInvalid(await putOffering(org, id, { passingGrade: 101 }), { passingGrade: PASSING_GRADE });
    await expectInvalid(await putOffering(org, id, { seatLimit: 0 }), { seatLimit: SEAT_LIMIT });
    await expectInvalid(await putOffering(org, id, { offeringCategoryIds: [newId()] }), { offeringCategoryIds: UNKNOWN_CATEGORY });
    await expectInvalid(await putOffering(org, id, { title: "X", passingGrade: -1, seatLimit: 1.5 }), { passingGrade: PASSING_GRADE, seatLimit: SEAT_LIMIT });
    expect(await read(org, id)).toEqual(before);
  });

  it("an empty body changes nothing", async () => {
    const { org, id, before } = await withOffering();
    expect((await putOffering(org, id, {})).status).toBe(204);
    expect(await read(org, id)).toEqual(before);
  });

  it("returns 404 for an unknown, malformed, deleted or other organization's offering", async () => {
    const { org, id } = await withOffering();
    await expectError(await putOffering(org, newId(), { title: "X" }), 404, "not_found", NOT_FOUND);
    await expectError(await putOffering(org, "nope", { title: "X" }), 404, "not_found", NOT_FOUND);
    const other = await newOrganization();
    const theirs = await created(other, { title: "Theirs" });
    await expectError(await putOffering(org, theirs, { title: "X" }), 404, "not_found", NOT_FOUND);
    expect((await read(other, theirs)).title).toBe("Theirs");
    expect((await deleteOffering(org, id)).status).toBe(204);
    await expectError(await putOffering(org, id, { title: "X" }), 404, "not_found", NOT_FOUND);
  });

  it("applies the body rules of section 1", async () => {
    const { org, id } = await withOffering();
    await expectError(
      await call("PUT", `${PREFIX}/offerings/${id}`, { token: org.token, body: "{}", headers: { "Content-Type": "text/json" } }),
      415,
      "unsupported_media_type",
      { errors: ["Content-Type must be application/json"] },
    );
    await expectError(await putOffering(org, id, 7), 400, "invalid_body", { errors: ["Request body must be a JSON object"] });
  });
});

/* ------------------------------------------------------------------------------------------ */

describe("DELETE /offerings/<id>", () => {
  it("answers 204; the offering is then 404, unlisted and refuses new registrations; existing ones stay readable", async () => {
    const org = await newOrganization();
    const userId = await newUser(org);
    const another = await newUser(org);
    const kept = await created(org, { title: "Kept" });
    const id = await created(org, { title: "Chalk 101" });
    const registration = await register(org, userId, id);
    const before = await (await call("GET", `${PREFIX}/registrations/${registration}`, { token: org.token })).json();

    expect(await parts(await deleteOffering(org, id))).toEqual({ status: 204, contentType: null, errorCode: null, body: null });
    await expectGone(org, id);
    expect(await ids(org)).toEqual([kept]);
    expect(await ids(org, `?userId=${another}`)).toEqual([kept]);
    await expectError(await postRegistration(org, another, id), 400, "unknown_offering", { errors: ["No offering exists with the given offeringId"] });

    const after = await parts(await call("GET", `${PREFIX}/registrations/${registration}`, { token: org.token }));
    expect(after).toEqual({ status: 200, contentType: "application/json", errorCode: null, body: before });
    expect(after.body).toMatchObject({ title: "Chalk 101", status: "active" });
    const listed = (await (await call("GET", `${PREFIX}/registrations?offeringId=${id}`, { token: org.token })).json()) as PageBody;
    expect(listed.results.map((r) => r.id)).toEqual([registration]);

    await expectError(await deleteOffering(org, id), 404, "not_found", NOT_FOUND);
    await expectError(await putOffering(org, id, { title: "Back" }), 404, "not_found", NOT_FOUND);
  });

  it("returns 404 for an unknown or malformed id", async () => {
    const org = await newOrganization();
    await expectError(await deleteOffering(org, newId()), 404, "not_found", NOT_FOUND);
    await expectError(await deleteOffering(org, "x"), 404, "not_found", NOT_FOUND);
  });

  it("returns 404 for another organization's offering, which stays", async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    const theirs = await created(other, { title: "Theirs" });
    await expectError(await deleteOffering(org, theirs), 404, "not_found", NOT_FOUND);
    expect((await read(other, theirs)).title).toBe("Theirs");
    expect(await ids(other)).toEqual([theirs]);
  });
});
