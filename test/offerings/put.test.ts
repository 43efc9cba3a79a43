/** Contract tests of PUT /offerings/<id> (API.md §1, §2, §3 step 4, §5, §6); categories come from POST /offeringcategories, rows with chosen creation times from the fixtures. */
import { describe, expect, it } from "vitest";
import { newId } from "../../src/lib/crypto";
import { newOrganization } from "../support/fixtures";
import { parts } from "../support/http";
import { UNKNOWN_ID, PREFIX, NOT_FOUND, expectError, type Json } from "../support/contract";
import { newCategory } from "../support/api";
import { REGISTRATION_ORDER, DATE_ORDER, PASSING_GRADE, SEAT_LIMIT, UNKNOWN_CATEGORY, DATE_FIELDS, expectInvalid, putOffering, deleteOffering, created, read } from "../support/offerings";
import { authenticationTests, bodyRuleTests } from "../support/common-tests";

describe("PUT /offerings/<id>", () => {
  authenticationTests({ method: "PUT", path: `${PREFIX}/offerings/${UNKNOWN_ID}`, json: { title: "T" } });

  async function withOffering(fields: Json = {}) {
    const org = await newOrganization();
    const category = await newCategory(org);
    const id = await created(org, {
      title: "Chalk 101",
      catalogDescription: "Catalog",
      price: 10,
      tags: ["a", "b"],
      beginDate: "2026-02-01",
      endDate: "2026-02-28",
      registrationBeginDate: "2026-01-01",
      registrationEndDate: "2026-01-31",
      seatLimit: 5,
      offeringCategoryIds: [category],
      ...fields,
    });
    return { org, id, category, before: await read(org, id) };
  }

  it("answers 204 with an empty body and changes only the given fields", async () => {
    const { org, id, before } = await withOffering();
    expect(await parts(await putOffering(org, id, { title: "Chalk 102" }))).toEqual({ status: 204, contentType: null, errorCode: null, body: null });
    expect(await read(org, id)).toEqual({ ...before, title: "Chalk 102" });
  });

  it("updates every field", async () => {
    const { org, id, before } = await withOffering();
    const other = await newCategory(org, "Other");
    const response = await putOffering(org, id, {
      title: "New",
      catalogDescription: "C2",
      dashboardDescription: "D2",
      deliveryDescription: "V2",
      price: 0,
      tags: ["x y"],
      orderIndex: 9,
      beginDate: "2027-01-01",
      endDate: "2027-02-01",
      registrationBeginDate: "2026-12-01",
      registrationEndDate: "2026-12-31",
      allowRetake: true,
      passingGrade: 50,
      seatLimit: 1,
      offeringCategoryIds: [other],
    });
    expect(response.status).toBe(204);
    expect(await read(org, id)).toEqual({
      id,
      createdDate: before.createdDate,
      title: "New",
      catalogDescription: "C2",
      dashboardDescription: "D2",
      deliveryDescription: "V2",
      price: 0,
      tags: ["x", "y"],
      orderIndex: 9,
      beginDate: "2027-01-01T00:00:00Z",
      endDate: "2027-02-01T00:00:00Z",
      registrationBeginDate: "2026-12-01T00:00:00Z",
      registrationEndDate: "2026-12-31T00:00:00Z",
      allowRetake: true,
      passingGrade: 50,
      seatLimit: 1,
      offeringCategoryIds: [other],
    });
  });

  it("\"\" clears optional fields: dates, descriptions, price, seatLimit, tags, categories (API.md §10)", async () => {
    const { org, id, before } = await withOffering();
    const response = await putOffering(org, id, { beginDate: "", endDate: "", registrationBeginDate: "", registrationEndDate: "", catalogDescription: "", price: "", seatLimit: "", tags: "", offeringCategoryIds: "" });
    expect(response.status).toBe(204);
    expect(await read(org, id)).toEqual({ id, title: "Chalk 101", createdDate: before.createdDate, orderIndex: 0, allowRetake: false, passingGrade: 70 });
  });

  it("null is absent: a PUT of nulls changes nothing (API.md §10)", async () => {
    const { org, id, before } = await withOffering();
    const response = await putOffering(org, id, { title: null, beginDate: null, endDate: null, registrationBeginDate: null, registrationEndDate: null, catalogDescription: null, price: null, seatLimit: null, tags: null, offeringCategoryIds: null });
    expect(response.status).toBe(204);
    expect(await read(org, id)).toEqual(before);
  });

  it("offeringCategoryIds replace the list; [] clears it", async () => {
    const { org, id, category } = await withOffering();
    const [x, y] = [await newCategory(org, "X"), await newCategory(org, "Y")];
    expect((await putOffering(org, id, { offeringCategoryIds: [y, category, x] })).status).toBe(204);
    expect((await read(org, id)).offeringCategoryIds).toEqual([y, category, x]);
    expect((await putOffering(org, id, { title: "Still" })).status).toBe(204);
    expect((await read(org, id)).offeringCategoryIds).toEqual([y, category, x]);
    expect((await putOffering(org, id, { offeringCategoryIds: [] })).status).toBe(204);
    // API.md §10: an empty list is omitted.
    expect((await read(org, id)).offeringCategoryIds).toBeUndefined();
  });

  it("checks date order against the stored values on a partial update, changing nothing", async () => {
    const { org, id, before } = await withOffering();
    // Stored: registration 2026-01-01 .. 2026-01-31, offering 2026-02-01 .. 2026-02-28.
    await expectInvalid(await putOffering(org, id, { title: "X", registrationEndDate: "2025-12-31" }), { registrationEndDate: REGISTRATION_ORDER });
    await expectInvalid(await putOffering(org, id, { title: "X", registrationBeginDate: "2026-02-01" }), { registrationEndDate: REGISTRATION_ORDER });
    await expectInvalid(await putOffering(org, id, { title: "X", endDate: "2026-01-31T23:59:59Z" }), { endDate: DATE_ORDER });
    await expectInvalid(await putOffering(org, id, { title: "X", beginDate: "2026-03-01" }), { endDate: DATE_ORDER });
    await expectInvalid(await putOffering(org, id, { title: "X", beginDate: "2026-03-01", registrationBeginDate: "2026-02-01" }), { endDate: DATE_ORDER, registrationEndDate: REGISTRATION_ORDER });
    expect(await read(org, id)).toEqual(before);
  });

  it("accepts dates that are in order with the stored ones, or whose partner is cleared", async () => {
    const { org, id } = await withOffering();
    expect((await putOffering(org, id, { registrationEndDate: "2026-01-01" })).status).toBe(204);
    expect((await putOffering(org, id, { beginDate: "2026-02-28" })).status).toBe(204);
    expect((await putOffering(org, id, { endDate: "", beginDate: "2030-01-01" })).status).toBe(204);
    expect((await putOffering(org, id, { registrationBeginDate: "", registrationEndDate: "2020-01-01" })).status).toBe(204);
    expect(await read(org, id)).toMatchObject({ registrationEndDate: "2020-01-01T00:00:00Z", beginDate: "2030-01-01T00:00:00Z" });
  });

  it("validates the given fields with the messages of POST, changing nothing", async () => {
    const { org, id, before } = await withOffering();
    await expectInvalid(await putOffering(org, id, { title: "" }), { title: "title is required" });
    for (const field of DATE_FIELDS) await expectInvalid(await putOffering(org, id, { [field]: "later" }), { [field]: `${field} must be a date` });
    await expectInvalid(await putOffering(org, id, { passingGrade: 101 }), { passingGrade: PASSING_GRADE });
    await expectInvalid(await putOffering(org, id, { seatLimit: 0 }), { seatLimit: SEAT_LIMIT });
    await expectInvalid(await putOffering(org, id, { offeringCategoryIds: [newId()] }), { offeringCategoryIds: UNKNOWN_CATEGORY });
    await expectInvalid(await putOffering(org, id, { title: "X", passingGrade: -1, seatLimit: 1.5 }), { passingGrade: PASSING_GRADE, seatLimit: SEAT_LIMIT });
    expect(await read(org, id)).toEqual(before);
  });

  it("an empty body changes nothing", async () => {
    const { org, id, before } = await withOffering();
    expect((await putOffering(org, id, {})).status).toBe(204);
    expect(await read(org, id)).toEqual(before);
  });

  it("returns 404 for an unknown, malformed, deleted or other organization's offering", async () => {
    const { org, id } = await withOffering();
    await expectError(await putOffering(org, newId(), { title: "X" }), 404, "not_found", NOT_FOUND);
    await expectError(await putOffering(org, "nope", { title: "X" }), 404, "not_found", NOT_FOUND);
    const other = await newOrganization();
    const theirs = await created(other, { title: "Theirs" });
    await expectError(await putOffering(org, theirs, { title: "X" }), 404, "not_found", NOT_FOUND);
    expect((await read(other, theirs)).title).toBe("Theirs");
    expect((await deleteOffering(org, id)).status).toBe(204);
    await expectError(await putOffering(org, id, { title: "X" }), 404, "not_found", NOT_FOUND);
  });

  bodyRuleTests(
    {
      method: "PUT",
      setUp: async () => {
        const { org, id } = await withOffering();
        return { token: org.token, path: `${PREFIX}/offerings/${id}` };
      },
    },
    {
      unsupportedMediaType: [{ contentType: "text/json", body: "{}" }],
      notAnObject: [{ what: "a number", json: 7 }],
    },
  );
});
