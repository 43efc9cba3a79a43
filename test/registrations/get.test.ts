/** Contract tests of GET <prefix>/registrations/<id> (API.md §1, §3, §6); rows with chosen times come from the fixtures, everything is asserted through the API. */
import { describe, expect, it } from "vitest";
import { newId } from "../../src/lib/crypto";
import { insertOffering, insertRegistration, insertUser, newOrganization } from "../support/fixtures";
import { call, parts } from "../support/http";
import { UNKNOWN_ID, PREFIX, ISO_SECOND, NOT_FOUND, at, expectError } from "../support/contract";
import { get, scenario } from "../support/registrations";
import { authenticationTests } from "../support/common-tests";

describe("GET /registrations/<id>", () => {
  authenticationTests({ method: "GET", path: `${PREFIX}/registrations/${UNKNOWN_ID}` });

  it("returns 200 with the new registration: id, userId, offeringId, title, status, createdDate and nothing else", async () => {
    const { org, userId, offeringId } = await scenario();
    const created = await call("POST", `${PREFIX}/registrations`, { token: org.token, json: { userId, offeringId } });
    expect(created.status).toBe(201);
    const id = created.headers.get("Location")?.split("/").pop() ?? "";
    const response = await get(org, `${PREFIX}/registrations/${id}`);
    const { status, contentType, errorCode, body } = await parts(response);
    expect({ status, contentType, errorCode }).toEqual({ status: 200, contentType: "application/json", errorCode: null });
    expect(body).toEqual({
      id,
      userId,
      offeringId,
      title: "Chalk 101",
      status: "active",
      createdDate: expect.stringMatching(ISO_SECOND),
    });
  });

  it("returns every field when set, with dates in UTC ISO-8601 without fractional seconds", async () => {
    const { org, userId, offeringId } = await scenario();
    const id = await insertRegistration(org.id, {
      userId,
      offeringId,
      status: "passed",
      grade: 87.5,
      graderId: "grader-7",
      graderComment: "Well done",
      createdAt: at("2026-01-31T10:00:00.123Z"),
      beginAt: at("2026-02-01T08:30:15.999Z"),
      lastActiveAt: at("2026-02-03T23:59:59.500Z"),
      endAt: at("2026-02-04T00:00:01.001Z"),
    });
    expect(await parts(await get(org, `${PREFIX}/registrations/${id}`))).toEqual({
      status: 200,
      contentType: "application/json",
      errorCode: null,
      body: {
        id,
        userId,
        offeringId,
        title: "Chalk 101",
        status: "passed",
        grade: 87.5,
        graderId: "grader-7",
        graderComment: "Well done",
        createdDate: "2026-01-31T10:00:00Z",
        beginDate: "2026-02-01T08:30:15Z",
        lastActiveDate: "2026-02-03T23:59:59Z",
        endDate: "2026-02-04T00:00:01Z",
      },
    });
  });

  it("omits empty fields (never null) and keeps a grade of 0", async () => {
    const { org, userId, offeringId } = await scenario();
    const id = await insertRegistration(org.id, {
      userId,
      offeringId,
      status: "failed",
      grade: 0,
      createdAt: at("2026-03-01T06:03:10Z"),
      endAt: at("2026-03-02T00:00:00Z"),
    });
    const body = (await parts(await get(org, `${PREFIX}/registrations/${id}`))).body;
    expect(body).toEqual({
      id,
      userId,
      offeringId,
      title: "Chalk 101",
      status: "failed",
      grade: 0,
      createdDate: "2026-03-01T06:03:10Z",
      endDate: "2026-03-02T00:00:00Z",
    });
  });

  it("serves the same object under /api/v5", async () => {
    const { org, userId, offeringId } = await scenario();
    const id = await insertRegistration(org.id, { userId, offeringId, createdAt: at("2026-01-01T00:00:00Z") });
    const dc = await parts(await get(org, `/dc/api/v5/registrations/${id}`));
    const api = await parts(await get(org, `/api/v5/registrations/${id}`));
    expect(api).toEqual(dc);
    expect(api.status).toBe(200);
  });

  it("still returns a registration whose user and offering were deleted", async () => {
    const org = await newOrganization();
    const userId = await insertUser(org.id, { deletedAt: at("2026-01-03T00:00:00Z") });
    const offeringId = await insertOffering(org.id, { title: "Gone", deletedAt: at("2026-01-03T00:00:00Z") });
    const id = await insertRegistration(org.id, {
      userId,
      offeringId,
      status: "ejected",
      createdAt: at("2026-01-01T00:00:00Z"),
      endAt: at("2026-01-02T00:00:00Z"),
    });
    expect((await parts(await get(org, `${PREFIX}/registrations/${id}`))).body).toEqual({
      id,
      userId,
      offeringId,
      title: "Gone",
      status: "ejected",
      createdDate: "2026-01-01T00:00:00Z",
      endDate: "2026-01-02T00:00:00Z",
    });
  });

  it("returns 404 not_found for an unknown id", async () => {
    const { org } = await scenario();
    await expectError(await get(org, `${PREFIX}/registrations/${newId()}`), 404, "not_found", NOT_FOUND);
  });

  it.each([
    ["not hex", "not-a-registration-id"],
    ["too short", "abc"],
    ["33 characters", "0".repeat(33)],
    ["percent-encoded quote", "%27%20OR%201%3D1"],
  ])("returns 404 not_found, never a 500, for a malformed id (%s)", async (_name, malformed) => {
    const { org } = await scenario();
    await expectError(await get(org, `${PREFIX}/registrations/${malformed}`), 404, "not_found", NOT_FOUND);
  });

  it("returns 404 not_found for the upper-case spelling of an existing id", async () => {
    const { org, userId, offeringId } = await scenario();
    const id = await insertRegistration(org.id, { userId, offeringId });
    await expectError(await get(org, `${PREFIX}/registrations/${id.toUpperCase()}`), 404, "not_found", NOT_FOUND);
  });

  it("returns 404 not_found for another organization's registration, with the same body as an unknown id", async () => {
    const theirs = await scenario();
    const id = await insertRegistration(theirs.org.id, { userId: theirs.userId, offeringId: theirs.offeringId });
    const mine = await newOrganization();
    await expectError(await get(mine, `${PREFIX}/registrations/${id}`), 404, "not_found", NOT_FOUND);
    await expectError(await get(mine, `/api/v5/registrations/${id}`), 404, "not_found", NOT_FOUND);
    expect((await get(theirs.org, `${PREFIX}/registrations/${id}`)).status).toBe(200);
  });
});
