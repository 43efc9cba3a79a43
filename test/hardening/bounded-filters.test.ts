/**
 * Issue 13, case 1: every list filter is bounded (API.md §6), and no filter value, however long
 * or repeated, makes a 5xx (48 tags used to work and 49 gave D1's "Expression tree is too large").
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeTags } from "../../src/http/tags";
import { expectError, type PageBody } from "../support/contract";
import { newOrganization } from "../support/fixtures";
import { call } from "../support/http";
import { create, notServerError, PREFIX } from "./support";

const tags = (n: number) => Array.from({ length: n }, (_, i) => `t${i + 1}`);
const TOO_MANY_TAGS = { errors: ["tag accepts at most 20 tags"] };

describe("GET /offerings?tag=", () => {
  it("refuses 49 tags (the reported 500) and any count above 20 with the contract's 400", async () => {
    const org = await newOrganization();
    for (const n of [21, 48, 49, 100, 1000]) {
      const response = await call("GET", `${PREFIX}/offerings?tag=${tags(n).join(",")}`, { token: org.token });
      await expectError(response, 400, "validation_failed", TOO_MANY_TAGS);
    }
  });

  it("accepts 20 tags and finds the offering that has all of them", async () => {
    const org = await newOrganization();
    const location = await create(org.token, "offerings", { title: "Tagged", tags: tags(20) });
    await create(org.token, "offerings", { title: "Fewer", tags: tags(19) });
    const response = await call("GET", `${PREFIX}/offerings?tag=${tags(20).join(" ")}`, { token: org.token });
    expect(response.status).toBe(200);
    const body = (await response.json()) as PageBody;
    expect(body.results.map((offering) => offering.id)).toEqual([location.split("/").pop()]);
  });

  it("counts tags after splitting and dropping repeats: 60 copies of one tag are one tag", async () => {
    const org = await newOrganization();
    const response = await call("GET", `${PREFIX}/offerings?tag=${Array(60).fill("a").join(",")}`, { token: org.token });
    expect(response.status).toBe(200);
  });

  it("property: a tag list of any length answers 200 or exactly the 400, never a 5xx", async () => {
    const org = await newOrganization();
    const tag = fc.oneof(fc.constantFrom("a", "b", "t1", "x"), fc.stringMatching(/^[a-z0-9]{1,8}$/));
    const separator = fc.constantFrom(",", " ", ", ", ",,");
    await fc.assert(
      fc.asyncProperty(fc.array(tag, { maxLength: 120 }), separator, async (list, sep) => {
        const value = list.join(sep);
        const response = await notServerError(
          await call("GET", `${PREFIX}/offerings?tag=${encodeURIComponent(value)}`, { token: org.token }),
        );
        if (normalizeTags([value]).length > 20) await expectError(response, 400, "validation_failed", TOO_MANY_TAGS);
        else expect(response.status).toBe(200);
      }),
      { numRuns: 25 },
    );
  });
});

describe("substring filters", () => {
  const filters: [string, string][] = [
    ["/users", "firstName"],
    ["/users", "lastName"],
    ["/users", "username"],
    ["/users", "email"],
    ["/offerings", "title"],
    ["/offeringcategories", "name"],
  ];

  it.each(filters)("%s?%s= of 256 characters is 400 'must be at most 255 characters'; 255 is fine", async (path, param) => {
    const org = await newOrganization();
    const ok = await call("GET", `${PREFIX}${path}?${param}=${"a".repeat(255)}`, { token: org.token });
    expect(ok.status).toBe(200);
    const long = await call("GET", `${PREFIX}${path}?${param}=${"a".repeat(256)}`, { token: org.token });
    await expectError(long, 400, "validation_failed", { errors: [`${param} must be at most 255 characters`] });
  });

  it("property: any length and any repetition of a filter never makes a 5xx", async () => {
    const org = await newOrganization();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...filters),
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 1, max: 3 }),
        async ([path, param], length, times) => {
          const query = Array(times).fill(`${param}=${"z".repeat(length)}`).join("&");
          const response = await notServerError(await call("GET", `${PREFIX}${path}?${query}`, { token: org.token }));
          if (times > 1) expect(response.status).toBe(400);
          else if (length > 255) {
            await expectError(response, 400, "validation_failed", { errors: [`${param} must be at most 255 characters`] });
          } else expect(response.status).toBe(200);
        },
      ),
      { numRuns: 20 },
    );
  });
});
