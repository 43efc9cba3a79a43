/** Contract tests of GET /users (API.md §1, §2, §4, §6); every answer asserted whole. */
import { describe, expect, it } from "vitest";
import { insertUser, newOrganization, type TestOrganization } from "../support/fixtures";
import { call } from "../support/http";
import { workersOnly } from "../support/runtime";
import { PREFIX, ISO_SECOND, at, expectError } from "../support/contract";
import { deleteUser, created, page, ids } from "../support/users";
import { authenticationTests } from "../support/common-tests";

describe("GET /users", () => {
  authenticationTests({ method: "GET", path: `${PREFIX}/users` });

  const PEOPLE = [
    { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com", username: "countess" },
    { firstName: "Grace", lastName: "Hopper", email: "grace@navy.example", username: "amazing_grace" },
    { firstName: "Alan", lastName: "Turing", email: "alan@bletchley.example", username: "enigma" },
    { firstName: "Edsger", lastName: "Dijkstra", email: "ewd@example.com", username: "EWD" },
    { firstName: "Barbara", lastName: "Liskov", email: "liskov@example.org", username: "bliskov" },
  ];

  /**
   * The five people through POST /users: their ids in PEOPLE's order, and the list's own order
   * (users made within one millisecond are ordered by id, so the two may differ).
   */
  async function five(org: TestOrganization): Promise<{ made: string[]; listed: string[] }> {
    const made: string[] = [];
    for (const person of PEOPLE) made.push(await created(org, person));
    const listed = await ids(org, "?limit=100");
    expect([...listed].sort()).toEqual([...made].sort());
    return { made, listed };
  }

  /** The same five with chosen creation and last login times, oldest first (direct rows). */
  async function fiveWithTimes(org: TestOrganization): Promise<string[]> {
    const times = [
      { createdAt: at("2025-12-31T23:59:59Z") },
      { createdAt: at("2026-01-01T00:00:00Z"), lastLoginAt: at("2026-03-01T08:00:00Z") },
      { createdAt: at("2026-01-31T10:00:00Z"), lastLoginAt: at("2026-03-15T12:00:00Z") },
      { createdAt: at("2026-02-01T00:00:00Z") },
      { createdAt: at("2027-01-01T00:00:00Z"), lastLoginAt: at("2027-02-01T00:00:00Z") },
    ];
    const out: string[] = [];
    for (const [i, person] of PEOPLE.entries()) out.push(await insertUser(org.id, { ...person, ...times[i] }));
    return out;
  }

  /** `wanted` in the order the list gives them. */
  const inListOrder = (listed: string[], wanted: (string | undefined)[]): string[] => listed.filter((id) => wanted.includes(id));

  describe("results and order", () => {
    it("returns an empty results list without links for an organization without users", async () => {
      const org = await newOrganization();
      expect(await page(org)).toEqual({ results: [] });
    });

    workersOnly("returns whole user objects, oldest createdDate first, without password or internal fields", async () => {
      const org = await newOrganization();
      const first = await insertUser(org.id, { firstName: "Ada", lastName: "Lovelace", email: "Ada@Example.com", username: "Countess", tags: '["math","poetry"]', locale: "fr", createdAt: at("2026-01-02T00:00:00Z"), lastLoginAt: at("2026-02-03T04:05:06.789Z"), passwordHash: "pbkdf2-sha256$1$00$00" });
      const second = await insertUser(org.id, { firstName: "Grace", lastName: "Hopper", email: "grace@example.com", createdAt: at("2026-01-01T00:00:00Z") });
      expect(await page(org)).toEqual({
        results: [
          { id: second, firstName: "Grace", lastName: "Hopper", username: "grace@example.com", email: "grace@example.com", locale: "en", createdDate: "2026-01-01T00:00:00Z" },
          { id: first, firstName: "Ada", lastName: "Lovelace", username: "Countess", email: "Ada@Example.com", locale: "fr", tags: ["math", "poetry"], createdDate: "2026-01-02T00:00:00Z", lastLoginDate: "2026-02-03T04:05:06Z" },
        ],
      });
    });

    workersOnly("orders users created in the same millisecond by id", async () => {
      const org = await newOrganization();
      const when = at("2026-01-01T00:00:00Z");
      const made = [
        await insertUser(org.id, { id: "f".repeat(32), createdAt: when }),
        await insertUser(org.id, { id: "0".repeat(31) + "1", createdAt: when }),
        await insertUser(org.id, { id: "8".repeat(32), createdAt: when }),
      ];
      expect(await ids(org)).toEqual([...made].sort());
    });

    it("lists users made through POST /users, whole, oldest first", async () => {
      const org = await newOrganization();
      const first = await created(org, { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" });
      await new Promise((resolve) => setTimeout(resolve, 5));
      const second = await created(org, { firstName: "Grace", lastName: "Hopper", email: "grace@navy.example", username: "amazing", locale: "es", tags: ["navy"], password: "cobol1959" });
      expect(await page(org)).toEqual({
        results: [
          { id: first, firstName: "Ada", lastName: "Lovelace", username: "ada@example.com", email: "ada@example.com", locale: "en", createdDate: expect.stringMatching(ISO_SECOND) },
          { id: second, firstName: "Grace", lastName: "Hopper", username: "amazing", email: "grace@navy.example", locale: "es", tags: ["navy"], createdDate: expect.stringMatching(ISO_SECOND) },
        ],
      });
    });

    it("does not list deleted users", async () => {
      const org = await newOrganization();
      const kept = await created(org);
      const gone = await created(org);
      expect(await deleteUser(org, gone)).toHaveProperty("status", 204);
      expect(await ids(org)).toEqual([kept]);
    });

    it("never lists another organization's users, with or without filters", async () => {
      const org = await newOrganization();
      const other = await newOrganization();
      const mine = await insertUser(org.id, { email: "mine@example.com" });
      await insertUser(other.id, { email: "theirs@example.com" });
      expect(await ids(org)).toEqual([mine]);
      expect(await ids(org, "?email=theirs")).toEqual([]);
    });

    it("serves the list under /api/v5 with the same results", async () => {
      const org = await newOrganization();
      await five(org);
      expect(await page(org, "", "/api/v5")).toEqual(await page(org));
    });

    it("ignores unknown query parameters", async () => {
      const org = await newOrganization();
      const { listed } = await five(org);
      expect(await ids(org, "?colour=blue&sort=desc")).toEqual(listed);
    });
  });

  describe("paging", () => {
    it("returns 15 by default with next at offset 15", async () => {
      const org = await newOrganization();
      for (let i = 0; i < 16; i++) await insertUser(org.id);
      const body = await page(org);
      expect(body.results).toHaveLength(15);
      expect(body.next).toBe("/dc/api/v5/users?offset=15");
      expect(body.previous).toBeUndefined();
    });

    it("walks the pages; links change only offset and keep the filters", async () => {
      const org = await newOrganization();
      const { listed } = await five(org);
      const first = await page(org, "?limit=2");
      expect(first).toEqual({ results: listed.slice(0, 2).map((id) => expect.objectContaining({ id })), next: "/dc/api/v5/users?limit=2&offset=2" });
      const middle = await page(org, "?limit=2&offset=2");
      expect(middle.results.map((u) => u.id)).toEqual(listed.slice(2, 4));
      expect(middle.next).toBe("/dc/api/v5/users?limit=2&offset=4");
      expect(middle.previous).toBe("/dc/api/v5/users?limit=2&offset=0");
      const last = await page(org, "?limit=2&offset=4");
      expect(last).toEqual({ results: [expect.objectContaining({ id: listed[4] })], previous: "/dc/api/v5/users?limit=2&offset=2" });

      const filtered = await page(org, "?email=EXAMPLE&limit=2");
      expect(filtered.results.map((u) => u.id)).toEqual(listed.slice(0, 2));
      expect(filtered.next).toBe("/dc/api/v5/users?email=EXAMPLE&limit=2&offset=2");
    });

    it("uses the request's base path in the links", async () => {
      const org = await newOrganization();
      await five(org);
      const body = await page(org, "?limit=1&offset=1", "/api/v5");
      expect(body.next).toBe("/api/v5/users?limit=1&offset=2");
      expect(body.previous).toBe("/api/v5/users?limit=1&offset=0");
    });

    it("returns an empty page with a previous link past the end", async () => {
      const org = await newOrganization();
      await five(org);
      expect(await page(org, "?offset=10&limit=3")).toEqual({ results: [], previous: "/dc/api/v5/users?offset=7&limit=3" });
    });

    it("walks the list by the cursor of the Link header, filters kept; the body's links stay offset links", async () => {
      const org = await newOrganization();
      const { listed } = await five(org);
      const seen: string[] = [];
      let query = "?email=e&limit=2";
      for (let pages = 0; pages < 5; pages++) {
        const response = await call("GET", `${PREFIX}/users${query}`, { token: org.token });
        const body = (await response.json()) as { results: { id: string }[]; next?: string };
        seen.push(...body.results.map((u) => u.id));
        const link = response.headers.get("Link");
        if (body.next === undefined) {
          expect(link).toBeNull();
          break;
        }
        expect(body.next).toBe(`/dc/api/v5/users${query}&offset=2`);
        const match = /^<\/dc\/api\/v5\/users\?email=e&limit=2&after=([0-9A-Za-z_-]+)>; rel="next"$/.exec(link ?? "");
        expect(match, String(link)).not.toBeNull();
        query = `?email=e&limit=2&after=${match?.[1]}`;
      }
      expect(seen).toEqual(listed);
    });

    it("rejects an after that is not a cursor", async () => {
      const org = await newOrganization();
      for (const bad of ["", "x", "MS5hYmM=", "eC5hYmM"]) {
        await expectError(await call("GET", `${PREFIX}/users?after=${bad}`, { token: org.token }), 400, "validation_failed", {
          errors: ["after is not a valid cursor"],
        });
      }
    });

    it("rejects a bad limit or offset", async () => {
      const org = await newOrganization();
      const limit = { errors: ["limit must be an integer between 1 and 100"] };
      const offset = { errors: ["offset must be a non-negative integer"] };
      for (const bad of ["0", "101", "abc", "1.5", "-1", ""]) {
        await expectError(await call("GET", `${PREFIX}/users?limit=${bad}`, { token: org.token }), 400, "validation_failed", limit);
      }
      for (const bad of ["-1", "x", "1.5", ""]) {
        await expectError(await call("GET", `${PREFIX}/users?offset=${bad}`, { token: org.token }), 400, "validation_failed", offset);
      }
    });
  });

  describe("text filters", () => {
    it("match a case-insensitive substring of firstName, lastName, username and email", async () => {
      const org = await newOrganization();
      const { made, listed } = await five(org);
      const [ada, grace, alan, edsger, barbara] = made;
      expect(await ids(org, "?firstName=AD")).toEqual([ada]);
      expect(await ids(org, "?firstName=a")).toEqual(inListOrder(listed, [ada, grace, alan, barbara]));
      expect(await ids(org, "?lastName=hOpP")).toEqual([grace]);
      expect(await ids(org, "?username=ewd")).toEqual([edsger]);
      expect(await ids(org, "?username=ENIG")).toEqual([alan]);
      expect(await ids(org, "?email=example.com")).toEqual(inListOrder(listed, [ada, edsger]));
      expect(await ids(org, "?email=ADA%40EXAMPLE.COM")).toEqual([ada]);
      expect(await ids(org, "?email=nobody")).toEqual([]);
    });

    it("combine with AND", async () => {
      const org = await newOrganization();
      const [, , alan] = (await five(org)).made;
      expect(await ids(org, "?firstName=a&lastName=ing")).toEqual([alan]);
      expect(await ids(org, "?firstName=ada&lastName=turing")).toEqual([]);
    });

    it("take % and _ literally", async () => {
      const org = await newOrganization();
      const [, grace] = (await five(org)).made;
      expect(await ids(org, "?username=_")).toEqual([grace]);
      expect(await ids(org, "?email=%25")).toEqual([]);
    });

    it("an empty filter value matches everyone", async () => {
      const org = await newOrganization();
      const { listed } = await five(org);
      expect(await ids(org, "?email=")).toEqual(listed);
    });
  });

  describe("date filters", () => {
    workersOnly("createdDate takes a year, month, day, exact time or range", async () => {
      const org = await newOrganization();
      const [u2025, jan1, jan31, feb1, u2027] = await fiveWithTimes(org);
      expect(await ids(org, "?createdDate=2026")).toEqual([jan1, jan31, feb1]);
      expect(await ids(org, "?createdDate=2026-01")).toEqual([jan1, jan31]);
      expect(await ids(org, "?createdDate=2026-01-31")).toEqual([jan31]);
      expect(await ids(org, "?createdDate=2026-01-31T10:00:00Z")).toEqual([jan31]);
      expect(await ids(org, "?createdDate=2026-01-31T12:00:00%2B02:00")).toEqual([jan31]);
      expect(await ids(org, "?createdDate=2026-01-31T10:00:01Z")).toEqual([]);
      expect(await ids(org, "?createdDate=,2026-01")).toEqual([u2025, jan1, jan31]);
      expect(await ids(org, "?createdDate=2026-02,")).toEqual([feb1, u2027]);
      expect(await ids(org, "?createdDate=2026-01-01,2026-02-01")).toEqual([jan1, jan31, feb1]);
      expect(await ids(org, "?createdDate=2025-12-31T23:59:59Z,2026-01-01T00:00:00Z")).toEqual([u2025, jan1]);
    });

    it("createdDate of users made now: this year matches, another year does not", async () => {
      const org = await newOrganization();
      const id = await created(org);
      const year = new Date().getUTCFullYear();
      expect(await ids(org, `?createdDate=${year - 1},${year + 1}`)).toEqual([id]);
      expect(await ids(org, `?createdDate=${year + 1},`)).toEqual([]);
      expect(await ids(org, `?createdDate=,${year - 1}`)).toEqual([]);
      // A user who never logged in has no lastLoginDate to match.
      expect(await ids(org, `?lastLoginDate=,${year + 1}`)).toEqual([]);
    });

    workersOnly("lastLoginDate filters on the last login and leaves out users who never logged in", async () => {
      const org = await newOrganization();
      const [, grace, alan, , barbara] = await fiveWithTimes(org);
      expect(await ids(org, "?lastLoginDate=2026-03")).toEqual([grace, alan]);
      expect(await ids(org, "?lastLoginDate=2026-03-15")).toEqual([alan]);
      expect(await ids(org, "?lastLoginDate=2027,")).toEqual([barbara]);
      expect(await ids(org, "?lastLoginDate=,2030")).toEqual([grace, alan, barbara]);
      expect(await ids(org, "?lastLoginDate=2026-03&createdDate=2026-01-31")).toEqual([alan]);
    });

    it("rejects an invalid date filter, naming the parameter", async () => {
      const org = await newOrganization();
      for (const bad of ["yesterday", "2026-13", "2026-02-30", ",", "2026-02,2026-01", "2026-01-31T10:00:00", "1,2,3"]) {
        await expectError(
          await call("GET", `${PREFIX}/users?createdDate=${bad}`, { token: org.token }),
          400,
          "validation_failed",
          { errors: ["createdDate is not a valid date filter"] },
        );
      }
      await expectError(
        await call("GET", `${PREFIX}/users?lastLoginDate=soon`, { token: org.token }),
        400,
        "validation_failed",
        { errors: ["lastLoginDate is not a valid date filter"] },
      );
    });
  });
});
