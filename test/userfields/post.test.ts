/** Contract tests of POST /userfields (API.md §7a): create, validation, name uniqueness, Idempotency-Key. */
import { describe, expect, it } from "vitest";
import { call, parts } from "../support/http";
import { newOrganization } from "../support/fixtures";
import { PREFIX, invalid, ok } from "../support/contract";
import { authenticationTests, bodyRuleTests } from "../support/common-tests";
import { CATEGORY_MESSAGE, FIELD_TYPES_MESSAGE, createCategory, createField, get, lastSegment, ownFields } from "../support/userfields";

describe("POST /userfields", () => {
  it("creates a field (201, Location on the request's prefix); every field reads back; aliases are stored canonical", async () => {
    const org = await newOrganization();
    const categoryId = await createCategory(org, { name: "Employment", type: "private" });
    for (const prefix of ["/dc/api/v5", "/api/v5"]) {
      const response = await call("POST", `${prefix}/userfields`, {
        token: org.token,
        json: {
          name: `Shirt ${prefix}`,
          type: "radios",
          categoryId,
          orderIndex: 3,
          required: true,
          readOnly: true,
          message: "Pick one",
          options: [{ name: "S" }, { name: "L", selected: true }],
          constraints: { min: 1 },
          localizedNames: { de: "Hemd" },
        },
      });
      expect(response.status).toBe(201);
      expect(response.headers.get("Location")).toMatch(new RegExp(`^${prefix}/userfields/[0-9a-f]{32}$`));
      expect(response.headers.get("Content-Length")).toBe("0");
      const id = lastSegment(response);
      const read = await get(org, `/userfields/${id}`);
      expect(read).toEqual(
        ok({
          id,
          name: `Shirt ${prefix}`,
          type: "radiobuttons",
          categoryId,
          categoryName: "Employment",
          categoryType: "private",
          orderIndex: 3,
          required: true,
          readOnly: true,
          message: "Pick one",
          options: [{ name: "S", selected: false }, { name: "L", selected: true }],
          localizedNames: { de: "Hemd" },
          createdDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        }),
      );
    }
    const text = await createField(org, { name: "Code", type: "string", constraints: { max: 8 } });
    expect((await get(org, `/userfields/${text}`)).body).toMatchObject({ type: "text", constraints: { max: 8 }, orderIndex: 7 });
    const decimal = await createField(org, { name: "Score", type: "float" });
    expect((await get(org, `/userfields/${decimal}`)).body).toMatchObject({ type: "decimal", orderIndex: 8 });
  });

  it("validation messages, reported together", async () => {
    const org = await newOrganization();
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [{}, { name: "name is required", type: "type is required" }],
      [{ name: "", type: "" }, { name: "name is required", type: "type is required" }],
      [{ name: 3, type: "number" }, { name: "name must be a string", type: FIELD_TYPES_MESSAGE }],
      [{ name: "X", type: 5 }, { type: FIELD_TYPES_MESSAGE }],
      [{ name: "X", type: "dropdown" }, { options: "options are required for this type" }],
      [{ name: "X", type: "checkboxes", options: [] }, { options: "options are required for this type" }],
      [{ name: "X", type: "dropdown", options: [{ name: "A" }, { name: "A" }] }, { options: "options must be a list of {name, selected} with unique, non-empty names" }],
      [{ name: "X", type: "integer", constraints: { min: 5, max: 1 } }, { constraints: "constraints must be {min, max} numbers, min not greater than max" }],
      [{ name: "X", type: "text", required: "yes", readOnly: 1 }, { required: "required must be a boolean", readOnly: "readOnly must be a boolean" }],
      [{ name: "X", type: "text", categoryId: "0123456789abcdef0123456789abcdef" }, { categoryId: CATEGORY_MESSAGE }],
      [{ name: "X", type: "text", categoryId: 7 }, { categoryId: CATEGORY_MESSAGE }],
      [{ name: "phone NUMBER", type: "text" }, { name: "Userfield name is already in use" }],
    ];
    for (const [json, fieldErrors] of cases) {
      const response = await call("POST", `${PREFIX}/userfields`, { token: org.token, json });
      expect(await parts(response), JSON.stringify(json)).toEqual(invalid(fieldErrors));
    }
    expect(await ownFields(org)).toEqual([]);
  });

  it("another organization's category is not a category of this one", async () => {
    const org = await newOrganization();
    const theirs = await createCategory(await newOrganization(), { name: "Theirs" });
    const response = await call("POST", `${PREFIX}/userfields`, { token: org.token, json: { name: "X", type: "text", categoryId: theirs } });
    expect(await parts(response)).toEqual(invalid({ categoryId: CATEGORY_MESSAGE }));
  });

  it("Idempotency-Key: a repeat replays the 201 and Location; another body under the key is 422", async () => {
    const org = await newOrganization();
    const send = (json: unknown) => call("POST", `${PREFIX}/userfields`, { token: org.token, json, headers: { "Idempotency-Key": "uf-1" } });
    const first = await send({ name: "Badge", type: "integer" });
    const again = await send({ type: "integer", name: "Badge" });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.headers.get("Location")).toBe(first.headers.get("Location"));
    expect(await parts(await send({ name: "Other", type: "integer" }))).toEqual({
      status: 422,
      contentType: "application/json",
      errorCode: "idempotency_key_reused",
      body: { errors: ["Idempotency-Key was already used with a different request"] },
    });
    expect((await ownFields(org)).map((f) => f.name)).toEqual(["Badge"]);
  });

  bodyRuleTests(
    {
      method: "POST",
      setUp: async () => ({ token: (await newOrganization()).token, path: `${PREFIX}/userfields` }),
      state: async (target) => (await call("GET", `${PREFIX}/userfields?limit=100`, { token: target.token })).json(),
    },
    {
      unsupportedMediaType: [{ contentType: "text/plain", body: '{"name":"X","type":"text"}' }],
      invalidJson: [{ what: "a truncated object", body: '{"name":"X",' }],
      notAnObject: [{ what: "an array", json: [{ name: "X", type: "text" }] }],
    },
  );

  authenticationTests({ method: "POST", path: `${PREFIX}/userfields`, json: { name: "X", type: "text" } });
});
