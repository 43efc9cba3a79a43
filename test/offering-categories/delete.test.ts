/** Contract tests of DELETE /offeringcategories/<id> (API.md §5): the offering categories of an organization. */
import { describe, expect, it } from "vitest";
import { call, parts } from "../support/http";
import { newOrganization, type TestOrganization } from "../support/fixtures";
import { PREFIX, UNKNOWN_ID, NOT_FOUND_ID, ok } from "../support/contract";
import { createCategory, read, list } from "../support/offering-categories";
import { authenticationTests } from "../support/common-tests";

describe("DELETE /offeringcategories/<id>", () => {
  authenticationTests({ method: "DELETE", path: `${PREFIX}/offeringcategories/${UNKNOWN_ID}` });

  it("deletes: 204, empty body; then the category is 404, unlisted, and a second DELETE is 404", async () => {
    const org = await newOrganization();
    const id = await createCategory(org, { name: "Doomed" });
    const response = await call("DELETE", `${PREFIX}/offeringcategories/${id}`, { token: org.token });
    expect(await parts(response)).toEqual({ status: 204, contentType: null, errorCode: null, body: null });
    expect(await read(org, id)).toEqual(NOT_FOUND_ID);
    expect(await list(org)).toEqual(ok({ results: [] }));
    expect(await parts(await call("DELETE", `${PREFIX}/offeringcategories/${id}`, { token: org.token }))).toEqual(NOT_FOUND_ID);
  });

  it("an unknown, malformed or another organization's id is 404 and the category stays", async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    const theirs = await createCategory(other, { name: "Theirs" });
    for (const id of [UNKNOWN_ID, "nope", theirs]) {
      expect(await parts(await call("DELETE", `${PREFIX}/offeringcategories/${id}`, { token: org.token })), id).toEqual(NOT_FOUND_ID);
    }
    expect((await read(other, theirs)).status).toBe(200);
  });

  /** An offering in both categories, made through the offerings API. */
  async function offeringIn(org: TestOrganization, categoryIds: string[]): Promise<string> {
    const created = await call("POST", `${PREFIX}/offerings`, { token: org.token, json: { title: "Course", offeringCategoryIds: categoryIds } });
    expect(created.status).toBe(201);
    return (created.headers.get("Location") ?? "").split("/").pop() ?? "";
  }

  it("a deleted category is no longer in any offering's offeringCategoryIds; the others stay in order", async () => {
    const org = await newOrganization();
    const doomed = await createCategory(org, { name: "Doomed" });
    const kept = await createCategory(org, { name: "Kept" });
    const offeringId = await offeringIn(org, [doomed, kept]);
    const offering = () => call("GET", `${PREFIX}/offerings/${offeringId}`, { token: org.token }).then(parts);
    expect((await offering()).body).toMatchObject({ offeringCategoryIds: [doomed, kept] });
    expect((await call("DELETE", `${PREFIX}/offeringcategories/${doomed}`, { token: org.token })).status).toBe(204);
    expect((await offering()).body).toMatchObject({ offeringCategoryIds: [kept] });
  });

  it("the offeringCategoryId filter of offerings finds nothing for a deleted category", async () => {
    const org = await newOrganization();
    const doomed = await createCategory(org, { name: "Doomed" });
    const kept = await createCategory(org, { name: "Kept" });
    const offeringId = await offeringIn(org, [doomed, kept]);
    const offeringIdsIn = async (categoryId: string) => {
      const { body } = await parts(await call("GET", `${PREFIX}/offerings?offeringCategoryId=${categoryId}`, { token: org.token }));
      return (body as { results: { id: string }[] }).results.map((o) => o.id);
    };
    expect(await offeringIdsIn(doomed)).toEqual([offeringId]);
    expect((await call("DELETE", `${PREFIX}/offeringcategories/${doomed}`, { token: org.token })).status).toBe(204);
    expect(await offeringIdsIn(doomed)).toEqual([]);
    expect(await offeringIdsIn(kept)).toEqual([offeringId]);
  });
});
