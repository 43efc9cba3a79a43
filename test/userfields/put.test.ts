/** Contract tests of PUT /userfields/<id> (API.md §7a): partial change, the type lock, refusals. */
import { describe, expect, it } from "vitest";
import { insertUser, newOrganization } from "../support/fixtures";
import { PREFIX, UNKNOWN_ID, NO_CONTENT, NOT_FOUND_ID, invalid } from "../support/contract";
import { authenticationTests, bodyRuleTests } from "../support/common-tests";
import { CATEGORY_MESSAGE, FIELD_TYPES_MESSAGE, createCategory, createField, get, put } from "../support/userfields";

describe("PUT /userfields/<id>", () => {
  it("changes only what is given; \"\" clears categoryId and message; the category's name and type follow", async () => {
    const org = await newOrganization();
    const categoryId = await createCategory(org, { name: "Work" });
    const id = await createField(org, { name: "Desk", type: "text", categoryId, message: "Where you sit" });
    expect(await put(org, `/userfields/${id}`, { name: "Desk number", required: true, id: "ignored" })).toEqual(NO_CONTENT);
    expect((await get(org, `/userfields/${id}`)).body).toMatchObject({ name: "Desk number", required: true, categoryName: "Work", message: "Where you sit" });
    expect(await put(org, `/userfields/${id}`, { categoryId: "", message: "" })).toEqual(NO_CONTENT);
    const read = (await get(org, `/userfields/${id}`)).body as Record<string, unknown>;
    expect([read.categoryId, read.categoryName, read.message]).toEqual([undefined, undefined, undefined]);
  });

  it("type cannot change while users hold values; it can once they are cleared", async () => {
    const org = await newOrganization();
    const userId = await insertUser(org.id);
    const id = await createField(org, { name: "Level", type: "integer" });
    expect(await put(org, `/users/${userId}/userfieldvalues`, { [id]: 3 })).toEqual(NO_CONTENT);
    expect(await put(org, `/userfields/${id}`, { type: "decimal" })).toEqual(invalid({ type: "type cannot change while users hold values" }));
    expect(await put(org, `/userfields/${id}`, { type: "integer", name: "Grade" })).toEqual(NO_CONTENT);
    expect(await put(org, `/users/${userId}/userfieldvalues`, { [id]: null })).toEqual(NO_CONTENT);
    expect(await put(org, `/userfields/${id}`, { type: "dropdown" })).toEqual(invalid({ options: "options are required for this type" }));
    expect(await put(org, `/userfields/${id}`, { type: "dropdown", options: [{ name: "A" }] })).toEqual(NO_CONTENT);
    expect((await get(org, `/userfields/${id}`)).body).toMatchObject({ type: "dropdown", options: [{ name: "A", selected: false }] });
  });

  it("name in use, unknown category, invalid type; unknown field 404", async () => {
    const org = await newOrganization();
    const id = await createField(org, { name: "Mine", type: "text" });
    expect(await put(org, `/userfields/${id}`, { name: "CITY", categoryId: "0123456789abcdef0123456789abcdef" })).toEqual(
      invalid({ name: "Userfield name is already in use", categoryId: CATEGORY_MESSAGE }),
    );
    expect(await put(org, `/userfields/${id}`, { type: "number" })).toEqual(invalid({ type: FIELD_TYPES_MESSAGE }));
    expect(await put(org, `/userfields/${id}`, { name: "mine" })).toEqual(NO_CONTENT);
    expect(await put(org, "/userfields/0123456789abcdef0123456789abcdef", { name: "X" })).toEqual(NOT_FOUND_ID);
  });

  bodyRuleTests(
    {
      method: "PUT",
      setUp: async () => {
        const org = await newOrganization();
        const id = await createField(org, { name: "Desk", type: "text" });
        return { token: org.token, path: `${PREFIX}/userfields/${id}` };
      },
    },
    {
      unsupportedMediaType: [{ contentType: undefined, body: '{"name":"X"}' }],
      notAnObject: [{ what: "a string", json: "Desk" }],
    },
  );

  authenticationTests({ method: "PUT", path: `${PREFIX}/userfields/${UNKNOWN_ID}`, json: { name: "X" } });
});
