/** Contract tests of PUT /users/<userId>/agreements/<type> (API.md §7): agreements and the users' answers to them. */
import { describe, expect, it } from "vitest";
import { parts } from "../support/http";
import { insertUser, newOrganization } from "../support/fixtures";
import { workersOnly } from "../support/runtime";
import { freezeClockAt, restoreClockAfterEach } from "../support/clock";
import { PREFIX, UNKNOWN_ID, NOT_FOUND_ID, NO_CONTENT, invalid } from "../support/contract";
import { STANDARD, CUSTOM, enable, get, answer } from "../support/agreements";
import { authenticationTests, bodyRuleTests } from "../support/common-tests";

restoreClockAfterEach();

describe("PUT /users/<userId>/agreements/<type>", () => {
  authenticationTests({ method: "PUT", path: `${PREFIX}/users/${UNKNOWN_ID}/agreements/standard`, json: { agreed: true } });

  workersOnly("agreeing is 204 with an empty body and records the time", async () => {
    const org = await newOrganization();
    const userId = await insertUser(org.id);
    await enable(org, "standard", STANDARD);
    freezeClockAt("2026-04-05T06:07:08Z");
    expect(await parts(await answer(org, userId, "standard", { agreed: true }))).toEqual(NO_CONTENT);
    expect((await get(org, `/users/${userId}/agreements/standard`)).body).toMatchObject({
      agreed: true,
      agreedDate: "2026-04-05T06:07:08Z",
    });
  });

  workersOnly("agreeing again records the new time; declining clears the date", async () => {
    const org = await newOrganization();
    const userId = await insertUser(org.id);
    await enable(org, "standard", STANDARD);
    freezeClockAt("2026-04-05T06:07:08Z");
    await answer(org, userId, "standard", { agreed: true });
    freezeClockAt("2026-04-06T00:00:00Z");
    await answer(org, userId, "standard", { agreed: true });
    expect((await get(org, `/users/${userId}/agreements/standard`)).body).toMatchObject({
      agreed: true,
      agreedDate: "2026-04-06T00:00:00Z",
    });
    expect(await parts(await answer(org, userId, "standard", { agreed: false }))).toEqual(NO_CONTENT);
    const { body } = await get(org, `/users/${userId}/agreements/standard`);
    expect(body).toMatchObject({ agreed: false });
    expect(body).not.toHaveProperty("agreedDate");
  });

  it("agreed must be a boolean: missing or null is required, anything else must be true or false", async () => {
    const org = await newOrganization();
    const userId = await insertUser(org.id);
    await enable(org, "standard", STANDARD);
    for (const json of [{}, { agreed: null }]) {
      expect(await parts(await answer(org, userId, "standard", json)), JSON.stringify(json)).toEqual(
        invalid({ agreed: "agreed is required" }),
      );
    }
    for (const agreed of ["true", 1, 0, "yes", [true], {}]) {
      expect(await parts(await answer(org, userId, "standard", { agreed })), JSON.stringify(agreed)).toEqual(
        invalid({ agreed: "agreed must be true or false" }),
      );
    }
    expect((await get(org, `/users/${userId}/agreements/standard`)).body).toMatchObject({ agreed: false });
  });

  bodyRuleTests(
    {
      method: "PUT",
      setUp: async () => {
        const org = await newOrganization();
        const userId = await insertUser(org.id);
        return { token: org.token, path: `${PREFIX}/users/${userId}/agreements/standard` };
      },
    },
    { unsupportedMediaType: [{ contentType: "text/plain", body: "agreed=true" }] },
  );

  it("a type not enabled is 404 and records nothing", async () => {
    const org = await newOrganization();
    const userId = await insertUser(org.id);
    expect(await parts(await answer(org, userId, "custom", { agreed: true }))).toEqual(NOT_FOUND_ID);
    await enable(org, "custom", CUSTOM);
    expect((await get(org, `/users/${userId}/agreements/custom`)).body).toMatchObject({ agreed: false });
  });

  it("an unknown type, or an unknown, malformed, deleted or another organization's user is 404", async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    await enable(org, "standard", STANDARD);
    await enable(other, "standard", STANDARD);
    const userId = await insertUser(org.id);
    const deleted = await insertUser(org.id, { deletedAt: Date.now() });
    const theirs = await insertUser(other.id);
    const cases: [string, string][] = [
      [userId, "other"],
      [UNKNOWN_ID, "standard"],
      ["nope", "standard"],
      [deleted, "standard"],
      [theirs, "standard"],
    ];
    for (const [user, type] of cases) {
      expect(await parts(await answer(org, user, type, { agreed: true })), `${user} ${type}`).toEqual(NOT_FOUND_ID);
    }
    expect((await get(other, `/users/${theirs}/agreements/standard`)).body).toMatchObject({ agreed: false });
  });
});
