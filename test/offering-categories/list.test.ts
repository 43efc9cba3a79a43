/** Contract tests of GET /offeringcategories (API.md §5): the offering categories of an organization. */
import { describe, expect, it } from "vitest";
import { call, parts } from "../support/http";
import { newOrganization } from "../support/fixtures";
import { workersOnly } from "../support/runtime";
import { freezeClockAt, restoreClockAfterEach } from "../support/clock";
import { PREFIX, ok } from "../support/contract";
import { createCategory, list } from "../support/offering-categories";
import { authenticationTests } from "../support/common-tests";

restoreClockAfterEach();

describe("GET /offeringcategories", () => {
  authenticationTests({ method: "GET", path: `${PREFIX}/offeringcategories` });

  workersOnly("lists by orderIndex, then createdDate, then id", async () => {
    const org = await newOrganization();
    freezeClockAt("2026-01-01T00:00:02Z");
    const late = await createCategory(org, { name: "late", orderIndex: 1 });
    freezeClockAt("2026-01-01T00:00:01Z");
    const early = await createCategory(org, { name: "early", orderIndex: 1 });
    const twinA = await createCategory(org, { name: "twin", orderIndex: 0 });
    const twinB = await createCategory(org, { name: "twin", orderIndex: 0 });
    const last = await createCategory(org, { name: "last", orderIndex: 9 });
    const [firstTwin, secondTwin] = [twinA, twinB].sort();
    const { body } = await list(org);
    expect((body as { results: { id: string }[] }).results.map((c) => c.id)).toEqual([
      firstTwin,
      secondTwin,
      early,
      late,
      last,
    ]);
  });

  workersOnly("returns whole objects in results and no links when everything fits", async () => {
    const org = await newOrganization();
    freezeClockAt("2026-05-05T05:05:05Z");
    const id = await createCategory(org, { name: "Only", description: "d", color: "#000000" });
    expect(await list(org)).toEqual(
      ok({ results: [{ id, name: "Only", description: "d", color: "#000000", orderIndex: 0, createdDate: "2026-05-05T05:05:05Z" }] }),
    );
  });

  it("pages with limit and offset; next and previous change only offset, keeping the prefix", async () => {
    const org = await newOrganization();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await createCategory(org, { name: `c${i}` }));
    const idsOf = (body: unknown) => (body as { results: { id: string }[] }).results.map((c) => c.id);

    const first = await parts(await call("GET", `/api/v5/offeringcategories?name=c&limit=2`, { token: org.token }));
    expect(idsOf(first.body)).toEqual(ids.slice(0, 2));
    expect(first.body).toMatchObject({ next: "/api/v5/offeringcategories?name=c&limit=2&offset=2" });
    expect(first.body).not.toHaveProperty("previous");

    const middle = await list(org, "?limit=2&offset=2");
    expect(idsOf(middle.body)).toEqual(ids.slice(2, 4));
    expect(middle.body).toMatchObject({
      next: `${PREFIX}/offeringcategories?limit=2&offset=4`,
      previous: `${PREFIX}/offeringcategories?limit=2&offset=0`,
    });

    const end = await list(org, "?limit=2&offset=4");
    expect(idsOf(end.body)).toEqual(ids.slice(4));
    expect(end.body).not.toHaveProperty("next");
    expect(end.body).toMatchObject({ previous: `${PREFIX}/offeringcategories?limit=2&offset=2` });

    const beyond = await list(org, "?offset=10");
    expect(beyond.body).toEqual({ results: [], previous: `${PREFIX}/offeringcategories?offset=0` });
  });

  it("the default page is 15", async () => {
    const org = await newOrganization();
    for (let i = 0; i < 16; i++) await createCategory(org, { name: `c${i}` });
    const { body } = await list(org);
    expect((body as { results: unknown[] }).results).toHaveLength(15);
    expect(body).toMatchObject({ next: `${PREFIX}/offeringcategories?offset=15` });
  });

  it("an invalid limit, offset or createdDate is 400 with the contract's message", async () => {
    const org = await newOrganization();
    const cases: [string, string][] = [
      ["?limit=0", "limit must be an integer between 1 and 100"],
      ["?limit=101", "limit must be an integer between 1 and 100"],
      ["?limit=x", "limit must be an integer between 1 and 100"],
      ["?offset=-1", "offset must be a non-negative integer"],
      ["?createdDate=yesterday", "createdDate is not a valid date filter"],
    ];
    for (const [query, message] of cases) {
      expect(await list(org, query), query).toEqual({
        status: 400,
        contentType: "application/json",
        errorCode: "validation_failed",
        body: { errors: [message] },
      });
    }
  });

  it("name filters by case-insensitive substring", async () => {
    const org = await newOrganization();
    const safety = await createCategory(org, { name: "Workplace Safety" });
    const food = await createCategory(org, { name: "FOOD safety" });
    await createCategory(org, { name: "Leadership" });
    const { body } = await list(org, "?name=SAFE");
    expect((body as { results: { id: string }[] }).results.map((c) => c.id)).toEqual([safety, food]);
  });

  it("% and _ in the name filter are literal characters, not wildcards", async () => {
    const org = await newOrganization();
    const percent = await createCategory(org, { name: "100% online" });
    const underscore = await createCategory(org, { name: "snake_case" });
    await createCategory(org, { name: "100 online" });
    await createCategory(org, { name: "snakeXcase" });
    const idsOf = (body: unknown) => (body as { results: { id: string }[] }).results.map((c) => c.id);
    expect(idsOf((await list(org, "?name=%25")).body)).toEqual([percent]);
    expect(idsOf((await list(org, "?name=0%25%20")).body)).toEqual([percent]);
    expect(idsOf((await list(org, "?name=_")).body)).toEqual([underscore]);
    expect(idsOf((await list(org, "?name=e_c")).body)).toEqual([underscore]);
  });

  workersOnly("createdDate filters by exact time, imprecise date and open or closed ranges", async () => {
    const org = await newOrganization();
    freezeClockAt("2025-12-31T23:59:59Z");
    const dec = await createCategory(org, { name: "dec" });
    freezeClockAt("2026-01-15T12:00:00Z");
    const jan = await createCategory(org, { name: "jan" });
    freezeClockAt("2026-02-01T00:00:00Z");
    const feb = await createCategory(org, { name: "feb" });
    const idsOf = async (query: string) =>
      ((await list(org, query)).body as { results: { id: string }[] }).results.map((c) => c.id);
    expect(await idsOf("?createdDate=2026-01-15T12:00:00Z")).toEqual([jan]);
    expect(await idsOf("?createdDate=2026-01")).toEqual([jan]);
    expect(await idsOf("?createdDate=2026")).toEqual([jan, feb]);
    expect(await idsOf("?createdDate=2025-12-31,2026-01-31")).toEqual([dec, jan]);
    expect(await idsOf("?createdDate=2026-01-16,")).toEqual([feb]);
    expect(await idsOf("?createdDate=,2025")).toEqual([dec]);
  });

  it("never lists another organization's or a deleted category; an empty list is just results", async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    await createCategory(other, { name: "Theirs" });
    expect(await list(org)).toEqual(ok({ results: [] }));
    expect(await list(org, "?name=Theirs")).toEqual(ok({ results: [] }));
    const gone = await createCategory(org, { name: "Gone" });
    await call("DELETE", `${PREFIX}/offeringcategories/${gone}`, { token: org.token });
    expect(await list(org)).toEqual(ok({ results: [] }));
  });
});
