/** Contract tests of GET /users/<userId>/agreements (API.md §7): agreements and the users' answers to them. */
import { describe, expect, it } from "vitest";
import { insertUser, newOrganization } from "../support/fixtures";
import { workersOnly } from "../support/runtime";
import { freezeClockAt, restoreClockAfterEach } from "../support/clock";
import { PREFIX, UNKNOWN_ID, NOT_FOUND_ID, ok } from "../support/contract";
import { STANDARD, CUSTOM, enable, get, answer } from "../support/agreements";
import { authenticationTests } from "../support/common-tests";

restoreClockAfterEach();

describe("GET /users/<userId>/agreements", () => {
  authenticationTests({ method: "GET", path: `${PREFIX}/users/${UNKNOWN_ID}/agreements` });

  workersOnly("lists each enabled agreement with agreed false and no agreedDate when never answered", async () => {
    const org = await newOrganization();
    const userId = await insertUser(org.id);
    freezeClockAt("2026-01-02T03:04:05Z");
    await enable(org, "standard", STANDARD);
    await enable(org, "custom", CUSTOM);
    const dates = { createdDate: "2026-01-02T03:04:05Z", updatedDate: "2026-01-02T03:04:05Z" };
    expect(await get(org, `/users/${userId}/agreements`)).toEqual(
      ok({
        results: [
          { type: "standard", title: STANDARD.title, text: STANDARD.text, ...dates, required: true, agreed: false },
          { type: "custom", title: CUSTOM.title, text: CUSTOM.text, ...dates, required: false, agreed: false },
        ],
      }),
    );
  });

  workersOnly("shows the user's own answers: agreed with its date, declined without one", async () => {
    const org = await newOrganization();
    const userId = await insertUser(org.id);
    const otherUser = await insertUser(org.id);
    freezeClockAt("2026-01-02T03:04:05Z");
    await enable(org, "standard", STANDARD);
    await enable(org, "custom", CUSTOM);
    freezeClockAt("2026-02-03T04:05:06Z");
    expect((await answer(org, userId, "standard", { agreed: true })).status).toBe(204);
    expect((await answer(org, userId, "custom", { agreed: false })).status).toBe(204);
    const dates = { createdDate: "2026-01-02T03:04:05Z", updatedDate: "2026-01-02T03:04:05Z" };
    expect(await get(org, `/users/${userId}/agreements`)).toEqual(
      ok({
        results: [
          { type: "standard", title: STANDARD.title, text: STANDARD.text, ...dates, required: true, agreed: true, agreedDate: "2026-02-03T04:05:06Z" },
          { type: "custom", title: CUSTOM.title, text: CUSTOM.text, ...dates, required: false, agreed: false },
        ],
      }),
    );
    const others = (await get(org, `/users/${otherUser}/agreements`)).body as { results: { agreed: boolean }[] };
    expect(others.results.map((a) => a.agreed)).toEqual([false, false]);
  });

  it("is an empty results list for a live user when the organization has enabled none", async () => {
    const org = await newOrganization();
    const userId = await insertUser(org.id);
    expect(await get(org, `/users/${userId}/agreements`)).toEqual(ok({ results: [] }));
  });

  it("an unknown, malformed, deleted or another organization's user is 404", async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    await enable(org, "standard", STANDARD);
    const deleted = await insertUser(org.id, { deletedAt: Date.now() });
    const theirs = await insertUser(other.id);
    for (const userId of [UNKNOWN_ID, "nope", deleted, theirs]) {
      expect(await get(org, `/users/${userId}/agreements`), userId).toEqual(NOT_FOUND_ID);
    }
  });
});
