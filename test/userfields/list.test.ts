/** Contract tests of GET /userfields (API.md §7a): the predefined fields, the order, paging and filters. */
import { describe, expect, it } from "vitest";
import { newOrganization } from "../support/fixtures";
import { PREFIX } from "../support/contract";
import { authenticationTests } from "../support/common-tests";
import { PREDEFINED, createCategory, createField, get } from "../support/userfields";

describe("GET /userfields", () => {
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
    expect(page.body).toMatchObject({ next: `${PREFIX}/userfields?limit=2&offset=10`, previous: `${PREFIX}/userfields?limit=2&offset=6` });
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

  authenticationTests({ method: "GET", path: `${PREFIX}/userfields` });
});
