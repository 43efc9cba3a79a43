/**
 * Contract tests of POST <prefix>/registrations (API.md §1, §3): the 201 answer, then every
 * check in the contract's order, each error asserted whole (status, Content-Type, X-Error-Code,
 * body). A refused POST must create nothing, which is checked through GET /registrations.
 */
import { describe, expect, it } from "vitest";
import { insertOffering, insertRegistration, insertUser, newOrganization, type TestOrganization } from "../support/fixtures";
import { call, parts, streamOf } from "../support/http";
import { PREFIX, ID, ISO_SECOND, UNAVAILABLE, UNKNOWN_ID, expectError, type Json } from "../support/contract";
import { readBack, registrationsOf } from "../support/api";
import { authenticationTests, bodyRuleTests, type Endpoint, type Target } from "../support/common-tests";

const HOUR = 3_600_000;

const NO_USER = "No user exists with the given userId";
const NO_OFFERING = "No offering exists with the given offeringId";

function post(org: TestOrganization, json: unknown, prefix = PREFIX): Promise<Response> {
  return call("POST", `${prefix}/registrations`, { token: org.token, json });
}

function postRaw(org: TestOrganization, body: BodyInit | undefined, contentType?: string): Promise<Response> {
  const headers: Record<string, string> = contentType === undefined ? {} : { "Content-Type": contentType };
  return call("POST", `${PREFIX}/registrations`, { token: org.token, body, headers });
}

/** A 201 POST; returns the new registration's id. */
async function registered(org: TestOrganization, userId: string, offeringId: string): Promise<string> {
  const response = await post(org, { userId, offeringId });
  expect(response.status).toBe(201);
  const id = response.headers.get("Location")?.split("/").pop() ?? "";
  expect(id).toMatch(ID);
  return id;
}

/** An organization with one user and one offering (with the given offering fields). */
async function scenario(offering: Parameters<typeof insertOffering>[1] = {}) {
  const org = await newOrganization();
  const userId = await insertUser(org.id);
  const offeringId = await insertOffering(org.id, offering);
  return { org, userId, offeringId };
}

/** The current whole second, waiting first if it is about to end (the rule compares whole seconds). */
async function freshSecond(): Promise<number> {
  for (;;) {
    const ms = Date.now() % 1000;
    if (ms < 500) return Date.now() - ms;
    await new Promise((resolve) => setTimeout(resolve, 1000 - ms + 10));
  }
}

/** Asserts the 400 availability error with its reason, and that nothing was created. */
async function expectUnavailable(
  org: TestOrganization,
  userId: string,
  offeringId: string,
  reason: string,
): Promise<void> {
  const before = await registrationsOf(org);
  await expectError(await post(org, { userId, offeringId }), 400, reason, UNAVAILABLE);
  expect(await registrationsOf(org)).toEqual(before);
}

describe("POST /registrations", () => {
  authenticationTests({ method: "POST", path: `${PREFIX}/registrations`, json: { userId: UNKNOWN_ID, offeringId: UNKNOWN_ID } });

  describe("success", () => {
    it("returns 201 with Location under /dc/api/v5, Content-Type application/json, Content-Length 0 and an empty body", async () => {
      const { org, userId, offeringId } = await scenario();
      const response = await post(org, { userId, offeringId }, "/dc/api/v5");
      expect(response.status).toBe(201);
      expect(response.headers.get("Content-Type")).toBe("application/json");
      expect(response.headers.get("Location")).toMatch(/^\/dc\/api\/v5\/registrations\/[0-9a-f]{32}$/);
      expect(response.headers.get("Content-Length")).toBe("0");
      expect(response.headers.get("X-Error-Code")).toBeNull();
      expect(await response.text()).toBe("");
    });

    it("returns 201 with Location under /api/v5 when the request came in on /api/v5", async () => {
      const { org, userId, offeringId } = await scenario();
      const response = await post(org, { userId, offeringId }, "/api/v5");
      expect(response.status).toBe(201);
      expect(response.headers.get("Content-Type")).toBe("application/json");
      expect(response.headers.get("Location")).toMatch(/^\/api\/v5\/registrations\/[0-9a-f]{32}$/);
      expect(response.headers.get("Content-Length")).toBe("0");
      expect(await response.text()).toBe("");
    });

    it("creates an active registration with createdDate now, readable at its Location", async () => {
      const { org, userId, offeringId } = await scenario({ title: "Intro to Chalk" });
      const before = Math.floor(Date.now() / 1000) * 1000;
      const response = await post(org, { userId, offeringId });
      const after = Date.now();
      expect(response.status).toBe(201);
      const location = response.headers.get("Location") ?? "";
      const id = location.split("/").pop() ?? "";

      const read = await call("GET", location, { token: org.token });
      expect(read.status).toBe(200);
      const registration = (await read.json()) as Json;
      expect(registration).toEqual({
        id,
        userId,
        offeringId,
        title: "Intro to Chalk",
        status: "active",
        createdDate: expect.stringMatching(ISO_SECOND),
      });
      const createdAt = Date.parse(String(registration.createdDate));
      expect(createdAt).toBeGreaterThanOrEqual(before);
      expect(createdAt).toBeLessThanOrEqual(after);
    });

    it("creates exactly one registration, listed for the organization", async () => {
      const { org, userId, offeringId } = await scenario();
      const id = await registered(org, userId, offeringId);
      expect((await registrationsOf(org)).map((r) => r.id)).toEqual([id]);
    });

    it("gives every registration a new 32 hex id", async () => {
      const org = await newOrganization();
      const userId = await insertUser(org.id);
      const first = await registered(org, userId, await insertOffering(org.id));
      const second = await registered(org, userId, await insertOffering(org.id));
      expect(first).not.toBe(second);
    });

    it("ignores unknown and read-only properties in the body", async () => {
      const { org, userId, offeringId } = await scenario();
      const id = await registered(org, userId, offeringId);
      const other = await scenario();
      const response = await post(other.org, {
        userId: other.userId,
        offeringId: other.offeringId,
        id,
        status: "passed",
        grade: 99,
        createdDate: "2001-01-01T00:00:00Z",
        colour: "blue",
      });
      expect(response.status).toBe(201);
      const newId = response.headers.get("Location")?.split("/").pop() ?? "";
      expect(newId).not.toBe(id);
      const registration = await readBack(other.org, newId);
      expect(registration.status).toBe("active");
      expect(registration.grade).toBeUndefined();
      expect(registration.createdDate).not.toBe("2001-01-01T00:00:00Z");
    });

    it("accepts a Content-Type with parameters: application/json; charset=utf-8", async () => {
      const { org, userId, offeringId } = await scenario();
      const response = await postRaw(org, JSON.stringify({ userId, offeringId }), "application/json; charset=utf-8");
      expect(response.status).toBe(201);
      expect(await registrationsOf(org)).toHaveLength(1);
    });

    it("accepts a body of exactly 64 KiB", async () => {
      const { org, userId, offeringId } = await scenario();
      const base = JSON.stringify({ userId, offeringId, padding: "" });
      const body = JSON.stringify({ userId, offeringId, padding: "x".repeat(64 * 1024 - base.length) });
      expect(new TextEncoder().encode(body).byteLength).toBe(64 * 1024);
      const response = await postRaw(org, body, "application/json");
      expect(response.status).toBe(201);
    });
  });

  describe("step 1: body rules", () => {
    const endpoint: Endpoint<Target & { org: TestOrganization; userId: string; offeringId: string }> = {
      method: "POST",
      setUp: async () => {
        const world = await scenario();
        return { ...world, token: world.org.token, path: `${PREFIX}/registrations` };
      },
      state: ({ org }) => registrationsOf(org),
    };
    const valid = ({ userId, offeringId }: { userId: string; offeringId: string }) => JSON.stringify({ userId, offeringId });
    const unknownIds = JSON.stringify({ userId: UNKNOWN_ID, offeringId: UNKNOWN_ID });

    bodyRuleTests(endpoint, {
      unsupportedMediaType: [
        { contentType: undefined, body: valid },
        { contentType: "text/plain", body: valid },
        { contentType: "application/x-www-form-urlencoded", body: valid },
        { contentType: "multipart/form-data; boundary=x", body: valid },
        { contentType: "application/jsonx", body: valid },
        { contentType: "application/json-patch+json", body: unknownIds },
        { contentType: "text/plain", body: "x".repeat(70_000), name: "checks Content-Type before size: an oversized text/plain body gets 415" },
        {
          contentType: "text/plain",
          body: "[" + "x".repeat(70 * 1024),
          name: "checks the Content-Type before the size and the syntax: an oversized invalid text/plain body gets 415",
        },
      ],
      payloadTooLarge: [
        { what: "an oversized body sent as a stream without Content-Length", body: () => streamOf(8, "x".repeat(16 * 1024)) },
        {
          what: "a streamed body of JSON whitespace over 64 KiB without Content-Length",
          body: () => streamOf(8, " ".repeat(16 * 1024), "{", "}"),
        },
        { what: "an oversized invalid JSON body", body: "{".repeat(70_000), name: "checks size before syntax: an oversized invalid JSON body gets 413" },
      ],
      invalidJson: [
        { what: "a truncated object", body: '{"userId": "abc", ' },
        { what: "single quotes", body: "{'userId': 'abc'}" },
        { what: "single quotes around a key and a value", body: "{'userId': 'x'}" },
        { what: "a trailing comma", body: '{"userId": "a", "offeringId": "b",}' },
        { what: "an empty body", body: "" },
        { what: "plain text", body: "userId=abc&offeringId=def" },
        { what: "a lone opening brace", body: "{" },
        { what: "a property without a value", body: '{"userId": }' },
        { what: "undefined", body: "undefined" },
        { what: "two objects one after the other", body: '{"a":1}{"b":2}' },
        {
          what: "a body that is not valid UTF-8",
          body: new Uint8Array([...new TextEncoder().encode('{"userId":"'), 0xff, 0xfe, ...new TextEncoder().encode('"}')]),
        },
        {
          what: "a body that is not UTF-8 (a string of the bytes ff fe)",
          body: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), // {"a":"\xff\xfe"}
        },
      ],
      notAnObject: [
        { what: "an array", json: [] },
        { what: "an array of the right object", json: [{ userId: "a", offeringId: "b" }] },
        { what: "an array holding an object with an unknown userId", json: [{ userId: UNKNOWN_ID }] },
        { what: "a string", json: "hello" },
        { what: "the string text", json: "text" },
        { what: "a number", json: 42 },
        { what: "null", json: null },
        { what: "a boolean", json: true },
      ],
    });

    it("returns 413 when the body is over 64 KiB", async () => {
      const { org, userId, offeringId } = await scenario();
      const base = JSON.stringify({ userId, offeringId, padding: "" });
      const body = JSON.stringify({ userId, offeringId, padding: "x".repeat(64 * 1024 - base.length + 1) });
      expect(new TextEncoder().encode(body).byteLength).toBe(64 * 1024 + 1);
      await expectError(await postRaw(org, body, "application/json"), 413, "payload_too_large", {
        errors: ["Request body is too large"],
      });
      expect(await registrationsOf(org)).toEqual([]);
    });

    it("a body of exactly 64 KiB passes the body rules (unknown ids: unknown_user) and one byte more is 413", async () => {
      const org = await newOrganization();
      const bodyOfSize = (size: number) => {
        const head = `{"userId":"${UNKNOWN_ID}","offeringId":"${UNKNOWN_ID}","padding":"`;
        const tail = `"}`;
        return head + "x".repeat(size - head.length - tail.length) + tail;
      };
      const atLimit = bodyOfSize(64 * 1024);
      expect(new TextEncoder().encode(atLimit).byteLength).toBe(65536);
      const accepted = await postRaw(org, atLimit, "application/json");
      expect((await parts(accepted)).errorCode).toBe("unknown_user");
      expect(await parts(await postRaw(org, bodyOfSize(64 * 1024 + 1), "application/json"))).toEqual({
        status: 413,
        contentType: "application/json",
        errorCode: "payload_too_large",
        body: { errors: ["Request body is too large"] },
      });
    });

    it("allows Content-Type parameters such as charset: the references are checked next", async () => {
      const org = await newOrganization();
      const response = await postRaw(org, JSON.stringify({ userId: UNKNOWN_ID, offeringId: UNKNOWN_ID }), "application/json; charset=utf-8");
      expect(await parts(response)).toEqual({
        status: 400,
        contentType: "application/json",
        errorCode: "unknown_user",
        body: { errors: ["No user exists with the given userId", "No offering exists with the given offeringId"] },
      });
    });
  });

  describe("step 2: field presence and type", () => {
    const cases: [string, (ids: { userId: string; offeringId: string }) => unknown, string[]][] = [
      ["both fields missing", () => ({}), ["userId is required", "offeringId is required"]],
      ["both fields null", () => ({ userId: null, offeringId: null }), ["userId is required", "offeringId is required"]],
      ["both fields empty strings", () => ({ userId: "", offeringId: "" }), ["userId is required", "offeringId is required"]],
      ["userId missing", ({ offeringId }) => ({ offeringId }), ["userId is required"]],
      ["userId null", ({ offeringId }) => ({ userId: null, offeringId }), ["userId is required"]],
      ["userId empty", ({ offeringId }) => ({ userId: "", offeringId }), ["userId is required"]],
      ["offeringId missing", ({ userId }) => ({ userId }), ["offeringId is required"]],
      ["offeringId null", ({ userId }) => ({ userId, offeringId: null }), ["offeringId is required"]],
      ["offeringId empty", ({ userId }) => ({ userId, offeringId: "" }), ["offeringId is required"]],
      ["userId a number", ({ offeringId }) => ({ userId: 42, offeringId }), ["userId must be a string"]],
      ["userId an object", ({ offeringId }) => ({ userId: { id: "x" }, offeringId }), ["userId must be a string"]],
      ["userId an array", ({ offeringId }) => ({ userId: ["x"], offeringId }), ["userId must be a string"]],
      ["userId a boolean", ({ offeringId }) => ({ userId: true, offeringId }), ["userId must be a string"]],
      ["offeringId a number", ({ userId }) => ({ userId, offeringId: 7 }), ["offeringId must be a string"]],
      ["offeringId an object", ({ userId }) => ({ userId, offeringId: {} }), ["offeringId must be a string"]],
      ["both non-strings", () => ({ userId: 1, offeringId: { a: 1 } }), ["userId must be a string", "offeringId must be a string"]],
      ["userId missing and offeringId a number", () => ({ offeringId: 5 }), ["userId is required", "offeringId must be a string"]],
      ["userId a number and offeringId null", () => ({ userId: 5, offeringId: null }), ["userId must be a string", "offeringId is required"]],
      [
        "offeringId given before userId in the body",
        () => ({ offeringId: false, userId: "" }),
        ["userId is required", "offeringId must be a string"],
      ],
    ];

    it.each(cases)("returns 400 validation_failed with the exact messages when %s", async (_name, body, errors) => {
      const { org, userId, offeringId } = await scenario();
      await expectError(await post(org, body({ userId, offeringId })), 400, "validation_failed", { errors });
      expect(await registrationsOf(org)).toEqual([]);
    });

    it("checks presence and type before references: an unknown userId is not reported while offeringId is invalid", async () => {
      const { org } = await scenario();
      await expectError(await post(org, { userId: "0".repeat(32), offeringId: 12 }), 400, "validation_failed", {
        errors: ["offeringId must be a string"],
      });
    });
  });

  describe("step 3: references", () => {
    it("returns 400 unknown_user when no user has the userId", async () => {
      const { org, offeringId } = await scenario();
      await expectError(await post(org, { userId: "0123456789abcdef0123456789abcdef", offeringId }), 400, "unknown_user", {
        errors: [NO_USER],
      });
      expect(await registrationsOf(org)).toEqual([]);
    });

    it("returns 400 unknown_offering when no offering has the offeringId", async () => {
      const { org, userId } = await scenario();
      await expectError(await post(org, { userId, offeringId: "0123456789abcdef0123456789abcdef" }), 400, "unknown_offering", {
        errors: [NO_OFFERING],
      });
      expect(await registrationsOf(org)).toEqual([]);
    });

    it("reports an unknown user and an unknown offering together, userId first, with X-Error-Code unknown_user", async () => {
      const { org } = await scenario();
      await expectError(
        await post(org, { userId: "a".repeat(32), offeringId: "b".repeat(32) }),
        400,
        "unknown_user",
        { errors: [NO_USER, NO_OFFERING] },
      );
      expect(await registrationsOf(org)).toEqual([]);
    });

    it.each([
      ["not hex", "not-an-id"],
      ["too short", "abc123"],
      ["SQL-looking", "' OR 1=1 --"],
      ["33 characters", "0".repeat(33)],
    ])("treats a malformed id (%s) as unknown, never a 500", async (_name, malformed) => {
      const { org, userId, offeringId } = await scenario();
      await expectError(await post(org, { userId: malformed, offeringId }), 400, "unknown_user", { errors: [NO_USER] });
      await expectError(await post(org, { userId, offeringId: malformed }), 400, "unknown_offering", { errors: [NO_OFFERING] });
      await expectError(await post(org, { userId: malformed, offeringId: malformed }), 400, "unknown_user", {
        errors: [NO_USER, NO_OFFERING],
      });
      expect(await registrationsOf(org)).toEqual([]);
    });

    it("treats the upper-case spelling of an existing id as unknown", async () => {
      const { org, userId, offeringId } = await scenario();
      await expectError(await post(org, { userId: userId.toUpperCase(), offeringId: offeringId.toUpperCase() }), 400, "unknown_user", {
        errors: [NO_USER, NO_OFFERING],
      });
    });

    it("treats a deleted user as unknown", async () => {
      const { org, offeringId } = await scenario();
      const deletedUser = await insertUser(org.id, { deletedAt: Date.now() });
      await expectError(await post(org, { userId: deletedUser, offeringId }), 400, "unknown_user", { errors: [NO_USER] });
      expect(await registrationsOf(org)).toEqual([]);
    });

    it("treats a deleted offering as unknown", async () => {
      const { org, userId } = await scenario();
      const deletedOffering = await insertOffering(org.id, { deletedAt: Date.now() });
      await expectError(await post(org, { userId, offeringId: deletedOffering }), 400, "unknown_offering", {
        errors: [NO_OFFERING],
      });
      expect(await registrationsOf(org)).toEqual([]);
    });

    it("treats a deleted user and a deleted offering as unknown together", async () => {
      const org = await newOrganization();
      const userId = await insertUser(org.id, { deletedAt: Date.now() });
      const offeringId = await insertOffering(org.id, { deletedAt: Date.now() });
      await expectError(await post(org, { userId, offeringId }), 400, "unknown_user", { errors: [NO_USER, NO_OFFERING] });
    });

    it("treats another organization's user as unknown", async () => {
      const mine = await scenario();
      const theirs = await scenario();
      await expectError(await post(mine.org, { userId: theirs.userId, offeringId: mine.offeringId }), 400, "unknown_user", {
        errors: [NO_USER],
      });
      expect(await registrationsOf(mine.org)).toEqual([]);
      expect(await registrationsOf(theirs.org)).toEqual([]);
    });

    it("treats another organization's offering as unknown", async () => {
      const mine = await scenario();
      const theirs = await scenario();
      await expectError(await post(mine.org, { userId: mine.userId, offeringId: theirs.offeringId }), 400, "unknown_offering", {
        errors: [NO_OFFERING],
      });
      expect(await registrationsOf(mine.org)).toEqual([]);
      expect(await registrationsOf(theirs.org)).toEqual([]);
    });

    it("treats another organization's user and offering as unknown together", async () => {
      const mine = await scenario();
      const theirs = await scenario();
      await expectError(await post(mine.org, { userId: theirs.userId, offeringId: theirs.offeringId }), 400, "unknown_user", {
        errors: [NO_USER, NO_OFFERING],
      });
      expect(await registrationsOf(theirs.org)).toEqual([]);
    });

    it("another organization's user or offering on POST /registrations is unknown", async () => {
      const mine = await newOrganization("Mine");
      const theirs = await newOrganization("Theirs");
      const myUser = await insertUser(mine.id);
      const myOffering = await insertOffering(mine.id);
      const theirUser = await insertUser(theirs.id);
      const theirOffering = await insertOffering(theirs.id);
      const post = (userId: string, offeringId: string) =>
        call("POST", "/dc/api/v5/registrations", { token: mine.token, json: { userId, offeringId } });

      expect(await parts(await post(theirUser, myOffering))).toEqual({
        status: 400,
        contentType: "application/json",
        errorCode: "unknown_user",
        body: { errors: ["No user exists with the given userId"] },
      });
      expect(await parts(await post(myUser, theirOffering))).toEqual({
        status: 400,
        contentType: "application/json",
        errorCode: "unknown_offering",
        body: { errors: ["No offering exists with the given offeringId"] },
      });
      expect(await parts(await post(theirUser, theirOffering))).toEqual({
        status: 400,
        contentType: "application/json",
        errorCode: "unknown_user",
        body: { errors: ["No user exists with the given userId", "No offering exists with the given offeringId"] },
      });

      // Nothing was created in either organization.
      for (const org of [mine, theirs]) {
        const list = await call("GET", "/dc/api/v5/registrations", { token: org.token });
        expect((await parts(list)).body).toEqual({ results: [] });
      }
    });

    it("checks references before availability: an unknown user of a closed offering gets unknown_user", async () => {
      const { org, offeringId } = await scenario({ registrationEndDate: Date.now() - HOUR });
      await expectError(await post(org, { userId: "c".repeat(32), offeringId }), 400, "unknown_user", { errors: [NO_USER] });
    });
  });

  describe("step 4: availability", () => {
    it("returns 400 already_registered when the user already has an active registration", async () => {
      const { org, userId, offeringId } = await scenario();
      await registered(org, userId, offeringId);
      await expectUnavailable(org, userId, offeringId, "already_registered");
    });

    it("returns 400 already_registered even when the offering allows retakes", async () => {
      const { org, userId, offeringId } = await scenario({ allowRetake: true });
      await registered(org, userId, offeringId);
      await expectUnavailable(org, userId, offeringId, "already_registered");
    });

    it("does not block on another user's active registration or the user's registration in another offering", async () => {
      const { org, userId, offeringId } = await scenario();
      const otherUser = await insertUser(org.id);
      const otherOffering = await insertOffering(org.id);
      await registered(org, otherUser, offeringId);
      await registered(org, userId, otherOffering);
      await registered(org, userId, offeringId);
    });

    it.each(["passed", "failed"] as const)(
      "returns 400 retake_not_allowed when the user has a %s registration and allowRetake is false",
      async (status) => {
        const { org, userId, offeringId } = await scenario({ allowRetake: false });
        await insertRegistration(org.id, { userId, offeringId, status, grade: status === "passed" ? 90 : 10, endAt: Date.now() });
        await expectUnavailable(org, userId, offeringId, "retake_not_allowed");
      },
    );

    it("returns 400 retake_not_allowed after a grade is assigned through PUT, allowRetake defaulting to false", async () => {
      const { org, userId, offeringId } = await scenario();
      const id = await registered(org, userId, offeringId);
      const graded = await call("PUT", `${PREFIX}/registrations/${id}`, { token: org.token, json: { grade: 95 } });
      expect(graded.status).toBe(204);
      await expectUnavailable(org, userId, offeringId, "retake_not_allowed");
    });

    it.each(["passed", "failed"] as const)(
      "allows a new registration after a %s one when allowRetake is true",
      async (status) => {
        const { org, userId, offeringId } = await scenario({ allowRetake: true });
        const old = await insertRegistration(org.id, { userId, offeringId, status, grade: 50, endAt: Date.now() });
        const id = await registered(org, userId, offeringId);
        expect((await readBack(org, id)).status).toBe("active");
        expect((await readBack(org, old)).status).toBe(status);
      },
    );

    it("does not let an ejected registration block a new one, even without retakes", async () => {
      const { org, userId, offeringId } = await scenario({ allowRetake: false });
      const first = await registered(org, userId, offeringId);
      const ejected = await call("PUT", `${PREFIX}/registrations/${first}`, { token: org.token, json: { status: "ejected" } });
      expect(ejected.status).toBe(204);
      const second = await registered(org, userId, offeringId);
      expect((await readBack(org, second)).status).toBe("active");
      expect((await readBack(org, first)).status).toBe("ejected");
    });

    it("returns 400 registration_not_open when now is before registrationBeginDate", async () => {
      const { org, userId, offeringId } = await scenario({ registrationBeginDate: Date.now() + HOUR });
      await expectUnavailable(org, userId, offeringId, "registration_not_open");
    });

    it("returns 400 registration_not_open one second before registrationBeginDate", async () => {
      const second = await freshSecond();
      const { org, userId, offeringId } = await scenario({ registrationBeginDate: second + 1000 });
      await expectUnavailable(org, userId, offeringId, "registration_not_open");
    });

    it("registers at exactly registrationBeginDate (inclusive)", async () => {
      const second = await freshSecond();
      const { org, userId, offeringId } = await scenario({ registrationBeginDate: second });
      await registered(org, userId, offeringId);
    });

    it("registers after registrationBeginDate", async () => {
      const { org, userId, offeringId } = await scenario({ registrationBeginDate: Date.now() - HOUR });
      await registered(org, userId, offeringId);
    });

    it("returns 400 registration_closed when now is after registrationEndDate", async () => {
      const { org, userId, offeringId } = await scenario({ registrationEndDate: Date.now() - HOUR });
      await expectUnavailable(org, userId, offeringId, "registration_closed");
    });

    it("returns 400 registration_closed one second after registrationEndDate", async () => {
      const second = await freshSecond();
      const { org, userId, offeringId } = await scenario({ registrationEndDate: second - 1000 });
      await expectUnavailable(org, userId, offeringId, "registration_closed");
    });

    it("registers at exactly registrationEndDate (inclusive)", async () => {
      const second = await freshSecond();
      const { org, userId, offeringId } = await scenario({ registrationEndDate: second });
      await registered(org, userId, offeringId);
    });

    it("registers when registrationBeginDate and registrationEndDate are both exactly now", async () => {
      const second = await freshSecond();
      const { org, userId, offeringId } = await scenario({ registrationBeginDate: second, registrationEndDate: second });
      await registered(org, userId, offeringId);
    });

    it("registers inside an open registration window", async () => {
      const now = Date.now();
      const { org, userId, offeringId } = await scenario({
        registrationBeginDate: now - HOUR,
        registrationEndDate: now + HOUR,
        beginDate: now - HOUR,
        endDate: now + 24 * HOUR,
      });
      await registered(org, userId, offeringId);
    });

    it("returns 400 offering_ended when now is after the offering's endDate", async () => {
      const { org, userId, offeringId } = await scenario({ endDate: Date.now() - HOUR });
      await expectUnavailable(org, userId, offeringId, "offering_ended");
    });

    it("returns 400 offering_ended one second after endDate", async () => {
      const second = await freshSecond();
      const { org, userId, offeringId } = await scenario({ endDate: second - 1000 });
      await expectUnavailable(org, userId, offeringId, "offering_ended");
    });

    it("registers at exactly endDate (only after it is ended)", async () => {
      const second = await freshSecond();
      const { org, userId, offeringId } = await scenario({ endDate: second });
      await registered(org, userId, offeringId);
    });

    it("registers into an offering whose beginDate is in the future (only the registration dates gate opening)", async () => {
      const { org, userId, offeringId } = await scenario({ beginDate: Date.now() + 24 * HOUR });
      await registered(org, userId, offeringId);
    });

    it("returns 400 offering_full when seatLimit active registrations exist", async () => {
      const { org, userId, offeringId } = await scenario({ seatLimit: 2 });
      await registered(org, await insertUser(org.id), offeringId);
      await registered(org, await insertUser(org.id), offeringId);
      await expectUnavailable(org, userId, offeringId, "offering_full");
    });

    it("fills the last seat: registers while fewer than seatLimit registrations are active", async () => {
      const { org, userId, offeringId } = await scenario({ seatLimit: 2 });
      await registered(org, await insertUser(org.id), offeringId);
      await registered(org, userId, offeringId);
      await expectUnavailable(org, await insertUser(org.id), offeringId, "offering_full");
    });

    it("counts only active registrations against seatLimit (ejected, passed and failed do not take a seat)", async () => {
      const { org, userId, offeringId } = await scenario({ seatLimit: 1 });
      await insertRegistration(org.id, { userId: await insertUser(org.id), offeringId, status: "ejected", endAt: Date.now() });
      await insertRegistration(org.id, { userId: await insertUser(org.id), offeringId, status: "passed", grade: 90, endAt: Date.now() });
      await insertRegistration(org.id, { userId: await insertUser(org.id), offeringId, status: "failed", grade: 5, endAt: Date.now() });
      await registered(org, userId, offeringId);
    });

    it("frees a seat when an active registration is ejected", async () => {
      const { org, userId, offeringId } = await scenario({ seatLimit: 1 });
      const taken = await registered(org, await insertUser(org.id), offeringId);
      await expectUnavailable(org, userId, offeringId, "offering_full");
      const ejected = await call("PUT", `${PREFIX}/registrations/${taken}`, { token: org.token, json: { status: "ejected" } });
      expect(ejected.status).toBe(204);
      await registered(org, userId, offeringId);
    });

    it("frees a seat when an active registration is graded (passed or failed)", async () => {
      const { org, userId, offeringId } = await scenario({ seatLimit: 1 });
      const first = await registered(org, await insertUser(org.id), offeringId);
      await expectUnavailable(org, userId, offeringId, "offering_full");
      expect((await call("PUT", `${PREFIX}/registrations/${first}`, { token: org.token, json: { grade: 95 } })).status).toBe(204);
      const second = await registered(org, await insertUser(org.id), offeringId);
      await expectUnavailable(org, userId, offeringId, "offering_full");
      expect((await call("PUT", `${PREFIX}/registrations/${second}`, { token: org.token, json: { grade: 10 } })).status).toBe(204);
      // A second grade of a graded registration frees nothing more.
      expect((await call("PUT", `${PREFIX}/registrations/${first}`, { token: org.token, json: { grade: 50 } })).status).toBe(204);
      await registered(org, userId, offeringId);
      await expectUnavailable(org, await insertUser(org.id), offeringId, "offering_full");
    });

    it("frees the seats of a deleted user's active registrations", async () => {
      const { org, userId, offeringId } = await scenario({ seatLimit: 1 });
      const other = await insertOffering(org.id, { seatLimit: 1 });
      const leaving = await insertUser(org.id);
      await registered(org, leaving, offeringId);
      await registered(org, leaving, other);
      await expectUnavailable(org, userId, offeringId, "offering_full");
      expect((await call("DELETE", `${PREFIX}/users/${leaving}`, { token: org.token })).status).toBe(204);
      await registered(org, userId, offeringId);
      await registered(org, userId, other);
    });

    it("holds a seat for an active registration made before the seat limit was set or lowered", async () => {
      const { org, userId, offeringId } = await scenario();
      await registered(org, await insertUser(org.id), offeringId);
      await registered(org, await insertUser(org.id), offeringId);
      const limit = (seatLimit: number) =>
        call("PUT", `${PREFIX}/offerings/${offeringId}`, { token: org.token, json: { seatLimit } });
      expect((await limit(2)).status).toBe(204);
      await expectUnavailable(org, userId, offeringId, "offering_full");
      expect((await limit(3)).status).toBe(204);
      await registered(org, userId, offeringId);
    });

    it("answers availability errors on /api/v5 the same way", async () => {
      const { org, userId, offeringId } = await scenario({ registrationBeginDate: Date.now() + HOUR });
      await expectError(await post(org, { userId, offeringId }, "/api/v5"), 400, "registration_not_open", UNAVAILABLE);
    });
  });

  describe("step 4: precedence when several reasons hold", () => {
    it("reports already_registered before every other reason", async () => {
      const past = Date.now() - HOUR;
      const { org, userId, offeringId } = await scenario({
        allowRetake: false,
        registrationEndDate: past,
        endDate: past,
        seatLimit: 1,
      });
      await insertRegistration(org.id, { userId, offeringId, status: "passed", grade: 90, endAt: past, createdAt: past - HOUR });
      await insertRegistration(org.id, { userId, offeringId, status: "active", createdAt: past - 1000 });
      await expectUnavailable(org, userId, offeringId, "already_registered");
    });

    it("reports retake_not_allowed before registration_not_open, offering_ended and offering_full", async () => {
      const now = Date.now();
      const { org, userId, offeringId } = await scenario({
        allowRetake: false,
        registrationBeginDate: now + HOUR,
        endDate: now - HOUR,
        seatLimit: 1,
      });
      await insertRegistration(org.id, { userId, offeringId, status: "failed", grade: 10, endAt: now - HOUR });
      await insertRegistration(org.id, { userId: await insertUser(org.id), offeringId, status: "active" });
      await expectUnavailable(org, userId, offeringId, "retake_not_allowed");
    });

    it("reports retake_not_allowed before registration_closed", async () => {
      const { org, userId, offeringId } = await scenario({ allowRetake: false, registrationEndDate: Date.now() - HOUR });
      await insertRegistration(org.id, { userId, offeringId, status: "passed", grade: 80, endAt: Date.now() - HOUR });
      await expectUnavailable(org, userId, offeringId, "retake_not_allowed");
    });

    it("reports registration_not_open before offering_ended and offering_full", async () => {
      const now = Date.now();
      const { org, userId, offeringId } = await scenario({
        registrationBeginDate: now + HOUR,
        endDate: now - HOUR,
        seatLimit: 1,
      });
      await insertRegistration(org.id, { userId: await insertUser(org.id), offeringId, status: "active" });
      await expectUnavailable(org, userId, offeringId, "registration_not_open");
    });

    it("reports registration_closed before offering_ended and offering_full", async () => {
      const now = Date.now();
      const { org, userId, offeringId } = await scenario({
        registrationBeginDate: now - 3 * HOUR,
        registrationEndDate: now - 2 * HOUR,
        endDate: now - HOUR,
        seatLimit: 1,
      });
      await insertRegistration(org.id, { userId: await insertUser(org.id), offeringId, status: "active" });
      await expectUnavailable(org, userId, offeringId, "registration_closed");
    });

    it("reports offering_ended before offering_full", async () => {
      const { org, userId, offeringId } = await scenario({ endDate: Date.now() - HOUR, seatLimit: 1 });
      await insertRegistration(org.id, { userId: await insertUser(org.id), offeringId, status: "active" });
      await expectUnavailable(org, userId, offeringId, "offering_ended");
    });

    it("reports retake_not_allowed rather than offering_full when the retake would also find no seat", async () => {
      const { org, userId, offeringId } = await scenario({ allowRetake: false, seatLimit: 1 });
      await insertRegistration(org.id, { userId, offeringId, status: "passed", grade: 90, endAt: Date.now() });
      await insertRegistration(org.id, { userId: await insertUser(org.id), offeringId, status: "active" });
      await expectUnavailable(org, userId, offeringId, "retake_not_allowed");
    });
  });

  describe("a refused POST creates nothing", () => {
    it("leaves the organization's registrations unchanged after each kind of failure", async () => {
      const { org, userId, offeringId } = await scenario({ seatLimit: 1 });
      const existing = await registered(org, userId, offeringId);
      const before = await registrationsOf(org);
      expect(before.map((r) => r.id)).toEqual([existing]);

      const otherUser = await insertUser(org.id);
      const attempts: (() => Promise<Response>)[] = [
        () => postRaw(org, JSON.stringify({ userId: otherUser, offeringId }), "text/plain"),
        () => postRaw(org, "{", "application/json"),
        () => postRaw(org, "[]", "application/json"),
        () => post(org, { userId: otherUser }),
        () => post(org, { userId: "f".repeat(32), offeringId }),
        () => post(org, { userId, offeringId }),
        () => post(org, { userId: otherUser, offeringId }),
      ];
      const statuses: number[] = [];
      for (const attempt of attempts) statuses.push((await attempt()).status);
      expect(statuses).toEqual([415, 400, 400, 400, 400, 400, 400]);
      expect(await registrationsOf(org)).toEqual(before);
    });
  });
});
