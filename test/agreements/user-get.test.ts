/** Contract tests of GET /users/<userId>/agreements/<type> (API.md §7): agreements and the users' answers to them. */
import { describe, expect, it } from "vitest";
import { insertUser, newOrganization } from "../support/fixtures";
import { workersOnly } from "../support/runtime";
import { freezeClockAt, restoreClockAfterEach } from "../support/clock";
import { PREFIX, UNKNOWN_ID, NOT_FOUND_ID, ok } from "../support/contract";
import { STANDARD, CUSTOM, enable, get, answer } from "../support/agreements";
import { authenticationTests } from "../support/common-tests";

restoreClockAfterEach();

describe("GET /users/<userId>/agreements/<type>", () => {
  authenticationTests({ method: "GET", path: `${PREFIX}/users/${UNKNOWN_ID}/agreements/standard` });

  workersOnly("returns the agreement with the user's answer", async () => {
    const org = await newOrganization();
    const userId = await insertUser(org.id);
    freezeClockAt("2026-01-02T03:04:05Z");
    await enable(org, "standard", STANDARD);
    const agreement = {
      type: "standard",
      title: STANDARD.title,
      text: STANDARD.text,
      createdDate: "2026-01-02T03:04:05Z",
      updatedDate: "2026-01-02T03:04:05Z",
      required: true,
    };
    expect(await get(org, `/users/${userId}/agreements/standard`)).toEqual(ok({ ...agreement, agreed: false }));
    freezeClockAt("2026-01-03T00:00:00Z");
    await answer(org, userId, "standard", { agreed: true });
    expect(await get(org, `/users/${userId}/agreements/standard`)).toEqual(
      ok({ ...agreement, agreed: true, agreedDate: "2026-01-03T00:00:00Z" }),
    );
  });

  it("a type not enabled or unknown is 404; so is an unknown, deleted or another organization's user", async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    await enable(org, "standard", STANDARD);
    await enable(other, "custom", CUSTOM);
    const userId = await insertUser(org.id);
    const deleted = await insertUser(org.id, { deletedAt: Date.now() });
    const theirs = await insertUser(other.id);
    const paths = [
      `/users/${userId}/agreements/custom`,
      `/users/${userId}/agreements/other`,
      `/users/${UNKNOWN_ID}/agreements/standard`,
      `/users/nope/agreements/standard`,
      `/users/${deleted}/agreements/standard`,
      `/users/${theirs}/agreements/standard`,
      `/users/${theirs}/agreements/custom`,
    ];
    for (const path of paths) expect(await get(org, path), path).toEqual(NOT_FOUND_ID);
  });
});
