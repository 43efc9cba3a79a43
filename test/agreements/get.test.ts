/** Contract tests of GET /agreements/<type> (API.md §7): agreements and the users' answers to them. */
import { describe, expect, it } from "vitest";
import { newOrganization } from "../support/fixtures";
import { workersOnly } from "../support/runtime";
import { freezeClockAt, restoreClockAfterEach } from "../support/clock";
import { PREFIX, NOT_FOUND_ID, ok } from "../support/contract";
import { STANDARD, CUSTOM, enable, get } from "../support/agreements";
import { authenticationTests } from "../support/common-tests";

restoreClockAfterEach();

describe("GET /agreements/<type>", () => {
  authenticationTests({ method: "GET", path: `${PREFIX}/agreements/standard` });

  workersOnly("returns an enabled agreement", async () => {
    const org = await newOrganization();
    freezeClockAt("2026-01-02T03:04:05Z");
    await enable(org, "custom", CUSTOM);
    expect(await get(org, "/agreements/custom")).toEqual(
      ok({
        type: "custom",
        title: "Photo release",
        text: "We may use your photo.",
        createdDate: "2026-01-02T03:04:05Z",
        updatedDate: "2026-01-02T03:04:05Z",
        required: false,
      }),
    );
  });

  it("a type not enabled, an unknown type, or one only another organization enabled is 404", async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    await enable(org, "custom", CUSTOM);
    await enable(other, "standard", STANDARD);
    for (const type of ["standard", "other", "STANDARD", "Custom"]) {
      expect(await get(org, `/agreements/${type}`), type).toEqual(NOT_FOUND_ID);
    }
  });
});
