/** Contract tests of POST /offerings (API.md §1, §2, §3 step 4, §5, §6); categories come from POST /offeringcategories, rows with chosen creation times from the fixtures. */
import { describe, expect, it } from "vitest";
import { newId } from "../../src/lib/crypto";
import { newOrganization } from "../support/fixtures";
import { call } from "../support/http";
import { PREFIX, ISO_SECOND, type Json } from "../support/contract";
import { newCategory } from "../support/api";
import { REGISTRATION_ORDER, DATE_ORDER, PASSING_GRADE, SEAT_LIMIT, UNKNOWN_CATEGORY, DATE_FIELDS, expectInvalid, postOffering, deleteOffering, created, read, ids } from "../support/offerings";
import { authenticationTests, bodyRuleTests } from "../support/common-tests";

describe("POST /offerings", () => {
  authenticationTests({ method: "POST", path: `${PREFIX}/offerings`, json: { title: "Course" } });

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

    bodyRuleTests(
      { method: "POST", setUp: async () => ({ token: (await newOrganization()).token, path: `${PREFIX}/offerings` }) },
      {
        unsupportedMediaType: [{ contentType: undefined, body: '{"title":"T"}' }],
        notAnObject: [{ what: "an array", json: ["T"] }],
      },
    );
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
