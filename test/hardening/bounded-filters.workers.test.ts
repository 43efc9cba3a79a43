/**
 * Issue 13, case 1, at its root: a list of values becomes ONE json_each parameter
 * (src/db/json-list.ts), so the statement does not grow with the list, even past what the HTTP
 * layer lets through.
 */
import { env } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client";
import { listOfferings } from "../../src/offerings/read";
import { newOrganization } from "../support/fixtures";

describe("listOfferings with a tag list", () => {
  it("runs with 10,000 tags (no expression tree grows with the list)", async () => {
    const org = await newOrganization();
    const db = drizzle(env.DB) as unknown as Db;
    const tag = Array.from({ length: 10_000 }, (_, i) => `t${i}`);
    await expect(listOfferings(db, org.id, { tag }, { limit: 15, offset: 0 }, Date.now())).resolves.toEqual([]);
  });
});
