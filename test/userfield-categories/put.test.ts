/** Contract tests of PUT /userfieldcategories/<id> (API.md §7a). */
import { describe, expect, it } from "vitest";
import { newOrganization } from "../support/fixtures";
import { PREFIX, UNKNOWN_ID, NO_CONTENT, NOT_FOUND_ID, invalid } from "../support/contract";
import { authenticationTests, bodyRuleTests } from "../support/common-tests";
import { CATEGORY_TYPE_MESSAGE, createCategory, get, put } from "../support/userfields";

describe("PUT /userfieldcategories/<id>", () => {
  it("partial; an invalid type is the create's message; another organization's is 404", async () => {
    const org = await newOrganization();
    const id = await createCategory(org, { name: "Work" });
    expect(await put(org, `/userfieldcategories/${id}`, { type: "private", name: null })).toEqual(NO_CONTENT);
    expect((await get(org, `/userfieldcategories/${id}`)).body).toMatchObject({ name: "Work", type: "private" });
    expect(await put(org, `/userfieldcategories/${id}`, { type: "open" })).toEqual(invalid({ type: CATEGORY_TYPE_MESSAGE }));
    expect(await put(org, `/userfieldcategories/${id}`, { name: "" })).toEqual(invalid({ name: "name is required" }));
    const other = await newOrganization();
    expect(await put(other, `/userfieldcategories/${id}`, { name: "Mine" })).toEqual(NOT_FOUND_ID);
  });

  bodyRuleTests(
    {
      method: "PUT",
      setUp: async () => {
        const org = await newOrganization();
        const id = await createCategory(org, { name: "Work" });
        return { token: org.token, path: `${PREFIX}/userfieldcategories/${id}` };
      },
    },
    {
      unsupportedMediaType: [{ contentType: undefined, body: '{"name":"X"}' }],
      notAnObject: [{ what: "a number", json: 5 }],
    },
  );

  authenticationTests({ method: "PUT", path: `${PREFIX}/userfieldcategories/${UNKNOWN_ID}`, json: { name: "X" } });
});
