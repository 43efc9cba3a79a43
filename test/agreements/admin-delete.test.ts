/** Contract tests of DELETE /admin/v1/organizations/<orgId>/agreements/<type> (API.md §7): agreements and the users' answers to them. */
import { describe, expect, it } from "vitest";
import { parts } from "../support/http";
import { insertUser, newOrganization } from "../support/fixtures";
import { workersOnly } from "../support/runtime";
import { freezeClockAt, restoreClockAfterEach } from "../support/clock";
import { UNKNOWN_ID, NOT_FOUND_ID, NO_CONTENT, ok } from "../support/contract";
import { STANDARD, CUSTOM, deleteAgreement, enable, get, answer } from "../support/agreements";

restoreClockAfterEach();

describe("DELETE /admin/v1/organizations/<orgId>/agreements/<type>", () => {
  it("disables the agreement: 204, empty body; then it is 404 and unlisted, for users too", async () => {
    const org = await newOrganization();
    const userId = await insertUser(org.id);
    await enable(org, "standard", STANDARD);
    await enable(org, "custom", CUSTOM);
    expect(await parts(await deleteAgreement(org.id, "standard"))).toEqual(NO_CONTENT);
    expect(await get(org, "/agreements/standard")).toEqual(NOT_FOUND_ID);
    expect(await get(org, `/users/${userId}/agreements/standard`)).toEqual(NOT_FOUND_ID);
    expect(await parts(await answer(org, userId, "standard", { agreed: true }))).toEqual(NOT_FOUND_ID);
    const { body } = await get(org, "/agreements");
    expect((body as { results: { type: string }[] }).results.map((a) => a.type)).toEqual(["custom"]);
  });

  workersOnly("removes the answers: enabled again, nobody has agreed yet; other organizations keep theirs", async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    const userId = await insertUser(org.id);
    const theirUser = await insertUser(other.id);
    await enable(org, "standard", STANDARD);
    await enable(other, "standard", STANDARD);
    await answer(org, userId, "standard", { agreed: true });
    await answer(other, theirUser, "standard", { agreed: true });
    freezeClockAt("2026-06-01T00:00:00Z");
    await deleteAgreement(org.id, "standard");
    await enable(org, "standard", STANDARD);
    expect(await get(org, `/users/${userId}/agreements/standard`)).toEqual(
      ok({
        type: "standard",
        title: STANDARD.title,
        text: STANDARD.text,
        createdDate: "2026-06-01T00:00:00Z",
        updatedDate: "2026-06-01T00:00:00Z",
        required: true,
        agreed: false,
      }),
    );
    expect((await get(other, `/users/${theirUser}/agreements/standard`)).body).toMatchObject({ agreed: true });
  });

  it("a type not enabled, an unknown type or an unknown organization is 404", async () => {
    const org = await newOrganization();
    for (const [orgId, type] of [
      [org.id, "standard"],
      [org.id, "other"],
      [UNKNOWN_ID, "standard"],
      ["nope", "custom"],
    ] as const) {
      expect(await parts(await deleteAgreement(orgId, type)), `${orgId} ${type}`).toEqual(NOT_FOUND_ID);
    }
  });

  it("needs the admin token", async () => {
    const org = await newOrganization();
    await enable(org, "standard", STANDARD);
    expect((await deleteAgreement(org.id, "standard", org.token)).status).toBe(401);
    expect((await get(org, "/agreements/standard")).status).toBe(200);
  });
});
