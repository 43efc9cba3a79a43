/** Contract tests of PUT /users/<id>/userfieldvalues (API.md §7a): values by the field's type, all or nothing. */
import { describe, expect, it } from "vitest";
import { authenticationTests, bodyRuleTests } from "../support/common-tests";
import { invalid, NO_CONTENT, NOT_FOUND_ID, ok, PREFIX, UNKNOWN_ID } from "../support/contract";
import { insertUser, newOrganization, type TestOrganization } from "../support/fixtures";
import { createField, get, put, remove } from "../support/userfields";

const OPTIONS = [{ name: "Red" }, { name: "Green" }, { name: "Blue" }];

interface World {
  org: TestOrganization;
  userId: string;
  fields: Record<string, string>;
}

async function world(): Promise<World> {
  const org = await newOrganization();
  const userId = await insertUser(org.id);
  const specs: Record<string, Record<string, unknown>> = {
    text: { type: "text", constraints: { min: 2, max: 5 } },
    email: { type: "email" },
    date: { type: "date" },
    integer: { type: "integer", constraints: { min: 1, max: 10 } },
    decimal: { type: "float", constraints: { min: 0.5 } },
    dropdown: { type: "dropdown", options: OPTIONS },
    radiobuttons: { type: "radios", options: OPTIONS },
    checkboxes: { type: "checkboxes", options: OPTIONS },
    checkbox: { type: "checkbox" },
    truefalse: { type: "truefalse" },
    yesno: { type: "yesno" },
  };
  const fields: Record<string, string> = {};
  for (const [name, spec] of Object.entries(specs)) fields[name] = await createField(org, { name: `F ${name}`, ...spec });
  return { org, userId, fields };
}

const VALID: Record<string, [unknown, unknown][]> = {
  text: [["ab", "ab"], ["abcde", "abcde"], ["a\tb", "a\tb"]],
  email: [["ada@example.com", "ada@example.com"]],
  date: [["2026-01-31", "2026-01-31T00:00:00Z"], ["2026-01-31T12:00:00+02:00", "2026-01-31T10:00:00Z"]],
  integer: [[1, 1], [10, 10]],
  decimal: [[0.5, 0.5], [12345.25, 12345.25]],
  dropdown: [["Green", "Green"]],
  radiobuttons: [["Blue", "Blue"]],
  checkboxes: [[["Red", "Blue"], ["Red", "Blue"]], [["Green"], ["Green"]]],
  checkbox: [[true, true], [false, false]],
  truefalse: [[false, false]],
  yesno: [["yes", "yes"], ["no", "no"]],
};

const INVALID: Record<string, unknown[]> = {
  text: ["a", "abcdef", 12, true, ["ab"], "a\u0000b", { a: 1 }],
  email: ["not-an-email", 5, "a@b"],
  date: ["yesterday", "2026-02-30", 20260131, "10000-01-01"],
  integer: [0, 11, 2.5, "5", true],
  decimal: [0.25, "1.5", false],
  dropdown: ["Purple", "red", 1, ["Red"]],
  radiobuttons: ["Purple", true],
  checkboxes: [["Red", "Red"], ["Purple"], "Red", [1]],
  checkbox: ["true", 1],
  truefalse: ["false", 0],
  yesno: ["maybe", "YES", true],
};

describe("PUT /users/<id>/userfieldvalues", () => {
  it("stores each of the eleven types' valid values; GET returns them with their JSON type", async () => {
    const { org, userId, fields } = await world();
    for (const [type, cases] of Object.entries(VALID)) {
      for (const [sent, stored] of cases) {
        const id = fields[type] as string;
        expect(await put(org, `/users/${userId}/userfieldvalues`, { [id]: sent }), `${type} ${JSON.stringify(sent)}`).toEqual(NO_CONTENT);
        const read = await get(org, `/users/${userId}/userfieldvalues`);
        expect((read.body as Record<string, unknown>)[id], `${type} ${JSON.stringify(sent)}`).toEqual(stored);
      }
    }
  });

  it("refuses each type's invalid values with \"Invalid value for <field name>\"", async () => {
    const { org, userId, fields } = await world();
    for (const [type, values] of Object.entries(INVALID)) {
      for (const value of values) {
        const id = fields[type] as string;
        expect(await put(org, `/users/${userId}/userfieldvalues`, { [id]: value }), `${type} ${JSON.stringify(value)}`).toEqual(
          invalid({ [id]: `Invalid value for F ${type}` }),
        );
      }
    }
    expect(await get(org, `/users/${userId}/userfieldvalues`)).toEqual(ok({}));
  });

  it("is partial; null, \"\" and [] clear a value; the others keep theirs", async () => {
    const { org, userId, fields } = await world();
    const { text, integer, checkboxes, yesno } = fields as Record<string, string>;
    const path = `/users/${userId}/userfieldvalues`;
    expect(await put(org, path, { [text as string]: "abc", [integer as string]: 7, [checkboxes as string]: ["Red"], [yesno as string]: "no" })).toEqual(NO_CONTENT);
    expect(await put(org, path, { [integer as string]: 8 })).toEqual(NO_CONTENT);
    expect(await get(org, path)).toEqual(ok({ [text as string]: "abc", [integer as string]: 8, [checkboxes as string]: ["Red"], [yesno as string]: "no" }));
    expect(await put(org, path, { [text as string]: null, [checkboxes as string]: [], [yesno as string]: "" })).toEqual(NO_CONTENT);
    expect(await get(org, path)).toEqual(ok({ [integer as string]: 8 }));
  });

  it("reports every failing entry together (unknown, malformed, another organization's, invalid) and stores nothing", async () => {
    const { org, userId, fields } = await world();
    const other = await newOrganization();
    const foreign = await createField(other, { name: "Theirs", type: "text" });
    const { text, integer } = fields as Record<string, string>;
    const path = `/users/${userId}/userfieldvalues`;
    expect(await put(org, path, { [text as string]: "abc" })).toEqual(NO_CONTENT);
    const response = await put(org, path, {
      [text as string]: "xyz",
      [UNKNOWN_ID]: "a",
      "not-an-id": 1,
      [foreign]: "b",
      [integer as string]: 99,
    });
    expect(response).toEqual(
      invalid({
        [text as string]: undefined as unknown as string,
        [UNKNOWN_ID]: "No userfield exists with the given id",
        "not-an-id": "No userfield exists with the given id",
        [foreign]: "No userfield exists with the given id",
        [integer as string]: "Invalid value for F integer",
      }),
    );
    expect(await get(org, path)).toEqual(ok({ [text as string]: "abc" }));
  });

  it("an unknown, malformed, deleted or another organization's user: 404, for PUT and GET", async () => {
    const { org, fields } = await world();
    const other = await newOrganization();
    const theirs = await insertUser(other.id);
    const deleted = await insertUser(org.id);
    expect(await put(org, `/users/${deleted}/userfieldvalues`, { [fields.text as string]: "abc" })).toEqual(NO_CONTENT);
    expect(await remove(org, `/users/${deleted}`)).toEqual(NO_CONTENT);
    for (const userId of [UNKNOWN_ID, "nope", theirs, deleted]) {
      expect(await put(org, `/users/${userId}/userfieldvalues`, { [fields.text as string]: "abc" }), userId).toEqual(NOT_FOUND_ID);
      expect(await get(org, `/users/${userId}/userfieldvalues`), userId).toEqual(NOT_FOUND_ID);
    }
    expect(await get(other, `/users/${theirs}/userfieldvalues`)).toEqual(ok({}));
  });

  it("deleting a field deletes its values; {} is a 204 that changes nothing", async () => {
    const { org, userId, fields } = await world();
    const path = `/users/${userId}/userfieldvalues`;
    expect(await put(org, path, { [fields.text as string]: "abc", [fields.yesno as string]: "yes" })).toEqual(NO_CONTENT);
    expect(await put(org, path, {})).toEqual(NO_CONTENT);
    expect(await remove(org, `/userfields/${fields.text}`)).toEqual(NO_CONTENT);
    expect(await get(org, path)).toEqual(ok({ [fields.yesno as string]: "yes" }));
    expect(await put(org, path, { [fields.text as string]: "abc" })).toEqual(
      invalid({ [fields.text as string]: "No userfield exists with the given id" }),
    );
  });

  it("a \"__proto__\" key is an id like any other: it names no userfield, and nothing is stored", async () => {
    const { org, userId, fields } = await world();
    const path = `/users/${userId}/userfieldvalues`;
    const response = await put(org, path, JSON.parse(`{"__proto__":{"${fields.text}":"abc"},"${fields.yesno}":"yes"}`));
    expect(response).toEqual(invalid(JSON.parse('{"__proto__":"No userfield exists with the given id"}')));
    expect(await get(org, path)).toEqual(ok({}));
  });

  it("a null entry is data: it clears that value, it is never read as an absent entry", async () => {
    const { org, userId, fields } = await world();
    const path = `/users/${userId}/userfieldvalues`;
    const id = fields.integer as string;
    expect(await put(org, path, { [id]: 4 })).toEqual(NO_CONTENT);
    expect(await put(org, path, { [id]: null })).toEqual(NO_CONTENT);
    expect(await get(org, path)).toEqual(ok({}));
  });

  bodyRuleTests(
    {
      method: "PUT",
      setUp: async () => {
        const org = await newOrganization();
        return { token: org.token, path: `${PREFIX}/users/${await insertUser(org.id)}/userfieldvalues` };
      },
    },
    {
      unsupportedMediaType: [{ contentType: "text/plain", body: "{}" }],
      invalidJson: [{ what: "a truncated object", body: '{"a":' }],
      notAnObject: [{ what: "an array", json: [] }],
    },
  );

  authenticationTests({ method: "PUT", path: `${PREFIX}/users/${UNKNOWN_ID}/userfieldvalues`, json: {} });
});
