/** Contract tests of GET /agreements (API.md §7): agreements and the users' answers to them. */
import { describe, expect, it } from "vitest";
import { call, parts } from "../support/http";
import { newOrganization } from "../support/fixtures";
import { workersOnly } from "../support/runtime";
import { freezeClockAt, restoreClockAfterEach } from "../support/clock";
import { PREFIX, ok } from "../support/contract";
import { STANDARD, CUSTOM, enable, get } from "../support/agreements";
import { authenticationTests } from "../support/common-tests";

restoreClockAfterEach();

describe("GET /agreements", () => {
  it("is an empty results list when the organization has enabled none", async () => {
    const org = await newOrganization();
    expect(await get(org, "/agreements")).toEqual(ok({ results: [] }));
  });

  workersOnly("lists the enabled agreements, standard before custom, under both prefixes", async () => {
    const org = await newOrganization();
    freezeClockAt("2026-01-02T03:04:05Z");
    await enable(org, "custom", CUSTOM);
    await enable(org, "standard", STANDARD);
    const dates = { createdDate: "2026-01-02T03:04:05Z", updatedDate: "2026-01-02T03:04:05Z" };
    const expected = ok({
      results: [
        { type: "standard", title: "Terms of use", text: "Be kind.", ...dates, required: true },
        { type: "custom", title: "Photo release", text: "We may use your photo.", ...dates, required: false },
      ],
    });
    expect(await get(org, "/agreements")).toEqual(expected);
    expect(await parts(await call("GET", "/api/v5/agreements", { token: org.token }))).toEqual(expected);
  });

  it("never lists another organization's agreements", async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    await enable(other, "standard", STANDARD);
    expect(await get(org, "/agreements")).toEqual(ok({ results: [] }));
  });

  authenticationTests({ method: "GET", path: `${PREFIX}/agreements` });
});
