/** Contract tests of GET /userfieldcategories/<id> (API.md §7a). */
import { describe, expect, it } from "vitest";
import { newOrganization } from "../support/fixtures";
import { PREFIX, UNKNOWN_ID, NOT_FOUND_ID } from "../support/contract";
import { authenticationTests } from "../support/common-tests";
import { createCategory, get } from "../support/userfields";

describe("GET /userfieldcategories/<id>", () => {
  it("another organization's, unknown or malformed: 404", async () => {
    const org = await newOrganization();
    const theirs = await createCategory(await newOrganization(), { name: "Theirs" });
    for (const id of [theirs, "0123456789abcdef0123456789abcdef", "x"]) expect(await get(org, `/userfieldcategories/${id}`)).toEqual(NOT_FOUND_ID);
  });

  authenticationTests({ method: "GET", path: `${PREFIX}/userfieldcategories/${UNKNOWN_ID}` });
});
