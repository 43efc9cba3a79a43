/** The userfield categories of API.md §7a: create, read, list, update, delete, tenancy. */
import { describe, expect, it } from "vitest";
import { call, parts } from "../support/http";
import { newOrganization } from "../support/fixtures";
import { createCategory, createField, get, invalid, lastSegment, NO_CONTENT, NOT_FOUND, ok, P, put } from "../userfield-values/support";

const TYPE = "type must be public or private";

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
      [{ name: "", type: "secret" }, { name: "name is required", type: TYPE }],
      [{ name: 1, type: 2, orderIndex: 1.5 }, { name: "name must be a string", type: TYPE, orderIndex: "orderIndex must be an integer" }],
    ] as const) {
      expect(await parts(await call("POST", `${P}/userfieldcategories`, { token: org.token, json })), JSON.stringify(json)).toEqual(
        invalid(fieldErrors),
      );
    }
    expect(await get(org, "/userfieldcategories")).toEqual(ok({ results: [] }));
  });

  it("Idempotency-Key replays the original 201", async () => {
    const org = await newOrganization();
    const send = () => call("POST", `${P}/userfieldcategories`, { token: org.token, json: { name: "Once" }, headers: { "Idempotency-Key": "k" } });
    const [first, second] = [await send(), await send()];
    expect(second.headers.get("Location")).toBe(first.headers.get("Location"));
    expect(((await get(org, "/userfieldcategories")).body as { results: unknown[] }).results).toHaveLength(1);
  });
});

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
      next: `${P}/userfieldcategories?limit=1&offset=2`,
      previous: `${P}/userfieldcategories?limit=1&offset=0`,
    });
    const bad = (errors: string[]) => ({ status: 400, contentType: "application/json", errorCode: "validation_failed", body: { errors } });
    expect(await get(org, "/userfieldcategories?type=hidden")).toEqual(bad([TYPE]));
    expect(await get(org, `/userfieldcategories?name=${"n".repeat(256)}`)).toEqual(bad(["name must be at most 255 characters"]));
  });
});

describe("GET /userfieldcategories/<id>", () => {
  it("another organization's, unknown or malformed: 404", async () => {
    const org = await newOrganization();
    const theirs = await createCategory(await newOrganization(), { name: "Theirs" });
    for (const id of [theirs, "0123456789abcdef0123456789abcdef", "x"]) expect(await get(org, `/userfieldcategories/${id}`)).toEqual(NOT_FOUND);
  });
});

describe("PUT /userfieldcategories/<id>", () => {
  it("partial; an invalid type is the create's message; another organization's is 404", async () => {
    const org = await newOrganization();
    const id = await createCategory(org, { name: "Work" });
    expect(await put(org, `/userfieldcategories/${id}`, { type: "private", name: null })).toEqual(NO_CONTENT);
    expect((await get(org, `/userfieldcategories/${id}`)).body).toMatchObject({ name: "Work", type: "private" });
    expect(await put(org, `/userfieldcategories/${id}`, { type: "open" })).toEqual(invalid({ type: TYPE }));
    expect(await put(org, `/userfieldcategories/${id}`, { name: "" })).toEqual(invalid({ name: "name is required" }));
    const other = await newOrganization();
    expect(await put(other, `/userfieldcategories/${id}`, { name: "Mine" })).toEqual(NOT_FOUND);
  });
});

describe("DELETE /userfieldcategories/<id>", () => {
  it("204; its fields stay, without a category; then 404", async () => {
    const org = await newOrganization();
    const id = await createCategory(org, { name: "Temp" });
    const field = await createField(org, { name: "Kept", type: "text", categoryId: id });
    expect((await call("DELETE", `${P}/userfieldcategories/${id}`, { token: org.token })).status).toBe(204);
    const read = (await get(org, `/userfields/${field}`)).body as Record<string, unknown>;
    expect([read.name, read.categoryId, read.categoryName]).toEqual(["Kept", undefined, undefined]);
    expect(await get(org, `/userfieldcategories/${id}`)).toEqual(NOT_FOUND);
    expect(await parts(await call("DELETE", `${P}/userfieldcategories/${id}`, { token: org.token }))).toEqual(NOT_FOUND);
  });
});
