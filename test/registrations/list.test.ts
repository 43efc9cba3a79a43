/** Contract tests of the paged, filtered list GET <prefix>/registrations (API.md §1, §3, §6); rows with chosen times come from the fixtures, everything is asserted through the API. */
import { describe, expect, it } from "vitest";
import { insertOffering, insertRegistration, insertUser, newOrganization, type TestOrganization } from "../support/fixtures";
import { call, parts } from "../support/http";
import { PREFIX, at, expectError, type PageBody } from "../support/contract";
import { get, page, ids, scenario, manyRegistrations } from "../support/registrations";
import { authenticationTests } from "../support/common-tests";

describe("GET /registrations", () => {
  authenticationTests({ method: "GET", path: `${PREFIX}/registrations` });

  describe("results and order", () => {
    it("returns an empty results list (and no links) for an organization without registrations", async () => {
      const org = await newOrganization();
      expect(await page(org)).toEqual({ results: [] });
    });

    it("returns full registration objects, oldest createdDate first", async () => {
      const { org, userId, offeringId } = await scenario();
      const otherOffering = await insertOffering(org.id, { title: "Chalk 202" });
      const newer = await insertRegistration(org.id, { userId, offeringId, createdAt: at("2026-02-01T00:00:00Z") });
      const older = await insertRegistration(org.id, {
        userId,
        offeringId: otherOffering,
        status: "failed",
        grade: 12,
        createdAt: at("2026-01-01T00:00:00Z"),
        endAt: at("2026-01-05T00:00:00Z"),
      });
      expect(await page(org)).toEqual({
        results: [
          {
            id: older,
            userId,
            offeringId: otherOffering,
            title: "Chalk 202",
            status: "failed",
            grade: 12,
            createdDate: "2026-01-01T00:00:00Z",
            endDate: "2026-01-05T00:00:00Z",
          },
          { id: newer, userId, offeringId, title: "Chalk 101", status: "active", createdDate: "2026-02-01T00:00:00Z" },
        ],
      });
    });

    it("orders by createdDate to the millisecond, then by id when createdDate ties", async () => {
      const { org, offeringId } = await scenario();
      const sameTime = at("2026-01-10T00:00:00Z");
      const tied: string[] = [];
      for (let i = 0; i < 4; i++) {
        tied.push(await insertRegistration(org.id, { userId: await insertUser(org.id), offeringId, createdAt: sameTime }));
      }
      const later = await insertRegistration(org.id, { userId: await insertUser(org.id), offeringId, createdAt: sameTime + 1 });
      const earliest = await insertRegistration(org.id, { userId: await insertUser(org.id), offeringId, createdAt: sameTime - 1 });
      const order = [earliest, ...[...tied].sort(), later];
      expect(await ids(org)).toEqual(order);
      const byOffset = [];
      for (let offset = 0; offset < order.length; offset += 2) byOffset.push(...(await ids(org, `?limit=2&offset=${offset}`)));
      expect(byOffset).toEqual(order);
    });

    it("never shows another organization's registrations", async () => {
      const mine = await scenario();
      const theirs = await scenario();
      const myId = await insertRegistration(mine.org.id, { userId: mine.userId, offeringId: mine.offeringId });
      const theirId = await insertRegistration(theirs.org.id, { userId: theirs.userId, offeringId: theirs.offeringId });
      expect(await ids(mine.org)).toEqual([myId]);
      expect(await ids(theirs.org)).toEqual([theirId]);
      expect(await page(mine.org, `?userId=${theirs.userId}`)).toEqual({ results: [] });
      expect(await page(mine.org, `?offeringId=${theirs.offeringId}`)).toEqual({ results: [] });
      expect(await page(mine.org, "?limit=100&offset=0")).toEqual({ results: [expect.objectContaining({ id: myId })] });
    });

    it("serves the list under /api/v5 as well", async () => {
      const { org, userId, offeringId } = await scenario();
      const id = await insertRegistration(org.id, { userId, offeringId });
      expect((await page(org, "", "/api/v5")).results.map((r) => r.id)).toEqual([id]);
    });

    it("ignores unknown query parameters", async () => {
      const { org, userId, offeringId } = await scenario();
      const id = await insertRegistration(org.id, { userId, offeringId });
      expect(await page(org, "?colour=blue&sort=desc&title=zzz")).toEqual(await page(org));
      expect(await ids(org, "?colour=blue")).toEqual([id]);
    });
  });

  describe("paging", () => {
    it("returns 15 results by default, with next pointing at offset 15 and no previous", async () => {
      const { org, offeringId } = await scenario();
      const all = await manyRegistrations(org, offeringId, 16);
      const first = await page(org);
      expect(first.results.map((r) => r.id)).toEqual(all.slice(0, 15));
      expect(first.next).toBe("/dc/api/v5/registrations?offset=15");
      expect(first.previous).toBeUndefined();
      expect(Object.keys(first).sort()).toEqual(["next", "results"]);

      const second = await page(org, "?offset=15");
      expect(second).toEqual({
        results: [expect.objectContaining({ id: all[15] })],
        previous: "/dc/api/v5/registrations?offset=0",
      });
    });

    it("has no next link when exactly the last result is on this page", async () => {
      const { org, offeringId } = await scenario();
      const all = await manyRegistrations(org, offeringId, 15);
      const only = await page(org);
      expect(only.results.map((r) => r.id)).toEqual(all);
      expect(only.next).toBeUndefined();
      expect(only.previous).toBeUndefined();
    });

    it("walks the pages with limit and offset; links change only offset and keep the other parameters in order", async () => {
      const { org, offeringId } = await scenario();
      const all = await manyRegistrations(org, offeringId, 7);

      expect(await page(org, "?status=active&limit=3")).toEqual({
        results: all.slice(0, 3).map((id) => expect.objectContaining({ id })),
        next: "/dc/api/v5/registrations?status=active&limit=3&offset=3",
      });
      expect(await page(org, "?status=active&limit=3&offset=3")).toEqual({
        results: all.slice(3, 6).map((id) => expect.objectContaining({ id })),
        next: "/dc/api/v5/registrations?status=active&limit=3&offset=6",
        previous: "/dc/api/v5/registrations?status=active&limit=3&offset=0",
      });
      expect(await page(org, "?status=active&limit=3&offset=6")).toEqual({
        results: [expect.objectContaining({ id: all[6] })],
        previous: "/dc/api/v5/registrations?status=active&limit=3&offset=3",
      });
    });

    it("keeps offset where it stands among the other parameters in the links", async () => {
      const { org, offeringId } = await scenario();
      await manyRegistrations(org, offeringId, 7);
      expect(await page(org, `?offset=2&limit=2&offeringId=${offeringId}`)).toEqual({
        results: [expect.anything(), expect.anything()],
        next: `/dc/api/v5/registrations?offset=4&limit=2&offeringId=${offeringId}`,
        previous: `/dc/api/v5/registrations?offset=0&limit=2&offeringId=${offeringId}`,
      });
    });

    it("uses the request's base path in the links", async () => {
      const { org, offeringId } = await scenario();
      await manyRegistrations(org, offeringId, 5);
      expect(await page(org, "?limit=2&offset=2", "/api/v5")).toEqual({
        results: [expect.anything(), expect.anything()],
        next: "/api/v5/registrations?limit=2&offset=4",
        previous: "/api/v5/registrations?limit=2&offset=0",
      });
    });

    it("keeps the other parameters byte for byte, including unknown ones and encoded values", async () => {
      const { org, offeringId } = await scenario();
      await manyRegistrations(org, offeringId, 3);
      expect(await page(org, "?createdDate=2026-01-01T00%3A00%3A00Z%2C&limit=1&x=a%20b")).toEqual({
        results: [expect.anything()],
        next: "/dc/api/v5/registrations?createdDate=2026-01-01T00%3A00%3A00Z%2C&limit=1&x=a%20b&offset=1",
      });
    });

    it("recognises a percent-encoded offset name in the links, replacing it where it stands", async () => {
      const { org, offeringId } = await scenario();
      const all = await manyRegistrations(org, offeringId, 5);
      expect(await page(org, "?limit=2&%6Fffset=2")).toEqual({
        results: all.slice(2, 4).map((id) => expect.objectContaining({ id })),
        next: "/dc/api/v5/registrations?limit=2&offset=4",
        previous: "/dc/api/v5/registrations?limit=2&offset=0",
      });
    });

    it("gives a previous link clamped to offset 0 when offset is smaller than limit", async () => {
      const { org, offeringId } = await scenario();
      const all = await manyRegistrations(org, offeringId, 4);
      expect(await page(org, "?limit=3&offset=1")).toEqual({
        results: all.slice(1, 4).map((id) => expect.objectContaining({ id })),
        previous: "/dc/api/v5/registrations?limit=3&offset=0",
      });
    });

    it("returns an empty page with a previous link past the end", async () => {
      const { org, offeringId } = await scenario();
      await manyRegistrations(org, offeringId, 2);
      expect(await page(org, "?limit=5&offset=10")).toEqual({
        results: [],
        previous: "/dc/api/v5/registrations?limit=5&offset=5",
      });
    });

    it("accepts a large offset far beyond the end", async () => {
      const { org, offeringId } = await scenario();
      await manyRegistrations(org, offeringId, 1);
      expect(await page(org, "?offset=1000000")).toEqual({
        results: [],
        previous: "/dc/api/v5/registrations?offset=999985",
      });
    });

    it("accepts limit 1 and limit 100", async () => {
      const { org, offeringId } = await scenario();
      const all = await manyRegistrations(org, offeringId, 2);
      expect(await ids(org, "?limit=1")).toEqual(all.slice(0, 1));
      expect(await ids(org, "?limit=100")).toEqual(all);
    });

    it.each(["0", "101", "-1", "1.5", "abc", "", "1e1", "10abc", "1000"])(
      "returns 400 validation_failed for limit=%s",
      async (limit) => {
        const org = await newOrganization();
        await expectError(await get(org, `${PREFIX}/registrations?limit=${limit}`), 400, "validation_failed", {
          errors: ["limit must be an integer between 1 and 100"],
        });
      },
    );

    it.each(["-1", "1.5", "abc", "", "1e3", "3x"])("returns 400 validation_failed for offset=%s", async (offset) => {
      const org = await newOrganization();
      await expectError(await get(org, `${PREFIX}/registrations?offset=${offset}`), 400, "validation_failed", {
        errors: ["offset must be a non-negative integer"],
      });
    });
  });

  describe("keyset paging (after)", () => {
    /** The page body and the `Link` header of a list response. */
    async function pageWithLink(org: TestOrganization, query: string): Promise<{ body: PageBody; link: string | null }> {
      const response = await get(org, `${PREFIX}/registrations${query}`);
      const link = response.headers.get("Link");
      const { status, body } = await parts(response);
      expect(status).toBe(200);
      return { body: body as PageBody, link };
    }

    /** The `after` cursor of a `Link: <…>; rel="next"` header, checking the link's shape. */
    function cursorOf(link: string | null, pathAndQueryBefore: string): string {
      const match = /^<(.+)[?&]after=([0-9A-Za-z_-]+)>; rel="next"$/.exec(link ?? "");
      expect(match?.[1]).toBe(pathAndQueryBefore);
      return match?.[2] ?? "";
    }

    it("sends a Link header with rel=next exactly when the body has next; the body's links stay offset links", async () => {
      const { org, offeringId } = await scenario();
      await manyRegistrations(org, offeringId, 3);
      const first = await pageWithLink(org, "?limit=2&offset=0&status=active");
      expect(first.body.next).toBe("/dc/api/v5/registrations?limit=2&offset=2&status=active");
      expect(first.link).toMatch(/^<\/dc\/api\/v5\/registrations\?limit=2&status=active&after=[0-9A-Za-z_-]+>; rel="next"$/);

      const last = await pageWithLink(org, "?limit=2&offset=2&status=active");
      expect(last.body.next).toBeUndefined();
      expect(last.link).toBeNull();
    });

    it("walks the whole list by cursor in the same order as offset paging, ties on createdDate included", async () => {
      const { org, offeringId } = await scenario();
      const sameTime = at("2026-02-01T00:00:00Z");
      for (let i = 0; i < 5; i++) {
        await insertRegistration(org.id, { userId: await insertUser(org.id), offeringId, createdAt: sameTime });
      }
      await manyRegistrations(org, offeringId, 4);
      const all = await ids(org, "?limit=100");
      expect(all).toHaveLength(9);

      const seen: string[] = [];
      let query = "?limit=2";
      for (let pages = 0; pages < 10; pages++) {
        const { body, link } = await pageWithLink(org, query);
        seen.push(...body.results.map((r) => String(r.id)));
        if (body.next === undefined) {
          expect(link).toBeNull();
          break;
        }
        query = `?limit=2&after=${cursorOf(link, "/dc/api/v5/registrations?limit=2")}`;
      }
      expect(seen).toEqual(all);
    });

    it("counts offset and limit from the cursor, and the body's links change only offset", async () => {
      const { org, offeringId } = await scenario();
      const all = await manyRegistrations(org, offeringId, 8);
      const { link } = await pageWithLink(org, "?limit=2");
      const after = cursorOf(link, "/dc/api/v5/registrations?limit=2");

      expect(await page(org, `?after=${after}&limit=2&offset=3`)).toEqual({
        results: all.slice(5, 7).map((id) => expect.objectContaining({ id })),
        next: `/dc/api/v5/registrations?after=${after}&limit=2&offset=5`,
        previous: `/dc/api/v5/registrations?after=${after}&limit=2&offset=1`,
      });
      expect(await page(org, `?after=${after}&limit=2&offset=5`)).toEqual({
        results: all.slice(7).map((id) => expect.objectContaining({ id })),
        previous: `/dc/api/v5/registrations?after=${after}&limit=2&offset=3`,
      });
    });

    it("drops a percent-encoded offset from the Link and replaces a percent-encoded after", async () => {
      const { org, offeringId } = await scenario();
      const all = await manyRegistrations(org, offeringId, 8);
      const first = await pageWithLink(org, "?limit=2&%6Fffset=2");
      const after = cursorOf(first.link, "/dc/api/v5/registrations?limit=2");
      expect(await ids(org, `?limit=2&after=${after}`)).toEqual(all.slice(4, 6));
      const second = await pageWithLink(org, `?%61fter=${after}&limit=2`);
      expect(second.link).toMatch(/^<\/dc\/api\/v5\/registrations\?after=[0-9A-Za-z_-]+&limit=2>; rel="next"$/);
      expect(second.body.results.map((r) => r.id)).toEqual(all.slice(4, 6));
    });

    it("applies the filters after the cursor and keeps them in the Link", async () => {
      const { org, offeringId } = await scenario();
      const other = await insertOffering(org.id, { title: "Other" });
      const mine: string[] = [];
      for (let i = 0; i < 6; i++) {
        const userId = await insertUser(org.id);
        const createdAt = at("2026-03-01T00:00:00Z") + i * 1000;
        mine.push(await insertRegistration(org.id, { userId, offeringId, createdAt }));
        await insertRegistration(org.id, { userId, offeringId: other, createdAt: createdAt + 1 });
      }
      const filter = `offeringId=${offeringId}&limit=4`;
      const first = await pageWithLink(org, `?${filter}`);
      expect(first.body.results.map((r) => r.id)).toEqual(mine.slice(0, 4));
      const after = cursorOf(first.link, `/dc/api/v5/registrations?${filter}`);
      expect(await ids(org, `?${filter}&after=${after}`)).toEqual(mine.slice(4));
    });

    it("seeks by position even when the cursor's own registration no longer matches the filter", async () => {
      const { org, offeringId } = await scenario();
      const all = await manyRegistrations(org, offeringId, 5);
      const { link } = await pageWithLink(org, "?status=active&limit=2");
      const after = cursorOf(link, "/dc/api/v5/registrations?status=active&limit=2");
      const ejected = await call("PUT", `${PREFIX}/registrations/${all[1]}`, { token: org.token, json: { status: "ejected" } });
      expect(ejected.status).toBe(204);
      expect(await ids(org, `?status=active&after=${after}`)).toEqual(all.slice(2));
    });

    it("answers the rest of the list without next or Link, and an empty page past its end", async () => {
      const { org, offeringId } = await scenario();
      const all = await manyRegistrations(org, offeringId, 2);
      const { link } = await pageWithLink(org, "?limit=1");
      const after = cursorOf(link, "/dc/api/v5/registrations?limit=1");
      const rest = await pageWithLink(org, `?after=${after}&limit=5`);
      expect(rest).toEqual({ body: { results: [expect.objectContaining({ id: all[1] })] }, link: null });
      expect(await page(org, `?after=${after}&offset=1`)).toEqual({
        results: [],
        previous: `/dc/api/v5/registrations?after=${after}&offset=0`,
      });
    });

    it.each([
      ["empty", ""],
      ["not base64url", "a+b/c"],
      ["padded", "MTcwMDAwMDAwMDAwMC5hYg=="],
      ["no separator", "MTcwMDAwMDAwMDAwMA"],
      ["a non-numeric time", "eC5hYmM"],
      ["a negative time", "LTEuYWJj"],
      ["an id with a slash", "MS5hL2I"],
    ])("returns 400 validation_failed for an after cursor that is %s", async (_, after) => {
      const org = await newOrganization();
      await expectError(await get(org, `${PREFIX}/registrations?after=${after}`), 400, "validation_failed", {
        errors: ["after is not a valid cursor"],
      });
    });

    it("returns 400 validation_failed when after is given twice", async () => {
      const org = await newOrganization();
      await expectError(await get(org, `${PREFIX}/registrations?after=MS5hYmM&after=MS5hYmM`), 400, "validation_failed", {
        errors: ["after must be given once"],
      });
    });
  });

  describe("filters", () => {
    /** Four registrations in every status, of two users in two offerings. */
    async function mixed() {
      const org = await newOrganization();
      const ada = await insertUser(org.id);
      const bob = await insertUser(org.id);
      const math = await insertOffering(org.id, { title: "Math" });
      const art = await insertOffering(org.id, { title: "Art" });
      const t = at("2026-01-01T00:00:00Z");
      const active = await insertRegistration(org.id, { userId: ada, offeringId: math, status: "active", createdAt: t });
      const passed = await insertRegistration(org.id, {
        userId: ada,
        offeringId: art,
        status: "passed",
        grade: 90,
        createdAt: t + 1000,
        endAt: t + 5000,
      });
      const failed = await insertRegistration(org.id, {
        userId: bob,
        offeringId: math,
        status: "failed",
        grade: 10,
        createdAt: t + 2000,
        endAt: t + 6000,
      });
      const ejected = await insertRegistration(org.id, {
        userId: bob,
        offeringId: art,
        status: "ejected",
        createdAt: t + 3000,
        endAt: t + 7000,
      });
      return { org, ada, bob, math, art, active, passed, failed, ejected };
    }

    it("filters by each status value", async () => {
      const m = await mixed();
      expect(await ids(m.org, "?status=active")).toEqual([m.active]);
      expect(await ids(m.org, "?status=passed")).toEqual([m.passed]);
      expect(await ids(m.org, "?status=failed")).toEqual([m.failed]);
      expect(await ids(m.org, "?status=ejected")).toEqual([m.ejected]);
    });

    it.each(["unknown", "ACTIVE", "Active", "completed", "active,passed", ""])(
      "returns 400 validation_failed for status=%s",
      async (status) => {
        const org = await newOrganization();
        await expectError(await get(org, `${PREFIX}/registrations?status=${status}`), 400, "validation_failed", {
          errors: ["status must be one of active, passed, failed, ejected"],
        });
      },
    );

    it("filters by userId (exact match)", async () => {
      const m = await mixed();
      expect(await ids(m.org, `?userId=${m.ada}`)).toEqual([m.active, m.passed]);
      expect(await ids(m.org, `?userId=${m.bob}`)).toEqual([m.failed, m.ejected]);
      expect(await ids(m.org, `?userId=${m.ada.slice(0, 10)}`)).toEqual([]);
      expect(await ids(m.org, `?userId=${m.ada.toUpperCase()}`)).toEqual([]);
      expect(await ids(m.org, "?userId=not-an-id")).toEqual([]);
    });

    it("filters by offeringId (exact match)", async () => {
      const m = await mixed();
      expect(await ids(m.org, `?offeringId=${m.math}`)).toEqual([m.active, m.failed]);
      expect(await ids(m.org, `?offeringId=${m.art}`)).toEqual([m.passed, m.ejected]);
      expect(await ids(m.org, `?offeringId=${m.art.slice(1)}`)).toEqual([]);
    });

    it("combines filters with AND", async () => {
      const m = await mixed();
      expect(await ids(m.org, `?userId=${m.bob}&offeringId=${m.art}`)).toEqual([m.ejected]);
      expect(await ids(m.org, `?userId=${m.bob}&status=passed`)).toEqual([]);
      expect(await ids(m.org, `?offeringId=${m.math}&status=failed&createdDate=2026`)).toEqual([m.failed]);
    });

    it("pages within the filtered results", async () => {
      const m = await mixed();
      expect(await page(m.org, `?userId=${m.ada}&limit=1`)).toEqual({
        results: [expect.objectContaining({ id: m.active })],
        next: `/dc/api/v5/registrations?userId=${m.ada}&limit=1&offset=1`,
      });
    });

    it("filters endDate with the same date filter forms", async () => {
      const m = await mixed();
      expect(await ids(m.org, "?endDate=2026-01-01T00:00:06Z")).toEqual([m.failed]);
      expect(await ids(m.org, "?endDate=2026-01-01")).toEqual([m.passed, m.failed, m.ejected]);
      expect(await ids(m.org, "?endDate=,2026-01-01T00:00:05Z")).toEqual([m.passed]);
    });

    it.each(["beginDate", "lastActiveDate", "endDate"])("returns 400 for an invalid %s filter", async (param) => {
      const org = await newOrganization();
      await expectError(await get(org, `${PREFIX}/registrations?${param}=soon`), 400, "validation_failed", {
        errors: [`${param} is not a valid date filter`],
      });
    });
  });

  describe("createdDate date filter", () => {
    const times = {
      lastOf2025: "2025-12-31T23:59:59Z",
      newYear: "2026-01-01T00:00:00Z",
      morning: "2026-01-31T10:00:00.400Z",
      evening: "2026-01-31T23:59:59.999Z",
      february: "2026-02-01T00:00:00Z",
      nextYear: "2027-01-01T00:00:00Z",
    } as const;
    type Name = keyof typeof times;

    /** One registration per time; returns a function naming the ids of the given times, in time order. */
    async function dated() {
      const { org, offeringId } = await scenario();
      const byName = {} as Record<Name, string>;
      for (const [name, iso] of Object.entries(times) as [Name, string][]) {
        byName[name] = await insertRegistration(org.id, { userId: await insertUser(org.id), offeringId, createdAt: at(iso) });
      }
      const expected = (...names: Name[]) => names.map((name) => byName[name]);
      return { org, expected };
    }

    const cases: [string, string, Name[]][] = [
      ["an exact time matches that second", "2026-01-01T00:00:00Z", ["newYear"]],
      ["an exact time matches the whole second it names (as shown in createdDate)", "2026-01-31T10:00:00Z", ["morning"]],
      ["an exact time with a zone offset", "2026-01-31T11:00:00%2B01:00", ["morning"]],
      ["an exact time with fractional seconds matches that instant only", "2026-01-31T10:00:00.400Z", ["morning"]],
      ["an exact time nothing was created at", "2026-01-31T10:00:01Z", []],
      ["a year means the whole year in UTC", "2026", ["newYear", "morning", "evening", "february"]],
      ["another year", "2025", ["lastOf2025"]],
      ["a month means the whole month in UTC", "2026-01", ["newYear", "morning", "evening"]],
      ["a day means the whole day in UTC, through its last millisecond", "2026-01-31", ["morning", "evening"]],
      ["a day with nothing created", "2026-01-15", []],
      ["a range of days is inclusive on both sides", "2026-01-01,2026-01-31", ["newYear", "morning", "evening"]],
      ["a range of exact times is inclusive on both sides", "2025-12-31T23:59:59Z,2026-01-01T00:00:00Z", ["lastOf2025", "newYear"]],
      ["a range of months", "2026-01,2026-02", ["newYear", "morning", "evening", "february"]],
      ["a range of years", "2025,2026", ["lastOf2025", "newYear", "morning", "evening", "february"]],
      ["a range mixing a day and an exact time", "2026-01-31,2026-02-01T00:00:00Z", ["morning", "evening", "february"]],
      ["a range open at the start", ",2026-01-01", ["lastOf2025", "newYear"]],
      ["a range open at the end", "2026-02,", ["february", "nextYear"]],
      ["a range open at the end from an exact time", "2026-01-31T23:59:59Z,", ["evening", "february", "nextYear"]],
    ];

    it.each(cases)("filters by %s (createdDate=%s)", async (_rule, filter, names) => {
      const { org, expected } = await dated();
      expect(await ids(org, `?createdDate=${filter}`)).toEqual(expected(...names));
    });

    it("accepts a percent-encoded comma in a range", async () => {
      const { org, expected } = await dated();
      expect(await ids(org, "?createdDate=2026-02%2C2027")).toEqual(expected("february", "nextYear"));
    });

    it.each([
      "yesterday",
      "2026-13",
      "2026-02-30",
      "2026-1-5",
      "26",
      "2026-01-31T10:00:00",
      "2026-01-31T25:00:00Z",
      "2026-01-31 10:00:00Z",
      ",",
      "2026,2027,2028",
      "2026,soon",
      "soon,2026",
      "1769853600000",
    ])("returns 400 validation_failed for createdDate=%s", async (filter) => {
      const org = await newOrganization();
      await expectError(await get(org, `${PREFIX}/registrations?createdDate=${encodeURIComponent(filter)}`), 400, "validation_failed", {
        errors: ["createdDate is not a valid date filter"],
      });
    });

    it("answers the same date filter error under /api/v5", async () => {
      const org = await newOrganization();
      await expectError(await get(org, "/api/v5/registrations?createdDate=nope"), 400, "validation_failed", {
        errors: ["createdDate is not a valid date filter"],
      });
    });
  });
});
