/** Contract tests of GET /offerings (API.md §1, §2, §3 step 4, §5, §6); categories come from POST /offeringcategories, rows with chosen creation times from the fixtures. */
import { describe, expect, it } from "vitest";
import { newId } from "../../src/lib/crypto";
import { insertOffering, newOrganization } from "../support/fixtures";
import { call } from "../support/http";
import { workersOnly } from "../support/runtime";
import { PREFIX, UNAVAILABLE, at, expectError } from "../support/contract";
import { newCategory, newUser, postRegistration, register, updateRegistration } from "../support/api";
import { PAST, FUTURE, deleteOffering, created, read, page, ids } from "../support/offerings";
import { authenticationTests } from "../support/common-tests";

describe("GET /offerings", () => {
  authenticationTests({ method: "GET", path: `${PREFIX}/offerings` });

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
