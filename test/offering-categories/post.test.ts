/** Contract tests of POST /offeringcategories (API.md §5): the offering categories of an organization. */
import { describe, expect, it } from "vitest";
import { call, parts } from "../support/http";
import { newOrganization } from "../support/fixtures";
import { workersOnly } from "../support/runtime";
import { freezeClockAt, restoreClockAfterEach } from "../support/clock";
import { PREFIX, UNKNOWN_ID, ok, invalid } from "../support/contract";
import { COLOR_MESSAGE, createCategory, read, list } from "../support/offering-categories";
import { authenticationTests, bodyRuleTests } from "../support/common-tests";

restoreClockAfterEach();

describe("POST /offeringcategories", () => {
  workersOnly("creates a category: 201, Location under the request's prefix, empty body; every field reads back", async () => {
    const org = await newOrganization();
    freezeClockAt("2026-01-31T10:00:00Z");
    for (const prefix of ["/dc/api/v5", "/api/v5"]) {
      const response = await call("POST", `${prefix}/offeringcategories`, {
        token: org.token,
        json: { name: "Compliance", description: "Yearly courses", color: "#1a7f37", orderIndex: 4 },
      });
      const location = response.headers.get("Location") ?? "";
      expect(location).toMatch(new RegExp(`^${prefix}/offeringcategories/[0-9a-f]{32}$`));
      expect(response.headers.get("Content-Length")).toBe("0");
      expect(await parts(response)).toEqual({ status: 201, contentType: "application/json", errorCode: null, body: null });
      const id = location.split("/").pop() ?? "";
      expect(await read(org, id)).toEqual(
        ok({ id, name: "Compliance", description: "Yearly courses", color: "#1a7f37", orderIndex: 4, createdDate: "2026-01-31T10:00:00Z" }),
      );
    }
  });

  it("without orderIndex a category goes after the last live one of the organization, the first at 0", async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    await createCategory(other, { name: "Elsewhere", orderIndex: 50 });
    const first = await createCategory(org, { name: "First" });
    await createCategory(org, { name: "Placed", orderIndex: 7 });
    const third = await createCategory(org, { name: "Third" });
    expect((await read(org, first)).body).toMatchObject({ orderIndex: 0 });
    expect((await read(org, third)).body).toMatchObject({ orderIndex: 8 });

    // A deleted category does not count as the last one.
    expect((await call("DELETE", `${PREFIX}/offeringcategories/${third}`, { token: org.token })).status).toBe(204);
    const fourth = await createCategory(org, { name: "Fourth" });
    expect((await read(org, fourth)).body).toMatchObject({ orderIndex: 8 });
  });

  it("name is required: missing, null or empty", async () => {
    const org = await newOrganization();
    for (const json of [{}, { name: null }, { name: "" }, { description: "no name" }]) {
      const response = await call("POST", `${PREFIX}/offeringcategories`, { token: org.token, json });
      expect(await parts(response), JSON.stringify(json)).toEqual(invalid({ name: "name is required" }));
    }
  });

  it("reports every invalid field together", async () => {
    const org = await newOrganization();
    const response = await call("POST", `${PREFIX}/offeringcategories`, {
      token: org.token,
      json: { name: 5, description: 3, color: "red", orderIndex: 1.5 },
    });
    expect(await parts(response)).toEqual(
      invalid({
        name: "name must be a string",
        description: "description must be a string",
        color: COLOR_MESSAGE,
        orderIndex: "orderIndex must be an integer",
      }),
    );
    expect(await list(org)).toEqual(ok({ results: [] }));
  });

  it("color must be # and six hex digits; upper case is accepted and stored lower case", async () => {
    const org = await newOrganization();
    for (const color of ["#abc", "1a7f37", "#1a7f3", "#1a7f377", "#gggggg", " #1a7f37", 123456]) {
      const response = await call("POST", `${PREFIX}/offeringcategories`, { token: org.token, json: { name: "C", color } });
      expect(await parts(response), String(color)).toEqual(invalid({ color: COLOR_MESSAGE }));
    }
    const id = await createCategory(org, { name: "C", color: "#1A7F3B" });
    expect((await read(org, id)).body).toMatchObject({ color: "#1a7f3b" });
  });

  it("orderIndex must be an integer: a string, a fraction or an unsafe integer is refused", async () => {
    const org = await newOrganization();
    for (const orderIndex of ["3", 2.5, 2 ** 53, true]) {
      const response = await call("POST", `${PREFIX}/offeringcategories`, { token: org.token, json: { name: "C", orderIndex } });
      expect(await parts(response), String(orderIndex)).toEqual(invalid({ orderIndex: "orderIndex must be an integer" }));
    }
    const id = await createCategory(org, { name: "C", orderIndex: -2 });
    expect((await read(org, id)).body).toMatchObject({ orderIndex: -2 });
  });

  it("name is at most 255 characters", async () => {
    const org = await newOrganization();
    const response = await call("POST", `${PREFIX}/offeringcategories`, { token: org.token, json: { name: "n".repeat(256) } });
    expect(await parts(response)).toEqual(invalid({ name: "name must be at most 255 characters" }));
    await createCategory(org, { name: "n".repeat(255) });
  });

  workersOnly("an empty or null description, a null color are no value: omitted; read-only and unknown fields are ignored", async () => {
    const org = await newOrganization();
    freezeClockAt("2026-02-01T00:00:00Z");
    const id = await createCategory(org, {
      name: "Plain",
      description: "",
      color: null,
      id: UNKNOWN_ID,
      createdDate: "2001-01-01T00:00:00Z",
      whatever: 1,
    });
    expect(id).not.toBe(UNKNOWN_ID);
    expect(await read(org, id)).toEqual(ok({ id, name: "Plain", orderIndex: 0, createdDate: "2026-02-01T00:00:00Z" }));
  });

  bodyRuleTests(
    { method: "POST", setUp: async () => ({ token: (await newOrganization()).token, path: `${PREFIX}/offeringcategories` }) },
    { unsupportedMediaType: [{ contentType: "application/x-www-form-urlencoded", body: "name=x" }] },
  );

  authenticationTests({ method: "POST", path: `${PREFIX}/offeringcategories`, json: { name: "x" } });
});
