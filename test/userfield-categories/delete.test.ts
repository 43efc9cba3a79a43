/** Contract tests of DELETE /userfieldcategories/<id> (API.md §7a). */
import { describe, expect, it } from "vitest";
import { call, parts } from "../support/http";
import { newOrganization } from "../support/fixtures";
import { PREFIX, UNKNOWN_ID, NOT_FOUND_ID } from "../support/contract";
import { authenticationTests } from "../support/common-tests";
import { createCategory, createField, get } from "../support/userfields";

describe("DELETE /userfieldcategories/<id>", () => {
  it("204; its fields stay, without a category; then 404", async () => {
    const org = await newOrganization();
    const id = await createCategory(org, { name: "Temp" });
    const field = await createField(org, { name: "Kept", type: "text", categoryId: id });
    expect((await call("DELETE", `${PREFIX}/userfieldcategories/${id}`, { token: org.token })).status).toBe(204);
    const read = (await get(org, `/userfields/${field}`)).body as Record<string, unknown>;
    expect([read.name, read.categoryId, read.categoryName]).toEqual(["Kept", undefined, undefined]);
    expect(await get(org, `/userfieldcategories/${id}`)).toEqual(NOT_FOUND_ID);
    expect(await parts(await call("DELETE", `${PREFIX}/userfieldcategories/${id}`, { token: org.token }))).toEqual(NOT_FOUND_ID);
  });

  authenticationTests({ method: "DELETE", path: `${PREFIX}/userfieldcategories/${UNKNOWN_ID}` });
});
