/** Contract tests of GET /userfieldcategories (API.md §7a): order, filters, paging. */
import { describe, expect, it } from "vitest";
import { newOrganization } from "../support/fixtures";
import { PREFIX } from "../support/contract";
import { authenticationTests } from "../support/common-tests";
import { CATEGORY_TYPE_MESSAGE, createCategory, get } from "../support/userfields";

describe("GET /userfieldcategories", () => {
  it("by orderIndex, then creation; filters name and type; paging; invalid filters 400", async () => {
    const org = await newOrganization();
    await createCategory(org, { name: "Beta", orderIndex: 2 });
    await createCategory(org, { name: "Alpha", orderIndex: 1, type: "private" });
    await createCategory(org, { name: "Alphabet", orderIndex: 2 });
    const names = async (query: string) =>
      ((await get(org, `/userfieldcategories${query}`)).body as { results: { name: string }[] }).results.map((c) => c.name);
    expect(await names("")).toEqual(["Alpha", "Beta", "Alphabet"]);
    expect(await names("?name=ALPHA")).toEqual(["Alpha", "Alphabet"]);
    expect(await names("?type=public")).toEqual(["Beta", "Alphabet"]);
    expect((await get(org, "/userfieldcategories?limit=1&offset=1")).body).toMatchObject({
      next: `${PREFIX}/userfieldcategories?limit=1&offset=2`,
      previous: `${PREFIX}/userfieldcategories?limit=1&offset=0`,
    });
    const bad = (errors: string[]) => ({ status: 400, contentType: "application/json", errorCode: "validation_failed", body: { errors } });
    expect(await get(org, "/userfieldcategories?type=hidden")).toEqual(bad([CATEGORY_TYPE_MESSAGE]));
    expect(await get(org, `/userfieldcategories?name=${"n".repeat(256)}`)).toEqual(bad(["name must be at most 255 characters"]));
  });

  authenticationTests({ method: "GET", path: `${PREFIX}/userfieldcategories` });
});
