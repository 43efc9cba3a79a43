/**
 * Issue 13, cases 4 and 5: every response to an authenticated request carries X-D1-Bookmark,
 * whatever its status, and the bookmark is opaque and sealed to the organization (API.md §1).
 */
import { describe, expect, it } from "vitest";
import { newOrganization } from "../support/fixtures";
import { call } from "../support/http";
import { create, PREFIX } from "./support";

const BOOKMARK = /^[A-Za-z0-9_-]{208}$/;
const UNKNOWN_ID = "0123456789abcdef0123456789abcdef";

describe("X-D1-Bookmark on every authenticated response", () => {
  it("is on 404 (malformed and unknown id, unknown path), 405, 415, 413 and 400 alike", async () => {
    const org = await newOrganization();
    const requests: [string, string, Record<string, unknown>][] = [
      ["GET", `${PREFIX}/users/not-an-id`, {}],
      ["GET", `${PREFIX}/users/${UNKNOWN_ID}`, {}],
      ["GET", `${PREFIX}/nowhere`, {}],
      ["PATCH", `${PREFIX}/users`, {}],
      ["POST", `${PREFIX}/users`, { body: "{}", headers: { "Content-Type": "text/plain" } }],
      ["POST", `${PREFIX}/users`, { body: JSON.stringify({ pad: "x".repeat(70_000) }), headers: { "Content-Type": "application/json" } }],
      ["GET", `${PREFIX}/users?limit=0`, {}],
      ["POST", `${PREFIX}/users`, { json: {} }],
    ];
    for (const [method, path, options] of requests) {
      const response = await call(method, path, { token: org.token, ...options });
      expect(response.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      expect(response.headers.get("X-D1-Bookmark"), `${method} ${path} ${response.status}`).toMatch(BOOKMARK);
    }
  });

  it("a malformed-id 404 and an unknown-id 404 carry the same headers", async () => {
    const org = await newOrganization();
    const names = async (path: string) => {
      const response = await call("GET", path, { token: org.token });
      expect(response.status).toBe(404);
      return [...response.headers.keys()].sort();
    };
    expect(await names(`${PREFIX}/offerings/xyz`)).toEqual(await names(`${PREFIX}/offerings/${UNKNOWN_ID}`));
  });

  it("is not on a 401 (nothing was authenticated), nor on the public document", async () => {
    for (const token of [null, "not-a-token"]) {
      const response = await call("GET", `${PREFIX}/users`, { token });
      expect(response.status).toBe(401);
      expect(response.headers.get("X-D1-Bookmark")).toBeNull();
    }
    expect((await call("GET", `${PREFIX}/openapi.json`)).headers.get("X-D1-Bookmark")).toBeNull();
  });
});

describe("X-D1-Bookmark is sealed to the organization", () => {
  it("reveals nothing of another organization's writes: same length, a new value every time", async () => {
    const a = await newOrganization("A");
    const b = await newOrganization("B");
    const seen = new Set<string>();
    const before = (await call("GET", `${PREFIX}/users`, { token: a.token })).headers.get("X-D1-Bookmark") ?? "";
    for (let i = 0; i < 5; i++) await create(b.token, "offeringcategories", { name: `B${i}` });
    const after = (await call("GET", `${PREFIX}/users`, { token: a.token })).headers.get("X-D1-Bookmark") ?? "";
    for (const token of [before, after]) {
      expect(token).toMatch(BOOKMARK);
      seen.add(token);
    }
    // Nothing to compare: no counter, no order, every token different.
    expect(seen.size).toBe(2);
  });

  it("one of another organization, a tampered one, or garbage is ignored: the request reads as without", async () => {
    const a = await newOrganization("A");
    const b = await newOrganization("B");
    const location = await create(a.token, "offeringcategories", { name: "Mine" });
    const fromB = (await call("GET", `${PREFIX}/users`, { token: b.token })).headers.get("X-D1-Bookmark") ?? "";
    const fromA = (await call("GET", location, { token: a.token })).headers.get("X-D1-Bookmark") ?? "";
    const tampered = `${fromA.slice(0, 100)}${fromA[100] === "A" ? "B" : "A"}${fromA.slice(101)}`;
    for (const sent of [fromB, tampered, "00000000-00000000-00000000-0000000000000000", "x".repeat(208), ""]) {
      const response = await call("GET", location, { token: a.token, headers: { "X-D1-Bookmark": sent } });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { name: string }).name).toBe("Mine");
      expect(response.headers.get("X-D1-Bookmark")).toMatch(BOOKMARK);
    }
    // Its own bookmark works, of course.
    const own = await call("GET", location, { token: a.token, headers: { "X-D1-Bookmark": fromA } });
    expect(own.status).toBe(200);
  });
});
