/** The userfields of API.md §7a: create, read, list (order, paging, filters), update, delete, tenancy. */
import { describe, expect, it } from "vitest";
import { call, parts } from "../support/http";
import { insertUser, newOrganization } from "../support/fixtures";
import { createCategory, createField, get, invalid, lastSegment, NO_CONTENT, NOT_FOUND, ok, P, put } from "../userfield-values/support";

const PREDEFINED = ["Phone Number", "Street 1", "Street 2", "City", "State/Province", "Postal Code", "Country"];
const TYPES = "type must be one of text, email, date, integer, decimal, dropdown, radiobuttons, checkboxes, checkbox, truefalse, yesno";
const CATEGORY = "categoryId must name a userfield category of the organization";

/** The list without the seven predefined fields. */
async function ownFields(org: Parameters<typeof get>[0], query = "") {
  const { body } = await get(org, `/userfields?limit=100${query}`);
  return (body as { results: Record<string, unknown>[] }).results.filter((f) => !PREDEFINED.includes(f.name as string));
}

describe("GET /userfields (a new organization)", () => {
  it("starts with the predefined contact fields: text, no category, in order", async () => {
    const org = await newOrganization();
    const { status, body } = await get(org, "/userfields");
    expect(status).toBe(200);
    const results = (body as { results: Record<string, unknown>[] }).results;
    expect(results.map((f) => [f.name, f.type, f.orderIndex, f.required, f.readOnly, f.categoryId])).toEqual(
      PREDEFINED.map((name, i) => [name, "text", i, false, false, undefined]),
    );
    expect(Object.keys(body as object)).toEqual(["results"]);
  });
});

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
      [{ name: 3, type: "number" }, { name: "name must be a string", type: TYPES }],
      [{ name: "X", type: 5 }, { type: TYPES }],
      [{ name: "X", type: "dropdown" }, { options: "options are required for this type" }],
      [{ name: "X", type: "checkboxes", options: [] }, { options: "options are required for this type" }],
      [{ name: "X", type: "dropdown", options: [{ name: "A" }, { name: "A" }] }, { options: "options must be a list of {name, selected} with unique, non-empty names" }],
      [{ name: "X", type: "integer", constraints: { min: 5, max: 1 } }, { constraints: "constraints must be {min, max} numbers, min not greater than max" }],
      [{ name: "X", type: "text", required: "yes", readOnly: 1 }, { required: "required must be a boolean", readOnly: "readOnly must be a boolean" }],
      [{ name: "X", type: "text", categoryId: "0123456789abcdef0123456789abcdef" }, { categoryId: CATEGORY }],
      [{ name: "X", type: "text", categoryId: 7 }, { categoryId: CATEGORY }],
      [{ name: "phone NUMBER", type: "text" }, { name: "Userfield name is already in use" }],
    ];
    for (const [json, fieldErrors] of cases) {
      const response = await call("POST", `${P}/userfields`, { token: org.token, json });
      expect(await parts(response), JSON.stringify(json)).toEqual(invalid(fieldErrors));
    }
    expect(await ownFields(org)).toEqual([]);
  });

  it("another organization's category is not a category of this one", async () => {
    const org = await newOrganization();
    const theirs = await createCategory(await newOrganization(), { name: "Theirs" });
    const response = await call("POST", `${P}/userfields`, { token: org.token, json: { name: "X", type: "text", categoryId: theirs } });
    expect(await parts(response)).toEqual(invalid({ categoryId: CATEGORY }));
  });

  it("Idempotency-Key: a repeat replays the 201 and Location; another body under the key is 422", async () => {
    const org = await newOrganization();
    const send = (json: unknown) => call("POST", `${P}/userfields`, { token: org.token, json, headers: { "Idempotency-Key": "uf-1" } });
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
});

describe("GET /userfields", () => {
  it("orders by category orderIndex, then field orderIndex, then creation; fields in no category first; pages", async () => {
    const org = await newOrganization();
    const later = await createCategory(org, { name: "Later", orderIndex: 5 });
    const sooner = await createCategory(org, { name: "Sooner", orderIndex: 1 });
    await createField(org, { name: "L1", type: "text", categoryId: later, orderIndex: 0 });
    await createField(org, { name: "S2", type: "text", categoryId: sooner, orderIndex: 2 });
    await createField(org, { name: "S1a", type: "text", categoryId: sooner, orderIndex: 1 });
    await createField(org, { name: "S1b", type: "text", categoryId: sooner, orderIndex: 1 });
    await createField(org, { name: "Loose", type: "text", orderIndex: 100 });
    const all = (await get(org, "/userfields?limit=100")).body as { results: { name: string }[] };
    expect(all.results.map((f) => f.name)).toEqual([...PREDEFINED, "Loose", "S1a", "S1b", "S2", "L1"]);
    const page = await get(org, "/userfields?limit=2&offset=8");
    expect((page.body as { results: { name: string }[] }).results.map((f) => f.name)).toEqual(["S1a", "S1b"]);
    expect(page.body).toMatchObject({ next: `${P}/userfields?limit=2&offset=10`, previous: `${P}/userfields?limit=2&offset=6` });
  });

  it("filters: name substring, categoryId, categoryType; invalid filters are 400", async () => {
    const org = await newOrganization();
    const open = await createCategory(org, { name: "Open" });
    const hidden = await createCategory(org, { name: "Hidden", type: "private" });
    await createField(org, { name: "Shoe size", type: "integer", categoryId: open });
    await createField(org, { name: "Salary", type: "decimal", categoryId: hidden });
    const names = async (query: string) => ((await get(org, `/userfields${query}`)).body as { results: { name: string }[] }).results.map((f) => f.name);
    expect(await names("?name=STREET")).toEqual(["Street 1", "Street 2"]);
    expect(await names(`?categoryId=${hidden}`)).toEqual(["Salary"]);
    expect(await names("?categoryType=public")).toEqual(["Shoe size"]);
    expect(await names("?categoryType=private&name=sal")).toEqual(["Salary"]);
    const bad = (errors: string[]) => ({ status: 400, contentType: "application/json", errorCode: "validation_failed", body: { errors } });
    expect(await get(org, "/userfields?categoryType=secret")).toEqual(bad(["categoryType must be public or private"]));
    expect(await get(org, `/userfields?name=${"x".repeat(256)}`)).toEqual(bad(["name must be at most 255 characters"]));
    expect(await get(org, "/userfields?limit=0")).toEqual(bad(["limit must be an integer between 1 and 100"]));
  });
});

describe("GET /userfields/<id>", () => {
  it("unknown, malformed, deleted or another organization's: 404", async () => {
    const org = await newOrganization();
    const theirs = await createField(await newOrganization(), { name: "Theirs", type: "text" });
    const gone = await createField(org, { name: "Gone", type: "text" });
    expect((await call("DELETE", `${P}/userfields/${gone}`, { token: org.token })).status).toBe(204);
    for (const id of ["0123456789abcdef0123456789abcdef", "nope", theirs, gone]) {
      expect(await get(org, `/userfields/${id}`), id).toEqual(NOT_FOUND);
    }
  });
});

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
      invalid({ name: "Userfield name is already in use", categoryId: CATEGORY }),
    );
    expect(await put(org, `/userfields/${id}`, { type: "number" })).toEqual(invalid({ type: TYPES }));
    expect(await put(org, `/userfields/${id}`, { name: "mine" })).toEqual(NO_CONTENT);
    expect(await put(org, "/userfields/0123456789abcdef0123456789abcdef", { name: "X" })).toEqual(NOT_FOUND);
  });
});

describe("DELETE /userfields/<id>", () => {
  it("204, then 404; the name is free again; a predefined field can be deleted", async () => {
    const org = await newOrganization();
    const list = (await get(org, "/userfields")).body as { results: { id: string; name: string }[] };
    const phone = list.results[0] as { id: string };
    expect((await call("DELETE", `${P}/userfields/${phone.id}`, { token: org.token })).status).toBe(204);
    expect(await parts(await call("DELETE", `${P}/userfields/${phone.id}`, { token: org.token }))).toEqual(NOT_FOUND);
    await createField(org, { name: "Phone Number", type: "text" });
  });
});
