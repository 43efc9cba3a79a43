/** Contract tests of POST /userfieldcategories (API.md §7a). */
import { describe, expect, it } from "vitest";
import { call, parts } from "../support/http";
import { newOrganization } from "../support/fixtures";
import { PREFIX, invalid, ok } from "../support/contract";
import { authenticationTests, bodyRuleTests } from "../support/common-tests";
import { CATEGORY_TYPE_MESSAGE, createCategory, get, lastSegment } from "../support/userfields";

describe("POST /userfieldcategories", () => {
  it("creates a category (201 + Location on each prefix); type defaults to public, orderIndex to after the last", async () => {
    const org = await newOrganization();
    const ids: string[] = [];
    for (const prefix of ["/dc/api/v5", "/api/v5"]) {
      const response = await call("POST", `${prefix}/userfieldcategories`, { token: org.token, json: { name: `C ${prefix}` } });
      expect(response.status).toBe(201);
      expect(response.headers.get("Location")).toMatch(new RegExp(`^${prefix}/userfieldcategories/[0-9a-f]{32}$`));
      ids.push(lastSegment(response));
    }
    expect(await get(org, `/userfieldcategories/${ids[1]}`)).toEqual(
      ok({ id: ids[1], name: "C /api/v5", type: "public", orderIndex: 1, createdDate: expect.stringMatching(/Z$/) }),
    );
    const placed = await createCategory(org, { name: "Placed", type: "private", orderIndex: 9 });
    expect((await get(org, `/userfieldcategories/${placed}`)).body).toMatchObject({ type: "private", orderIndex: 9 });
  });

  it("name is required; type must be public or private; reported together; nothing stored", async () => {
    const org = await newOrganization();
    for (const [json, fieldErrors] of [
      [{}, { name: "name is required" }],
      [{ name: "", type: "secret" }, { name: "name is required", type: CATEGORY_TYPE_MESSAGE }],
      [{ name: 1, type: 2, orderIndex: 1.5 }, { name: "name must be a string", type: CATEGORY_TYPE_MESSAGE, orderIndex: "orderIndex must be an integer" }],
    ] as const) {
      expect(await parts(await call("POST", `${PREFIX}/userfieldcategories`, { token: org.token, json })), JSON.stringify(json)).toEqual(
        invalid(fieldErrors),
      );
    }
    expect(await get(org, "/userfieldcategories")).toEqual(ok({ results: [] }));
  });

  it("Idempotency-Key replays the original 201", async () => {
    const org = await newOrganization();
    const send = () => call("POST", `${PREFIX}/userfieldcategories`, { token: org.token, json: { name: "Once" }, headers: { "Idempotency-Key": "k" } });
    const [first, second] = [await send(), await send()];
    expect(second.headers.get("Location")).toBe(first.headers.get("Location"));
    expect(((await get(org, "/userfieldcategories")).body as { results: unknown[] }).results).toHaveLength(1);
  });

  bodyRuleTests(
    {
      method: "POST",
      setUp: async () => ({ token: (await newOrganization()).token, path: `${PREFIX}/userfieldcategories` }),
      state: async (target) => (await call("GET", `${PREFIX}/userfieldcategories`, { token: target.token })).json(),
    },
    {
      unsupportedMediaType: [{ contentType: "application/x-www-form-urlencoded", body: "name=x" }],
      notAnObject: [{ what: "null", json: null }],
    },
  );

  authenticationTests({ method: "POST", path: `${PREFIX}/userfieldcategories`, json: { name: "x" } });
});
