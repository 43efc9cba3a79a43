/** Contract tests of GET /offeringcategories/<id> (API.md §5): the offering categories of an organization. */
import { describe, expect, it } from "vitest";
import { call, parts } from "../support/http";
import { newOrganization } from "../support/fixtures";
import { workersOnly } from "../support/runtime";
import { freezeClockAt, restoreClockAfterEach } from "../support/clock";
import { PREFIX, UNKNOWN_ID, NOT_FOUND_ID, ok } from "../support/contract";
import { createCategory, read } from "../support/offering-categories";
import { authenticationTests } from "../support/common-tests";

restoreClockAfterEach();

describe("GET /offeringcategories/<id>", () => {
  authenticationTests({ method: "GET", path: `${PREFIX}/offeringcategories/${UNKNOWN_ID}` });

  workersOnly("returns the category under both prefixes, omitting fields without a value", async () => {
    const org = await newOrganization();
    freezeClockAt("2026-03-04T05:06:07Z");
    const id = await createCategory(org, { name: "Safety" });
    for (const prefix of ["/dc/api/v5", "/api/v5"]) {
      const response = await call("GET", `${prefix}/offeringcategories/${id}`, { token: org.token });
      expect(await parts(response)).toEqual(ok({ id, name: "Safety", orderIndex: 0, createdDate: "2026-03-04T05:06:07Z" }));
    }
  });

  it("an unknown, malformed, deleted or another organization's id is 404", async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    const theirs = await createCategory(other, { name: "Theirs" });
    const deleted = await createCategory(org, { name: "Gone" });
    await call("DELETE", `${PREFIX}/offeringcategories/${deleted}`, { token: org.token });
    for (const id of [UNKNOWN_ID, "not-an-id", UNKNOWN_ID.toUpperCase(), theirs, deleted]) {
      expect(await read(org, id), id).toEqual(NOT_FOUND_ID);
    }
    expect((await read(other, theirs)).status).toBe(200);
  });
});
