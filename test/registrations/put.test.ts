/**
 * Contract tests of PUT <prefix>/registrations/<id> (API.md §3): a grade assignment or an
 * ejection, 204 on success, exact errors, and nothing changed by any refused request
 * (always read back through GET).
 */
import { describe, expect, it } from "vitest";
import { newId } from "../../src/lib/crypto";
import type { RegistrationStatus } from "../../src/db/schema";
import { insertOffering, insertRegistration, insertUser, newOrganization, type TestOrganization } from "../support/fixtures";
import { call } from "../support/http";
import { PREFIX, UNKNOWN_ID, ISO_SECOND, NOT_FOUND, at, expectError } from "../support/contract";
import { readBack } from "../support/api";
import { authenticationTests, bodyRuleTests, type Endpoint, type Target } from "../support/common-tests";

const GRADE_ERROR = { fieldErrors: { grade: "grade must be a number between 0 and 100" } };
const EJECT_AFTER_END = { fieldErrors: { status: "eject status not available after the registration has ended" } };
const ONLY_EJECTED = { fieldErrors: { status: "status can only be set to ejected" } };
const EITHER = { errors: ["Provide either grade or status"] };

const PAST_END = "2020-06-01T12:00:00Z";

function put(org: TestOrganization, id: string, json: unknown, prefix = PREFIX): Promise<Response> {
  return call("PUT", `${prefix}/registrations/${id}`, { token: org.token, json });
}

async function expectNoContent(response: Response): Promise<void> {
  expect(response.status).toBe(204);
  expect(response.headers.get("X-Error-Code")).toBeNull();
  expect(await response.text()).toBe("");
}

/** An organization, a user and an offering (with the given fields), and a registration in it. */
async function scenario(
  registration: { status?: RegistrationStatus; grade?: number; graderId?: string; graderComment?: string; endAt?: number } = {},
  offering: Parameters<typeof insertOffering>[1] = {},
) {
  const org = await newOrganization();
  const userId = await insertUser(org.id);
  const offeringId = await insertOffering(org.id, { title: "Chalk 101", ...offering });
  const id = await insertRegistration(org.id, { userId, offeringId, createdAt: at("2026-01-01T00:00:00Z"), ...registration });
  return { org, userId, offeringId, id };
}

/** A registration created through POST (status active, createdDate now). */
async function posted(offering: Parameters<typeof insertOffering>[1] = {}) {
  const org = await newOrganization();
  const userId = await insertUser(org.id);
  const offeringId = await insertOffering(org.id, offering);
  const response = await call("POST", `${PREFIX}/registrations`, { token: org.token, json: { userId, offeringId } });
  expect(response.status).toBe(201);
  const id = response.headers.get("Location")?.split("/").pop() ?? "";
  return { org, userId, offeringId, id };
}

/** Asserts that `endDate` is a date between `since` (floored to its second) and now. */
function expectNow(date: unknown, since: number): void {
  expect(date).toMatch(ISO_SECOND);
  const ms = Date.parse(String(date));
  expect(ms).toBeGreaterThanOrEqual(Math.floor(since / 1000) * 1000);
  expect(ms).toBeLessThanOrEqual(Date.now());
}

/** Sends a request that must fail, and asserts the registration reads back unchanged. */
async function expectUnchangedAfter(
  org: TestOrganization,
  id: string,
  request: () => Promise<Response>,
  status: number,
  errorCode: string,
  body: unknown,
): Promise<void> {
  const before = await readBack(org, id);
  await expectError(await request(), status, errorCode, body);
  expect(await readBack(org, id)).toEqual(before);
}

describe("PUT /registrations/<id>", () => {
  authenticationTests({ method: "PUT", path: `${PREFIX}/registrations/${UNKNOWN_ID}`, json: { grade: 80 } });

  describe("grade assignment", () => {
    it("returns 204 with an empty body", async () => {
      const { org, id } = await posted();
      await expectNoContent(await put(org, id, { grade: 80 }));
    });

    it("sets status passed, the grade and endDate now when an active registration is graded at or above the default passing grade 70", async () => {
      const { org, id, userId, offeringId } = await scenario({ status: "active" });
      const since = Date.now();
      await expectNoContent(await put(org, id, { grade: 70 }));
      const after = await readBack(org, id);
      expect(after).toEqual({
        id,
        userId,
        offeringId,
        title: "Chalk 101",
        status: "passed",
        grade: 70,
        createdDate: "2026-01-01T00:00:00Z",
        endDate: expect.stringMatching(ISO_SECOND),
      });
      expectNow(after.endDate, since);
    });

    it("sets status failed below the default passing grade 70", async () => {
      const { org, id } = await scenario({ status: "active" });
      const since = Date.now();
      await expectNoContent(await put(org, id, { grade: 69.99 }));
      const after = await readBack(org, id);
      expect(after).toMatchObject({ status: "failed", grade: 69.99 });
      expectNow(after.endDate, since);
    });

    it.each([
      [85, 85, "passed"],
      [85, 84.5, "failed"],
      [85, 100, "passed"],
      [0, 0, "passed"],
      [100, 99.9, "failed"],
      [100, 100, "passed"],
      [50, 0, "failed"],
    ] as const)("with passingGrade %d, grade %d gives %s", async (passingGrade, grade, status) => {
      const { org, id } = await scenario({ status: "active" }, { passingGrade });
      await expectNoContent(await put(org, id, { grade }));
      expect(await readBack(org, id)).toMatchObject({ status, grade });
    });

    it("accepts gradePercentage as an alias of grade", async () => {
      const { org, id } = await scenario({ status: "active" });
      const since = Date.now();
      await expectNoContent(await put(org, id, { gradePercentage: 91.5 }));
      const after = await readBack(org, id);
      expect(after).toMatchObject({ status: "passed", grade: 91.5 });
      expectNow(after.endDate, since);
    });

    it("gives gradePercentage the same passing rule", async () => {
      const { org, id } = await scenario({ status: "active" }, { passingGrade: 60 });
      await expectNoContent(await put(org, id, { gradePercentage: 59 }));
      expect(await readBack(org, id)).toMatchObject({ status: "failed", grade: 59 });
    });

    it("stores graderComment and graderId with the grade", async () => {
      const { org, id, userId, offeringId } = await scenario({ status: "active" });
      await expectNoContent(await put(org, id, { grade: 88, graderComment: "Excellent work", graderId: "teacher-42" }));
      expect(await readBack(org, id)).toEqual({
        id,
        userId,
        offeringId,
        title: "Chalk 101",
        status: "passed",
        grade: 88,
        graderId: "teacher-42",
        graderComment: "Excellent work",
        createdDate: "2026-01-01T00:00:00Z",
        endDate: expect.stringMatching(ISO_SECOND),
      });
    });

    it("accepts a graderComment of 1,000 characters and a graderId of 64 characters", async () => {
      const { org, id } = await scenario({ status: "active" });
      const graderComment = "c".repeat(1000);
      const graderId = "g".repeat(64);
      await expectNoContent(await put(org, id, { grade: 75, graderComment, graderId }));
      expect(await readBack(org, id)).toMatchObject({ graderComment, graderId });
    });

    it("sets endDate now and clears the ejection when an ejected registration is graded", async () => {
      const { org, id } = await scenario({ status: "ejected", endAt: at(PAST_END) });
      const since = Date.now();
      await expectNoContent(await put(org, id, { grade: 95 }));
      const after = await readBack(org, id);
      expect(after).toMatchObject({ status: "passed", grade: 95 });
      expectNow(after.endDate, since);
    });

    it("ejected and regraded to a failing grade becomes failed", async () => {
      const { org, id } = await scenario({ status: "ejected", endAt: at(PAST_END) });
      await expectNoContent(await put(org, id, { grade: 3 }));
      expect(await readBack(org, id)).toMatchObject({ status: "failed", grade: 3 });
    });

    it.each([
      ["passed", 90, 40, "failed"],
      ["passed", 90, 100, "passed"],
      ["failed", 20, 75, "passed"],
      ["failed", 20, 10, "failed"],
    ] as const)(
      "regrades a %s registration (grade %d → %d gives %s) and keeps its endDate",
      async (status, oldGrade, grade, expected) => {
        const { org, id } = await scenario({ status, grade: oldGrade, endAt: at(PAST_END) });
        await expectNoContent(await put(org, id, { grade, graderComment: "regraded" }));
        expect(await readBack(org, id)).toMatchObject({
          status: expected,
          grade,
          graderComment: "regraded",
          endDate: PAST_END,
        });
      },
    );

    it("allows a grade in every state, one after the other", async () => {
      const { org, id } = await posted();
      await expectNoContent(await put(org, id, { status: "ejected" }));
      await expectNoContent(await put(org, id, { grade: 50 }));
      expect((await readBack(org, id)).status).toBe("failed");
      await expectNoContent(await put(org, id, { grade: 80 }));
      expect((await readBack(org, id)).status).toBe("passed");
      await expectNoContent(await put(org, id, { grade: 10 }));
      expect((await readBack(org, id)).status).toBe("failed");
    });

    it("ignores unknown and read-only properties", async () => {
      const { org, id, userId, offeringId } = await scenario({ status: "active" });
      await expectNoContent(
        await put(org, id, { grade: 80, userId: newId(), offeringId: newId(), title: "x", createdDate: "2001-01-01T00:00:00Z", colour: "red" }),
      );
      expect(await readBack(org, id)).toMatchObject({ userId, offeringId, title: "Chalk 101", createdDate: "2026-01-01T00:00:00Z" });
    });

    it("works under /api/v5 as well", async () => {
      const { org, id } = await scenario({ status: "active" });
      await expectNoContent(await put(org, id, { grade: 71 }, "/api/v5"));
      expect(await readBack(org, id)).toMatchObject({ status: "passed", grade: 71 });
    });

    it.each([
      ["-1", { grade: -1 }],
      ["-0.001", { grade: -0.001 }],
      ["100.01", { grade: 100.01 }],
      ["1000", { grade: 1000 }],
      ["a numeric string", { grade: "80" }],
      ["a word", { grade: "A+" }],
      ["an empty string", { grade: "" }],
      ["a boolean", { grade: true }],
      ["an object", { grade: { value: 80 } }],
      ["an array", { grade: [80] }],
      ["gradePercentage 101", { gradePercentage: 101 }],
      ["gradePercentage a string", { gradePercentage: "90" }],
      ["out of range with a valid comment", { grade: 101, graderComment: "ok", graderId: "t1" }],
    ])("returns 400 validation_failed for a grade that is %s, changing nothing", async (_name, body) => {
      const { org, id } = await scenario({ status: "active" });
      await expectUnchangedAfter(org, id, () => put(org, id, body), 400, "validation_failed", GRADE_ERROR);
    });

    it("rejects an invalid grade on an already graded registration without changing it", async () => {
      const { org, id } = await scenario({ status: "passed", grade: 90, graderComment: "first", endAt: at(PAST_END) });
      await expectUnchangedAfter(org, id, () => put(org, id, { grade: 150, graderComment: "second" }), 400, "validation_failed", GRADE_ERROR);
    });

    it("rejects a graderId over 64 characters, changing nothing", async () => {
      const { org, id } = await scenario({ status: "active" });
      await expectUnchangedAfter(org, id, () => put(org, id, { grade: 80, graderId: "g".repeat(65) }), 400, "validation_failed", {
        fieldErrors: { graderId: "graderId must be a string of at most 64 characters" },
      });
    });

    it("rejects a graderComment over 1,000 characters, changing nothing", async () => {
      const { org, id } = await scenario({ status: "active" });
      await expectUnchangedAfter(
        org,
        id,
        () => put(org, id, { grade: 80, graderComment: "c".repeat(1001) }),
        400,
        "validation_failed",
        { fieldErrors: { graderComment: "graderComment must be a string of at most 1000 characters" } },
      );
    });
  });

  describe("ejection", () => {
    it("ejects an active registration: 204, status ejected, endDate now", async () => {
      const { org, id, userId, offeringId } = await scenario({ status: "active" });
      const since = Date.now();
      await expectNoContent(await put(org, id, { status: "ejected" }));
      const after = await readBack(org, id);
      expect(after).toEqual({
        id,
        userId,
        offeringId,
        title: "Chalk 101",
        status: "ejected",
        createdDate: "2026-01-01T00:00:00Z",
        endDate: expect.stringMatching(ISO_SECOND),
      });
      expectNow(after.endDate, since);
    });

    it("ejects a registration created through POST", async () => {
      const { org, id } = await posted();
      await expectNoContent(await put(org, id, { status: "ejected" }));
      expect((await readBack(org, id)).status).toBe("ejected");
    });

    it.each([
      ["passed", { status: "passed" as const, grade: 90, endAt: at(PAST_END) }],
      ["failed", { status: "failed" as const, grade: 10, endAt: at(PAST_END) }],
      ["ejected", { status: "ejected" as const, endAt: at(PAST_END) }],
    ])("returns 400 validation_failed when ejecting a %s registration, changing nothing", async (_name, registration) => {
      const { org, id } = await scenario(registration);
      await expectUnchangedAfter(org, id, () => put(org, id, { status: "ejected" }), 400, "validation_failed", EJECT_AFTER_END);
    });

    it("refuses a second ejection", async () => {
      const { org, id } = await posted();
      await expectNoContent(await put(org, id, { status: "ejected" }));
      await expectUnchangedAfter(org, id, () => put(org, id, { status: "ejected" }), 400, "validation_failed", EJECT_AFTER_END);
    });

    it.each([
      ["active", "active"],
      ["passed", "passed"],
      ["failed", "failed"],
      ["EJECTED", "EJECTED"],
      ["eject", "eject"],
      ["an empty string", ""],
      ["a number", 1],
      ["a boolean", true],
      ["an object", { value: "ejected" }],
    ])("returns 400 validation_failed for status %s, changing nothing", async (_name, status) => {
      const { org, id } = await scenario({ status: "active" });
      await expectUnchangedAfter(org, id, () => put(org, id, { status }), 400, "validation_failed", ONLY_EJECTED);
    });

    it("rejects another status value even when the registration has ended", async () => {
      const { org, id } = await scenario({ status: "passed", grade: 90, endAt: at(PAST_END) });
      await expectUnchangedAfter(org, id, () => put(org, id, { status: "active" }), 400, "validation_failed", ONLY_EJECTED);
    });
  });

  describe("grade or status, exactly one", () => {
    it.each([
      ["an empty object", {}],
      ["only graderComment", { graderComment: "nice" }],
      ["only graderId", { graderId: "t1" }],
      ["only unknown properties", { colour: "red" }],
    ])("returns 400 validation_failed when neither is given: %s", async (_name, body) => {
      const { org, id } = await scenario({ status: "active" });
      await expectUnchangedAfter(org, id, () => put(org, id, body), 400, "validation_failed", EITHER);
    });

    it.each([
      ["grade and status", { grade: 80, status: "ejected" }],
      ["gradePercentage and status", { gradePercentage: 80, status: "ejected" }],
      ["an invalid grade and an invalid status", { grade: 500, status: "done" }],
    ])("returns 400 validation_failed when both are given: %s", async (_name, body) => {
      const { org, id } = await scenario({ status: "active" });
      await expectUnchangedAfter(org, id, () => put(org, id, body), 400, "validation_failed", EITHER);
    });
  });

  describe("not found", () => {
    it("returns 404 not_found for an unknown id", async () => {
      const org = await newOrganization();
      await expectError(await put(org, newId(), { grade: 80 }), 404, "not_found", NOT_FOUND);
      await expectError(await put(org, newId(), { status: "ejected" }), 404, "not_found", NOT_FOUND);
    });

    it.each(["not-an-id", "abc", "0".repeat(33)])("returns 404 not_found for a malformed id (%s)", async (malformed) => {
      const org = await newOrganization();
      await expectError(await put(org, malformed, { grade: 80 }), 404, "not_found", NOT_FOUND);
      await expectError(await put(org, malformed, { status: "ejected" }), 404, "not_found", NOT_FOUND);
    });

    it("returns 404 not_found for another organization's registration and changes nothing in it", async () => {
      const theirs = await scenario({ status: "active" });
      const mine = await newOrganization();
      await expectUnchangedAfter(theirs.org, theirs.id, () => put(mine, theirs.id, { grade: 80 }), 404, "not_found", NOT_FOUND);
      await expectUnchangedAfter(theirs.org, theirs.id, () => put(mine, theirs.id, { status: "ejected" }), 404, "not_found", NOT_FOUND);
      await expectUnchangedAfter(
        theirs.org,
        theirs.id,
        () => put(mine, theirs.id, { grade: 80 }, "/api/v5"),
        404,
        "not_found",
        NOT_FOUND,
      );
    });
  });

  describe("body rules (nothing changes)", () => {
    const endpoint: Endpoint<Target & { org: TestOrganization; id: string }> = {
      method: "PUT",
      setUp: async () => {
        const { org, id } = await scenario({ status: "active" });
        return { org, id, token: org.token, path: `${PREFIX}/registrations/${id}` };
      },
      state: ({ org, id }) => readBack(org, id),
    };
    bodyRuleTests(endpoint, {
      unsupportedMediaType: [{ contentType: "text/plain", body: '{"grade":80}' }],
      payloadTooLarge: [{ what: "a body over 64 KiB", body: JSON.stringify({ grade: 80, padding: "x".repeat(64 * 1024) }) }],
      invalidJson: [{ what: "a body that is not valid JSON", body: "{grade: 80}" }],
      notAnObject: [
        { what: "an array", json: [{ grade: 80 }] },
        { what: "a string", json: "ejected" },
        { what: "a number", json: 80 },
        { what: "null", json: null },
      ],
    });

    it("accepts application/json; charset=utf-8", async () => {
      const { org, id } = await scenario({ status: "active" });
      await expectNoContent(
        await call("PUT", `${PREFIX}/registrations/${id}`, {
          token: org.token,
          body: '{"grade":80}',
          headers: { "Content-Type": "application/json; charset=utf-8" },
        }),
      );
      expect((await readBack(org, id)).grade).toBe(80);
    });
  });
});
