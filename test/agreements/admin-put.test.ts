/** Contract tests of PUT /admin/v1/organizations/<orgId>/agreements/<type> (API.md §7): agreements and the users' answers to them. */
import { describe, expect, it } from "vitest";
import { call, parts } from "../support/http";
import { insertUser, newOrganization } from "../support/fixtures";
import { workersOnly } from "../support/runtime";
import { freezeClockAt, restoreClockAfterEach } from "../support/clock";
import { UNKNOWN_ID, NOT_FOUND_ID, NO_CONTENT, ok, invalid } from "../support/contract";
import { STANDARD, putAgreement, enable, get, answer } from "../support/agreements";

restoreClockAfterEach();

describe("PUT /admin/v1/organizations/<orgId>/agreements/<type>", () => {
  workersOnly("enables an agreement: 204, empty body; it appears for the organization", async () => {
    const org = await newOrganization();
    freezeClockAt("2026-01-02T03:04:05Z");
    expect(await parts(await putAgreement(org.id, "standard", STANDARD))).toEqual(NO_CONTENT);
    expect(await get(org, "/agreements/standard")).toEqual(
      ok({
        type: "standard",
        title: "Terms of use",
        text: "Be kind.",
        createdDate: "2026-01-02T03:04:05Z",
        updatedDate: "2026-01-02T03:04:05Z",
        required: true,
      }),
    );
  });

  workersOnly("again replaces title, text and required; createdDate stays, updatedDate changes, answers stay", async () => {
    const org = await newOrganization();
    const userId = await insertUser(org.id);
    freezeClockAt("2026-01-02T03:04:05Z");
    await enable(org, "standard", STANDARD);
    freezeClockAt("2026-01-03T00:00:00Z");
    await answer(org, userId, "standard", { agreed: true });
    freezeClockAt("2026-03-01T12:00:00Z");
    expect(await parts(await putAgreement(org.id, "standard", { title: "Terms v2", text: "Be kinder.", required: false }))).toEqual(
      NO_CONTENT,
    );
    expect(await get(org, `/users/${userId}/agreements/standard`)).toEqual(
      ok({
        type: "standard",
        title: "Terms v2",
        text: "Be kinder.",
        createdDate: "2026-01-02T03:04:05Z",
        updatedDate: "2026-03-01T12:00:00Z",
        required: false,
        agreed: true,
        agreedDate: "2026-01-03T00:00:00Z",
      }),
    );
  });

  it("required defaults to false", async () => {
    const org = await newOrganization();
    await enable(org, "custom", { title: "T", text: "X" });
    expect((await get(org, "/agreements/custom")).body).toMatchObject({ required: false });
  });

  it("title and text are required strings and required must be a boolean, reported together", async () => {
    const org = await newOrganization();
    expect(await parts(await putAgreement(org.id, "standard", {}))).toEqual(
      invalid({ title: "title is required", text: "text is required" }),
    );
    expect(await parts(await putAgreement(org.id, "standard", { title: "", text: null, required: "yes" }))).toEqual(
      invalid({ title: "title is required", text: "text is required", required: "required must be true or false" }),
    );
    expect(await parts(await putAgreement(org.id, "standard", { title: 1, text: ["x"], required: "" }))).toEqual(
      invalid({ title: "title must be a string", text: "text must be a string", required: "required must be true or false" }),
    );
    expect(await get(org, "/agreements")).toEqual(ok({ results: [] }));
  });

  it("an unknown or malformed organization, or an unknown type, is 404", async () => {
    const org = await newOrganization();
    for (const [orgId, type] of [
      [UNKNOWN_ID, "standard"],
      ["nope", "standard"],
      [org.id, "other"],
    ] as const) {
      expect(await parts(await putAgreement(orgId, type, STANDARD)), `${orgId} ${type}`).toEqual(NOT_FOUND_ID);
    }
  });

  it("needs the admin token: an organization's token or none is 401", async () => {
    const org = await newOrganization();
    const withOrgToken = await putAgreement(org.id, "standard", STANDARD, org.token);
    expect(await parts(withOrgToken)).toEqual({
      status: 401,
      contentType: "application/json",
      errorCode: "unauthorized",
      body: { errors: ["A valid access token is required"] },
    });
    expect(withOrgToken.headers.get("WWW-Authenticate")).toBe('Bearer realm="api", error="invalid_token"');
    const withoutToken = await call("PUT", `/admin/v1/organizations/${org.id}/agreements/standard`, { json: STANDARD });
    expect(withoutToken.status).toBe(401);
    expect(withoutToken.headers.get("WWW-Authenticate")).toBe('Bearer realm="api"');
    expect(await get(org, "/agreements")).toEqual(ok({ results: [] }));
  });
});
