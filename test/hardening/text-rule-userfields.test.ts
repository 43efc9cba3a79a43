/**
 * The text rule (API.md §1, src/lib/text-rule.ts) on the userfields' strings (§7a): category and
 * field names, a field's multi-line `message`, option names, `localizedNames` values, and the
 * string values of PUT /users/<id>/userfieldvalues, where a refused value is the contract's
 * `"Invalid value for <field name>"`. Every accepted string comes back exactly as sent.
 */
import { describe, expect, it } from "vitest";
import { expectError, invalid, NO_CONTENT, ok } from "../support/contract";
import { insertUser, newOrganization } from "../support/fixtures";
import { call } from "../support/http";
import { createCategory, createField, get, put } from "../support/userfields";
import { PREFIX, read } from "./support";

const notAllowed = (field: string) => `${field} contains characters that are not allowed`;
const BAD = { "a lone surrogate": "x\ud800y", "U+0000": "x\u0000y" } as const;
const BAD_LIST = Object.entries(BAD);
/** Astral characters (surrogate pairs), a combining mark, a BOM-like U+FEFF: all allowed. */
const ASTRAL = "\u{1F600} \u{1D11E} e\u0301 \uFEFF\u{10FFFF}";
const utf8 = (value: unknown) => new TextEncoder().encode(String(value));

describe("POST and PUT /userfieldcategories: name", () => {
  it.each(BAD_LIST)("refuses %s in the name, on POST and on PUT", async (_what, text) => {
    const org = await newOrganization();
    const posted = await call("POST", `${PREFIX}/userfieldcategories`, { token: org.token, json: { name: text } });
    await expectError(posted, 400, "validation_failed", { fieldErrors: { name: notAllowed("name") } });
    const id = await createCategory(org, { name: "Sizes" });
    expect(await put(org, `/userfieldcategories/${id}`, { name: text })).toEqual(invalid({ name: notAllowed("name") }));
    expect(((await get(org, `/userfieldcategories/${id}`)).body as { name: string }).name).toBe("Sizes");
  });

  it("keeps astral text byte-identical", async () => {
    const org = await newOrganization();
    const id = await createCategory(org, { name: ASTRAL });
    const category = await read(org.token, `${PREFIX}/userfieldcategories/${id}`);
    expect(utf8(category.name)).toEqual(utf8(ASTRAL));
  });
});

describe("POST and PUT /userfields: name, message, options, localizedNames", () => {
  it.each(BAD_LIST)("refuses %s in each string field, reported under that field", async (_what, text) => {
    const org = await newOrganization();
    const cases: [string, Record<string, unknown>][] = [
      ["name", { name: text, type: "text" }],
      ["message", { name: "F", type: "text", message: text }],
      ["options", { name: "F", type: "dropdown", options: [{ name: "ok" }, { name: text }] }],
      ["localizedNames", { name: "F", type: "text", localizedNames: { de: "gut", fr: text } }],
    ];
    const id = await createField(org, { name: "Kept", type: "dropdown", options: [{ name: "A" }] });
    for (const [field, json] of cases) {
      const posted = await call("POST", `${PREFIX}/userfields`, { token: org.token, json });
      await expectError(posted, 400, "validation_failed", { fieldErrors: { [field]: notAllowed(field) } });
      // The same body as an update of a dropdown field (a type change is its own rule).
      expect(await put(org, `/userfields/${id}`, { ...json, type: "dropdown" }), field).toEqual(invalid({ [field]: notAllowed(field) }));
    }
    const kept = (await get(org, `/userfields/${id}`)).body as Record<string, unknown>;
    expect([kept.name, kept.message, kept.options, kept.localizedNames]).toEqual(["Kept", undefined, [{ name: "A", selected: false }], undefined]);
  });

  it("message is multi-line: tab, line feed and carriage return are kept; name is single-line", async () => {
    const org = await newOrganization();
    const message = "line one\r\n\tline two\n";
    const id = await createField(org, { name: "F", type: "text", message });
    expect((await get(org, `/userfields/${id}`)).body).toMatchObject({ message });
    const single = await call("POST", `${PREFIX}/userfields`, { token: org.token, json: { name: "a\tb", type: "text" } });
    await expectError(single, 400, "validation_failed", { fieldErrors: { name: notAllowed("name") } });
  });

  it("keeps astral text byte-identical in every string field", async () => {
    const org = await newOrganization();
    const id = await createField(org, {
      name: ASTRAL,
      type: "dropdown",
      message: ASTRAL,
      options: [{ name: ASTRAL }],
      localizedNames: { de: ASTRAL },
    });
    const field = await read(org.token, `${PREFIX}/userfields/${id}`);
    const options = field.options as { name: string }[];
    const localized = field.localizedNames as Record<string, string>;
    for (const value of [field.name, field.message, options[0]?.name, localized.de]) expect(utf8(value)).toEqual(utf8(ASTRAL));
  });
});

describe("PUT /users/<id>/userfieldvalues: string values", () => {
  it.each(BAD_LIST)("refuses %s in a text, email, dropdown, radiobuttons and checkboxes value as \"Invalid value for <field name>\"", async (_what, text) => {
    const org = await newOrganization();
    const userId = await insertUser(org.id);
    const options = [{ name: "Red" }];
    const fields = {
      text: await createField(org, { name: "F text", type: "text" }),
      email: await createField(org, { name: "F email", type: "email" }),
      dropdown: await createField(org, { name: "F dropdown", type: "dropdown", options }),
      radiobuttons: await createField(org, { name: "F radiobuttons", type: "radiobuttons", options }),
      checkboxes: await createField(org, { name: "F checkboxes", type: "checkboxes", options }),
      date: await createField(org, { name: "F date", type: "date" }),
      yesno: await createField(org, { name: "F yesno", type: "yesno" }),
    };
    const path = `/users/${userId}/userfieldvalues`;
    const sent = {
      [fields.text]: text,
      [fields.email]: `a${text}@example.com`,
      [fields.dropdown]: text,
      [fields.radiobuttons]: text,
      [fields.checkboxes]: ["Red", text],
      [fields.date]: `2026-01-31${text}`,
      [fields.yesno]: `yes${text}`,
    };
    const expected = Object.fromEntries(Object.entries(fields).map(([type, id]) => [id, `Invalid value for F ${type}`]));
    expect(await put(org, path, sent)).toEqual(invalid(expected));
    expect(await get(org, path)).toEqual(ok({}));
  });

  it("a text value keeps astral text byte-identical (and its line breaks, as before)", async () => {
    const org = await newOrganization();
    const userId = await insertUser(org.id);
    const id = await createField(org, { name: "F text", type: "text" });
    const option = await createField(org, { name: "F dropdown", type: "dropdown", options: [{ name: ASTRAL }] });
    const path = `/users/${userId}/userfieldvalues`;
    const text = `${ASTRAL}\r\n\t2`;
    expect(await put(org, path, { [id]: text, [option]: ASTRAL })).toEqual(NO_CONTENT);
    const values = (await get(org, path)).body as Record<string, unknown>;
    expect(utf8(values[id])).toEqual(utf8(text));
    expect(utf8(values[option])).toEqual(utf8(ASTRAL));
  });
});
