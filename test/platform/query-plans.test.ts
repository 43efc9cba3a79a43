/**
 * Every query the API runs is served by an index (DESIGN.md principle 3): no full scan of a
 * table that grows.
 *
 * The SQL is not reproduced by hand: each domain operation runs, unchanged, on a Drizzle handle
 * whose D1 binding only records the statements (with their parameters) and answers "no rows".
 * Every operation builds all of its statements before its one D1 call, so the record holds
 * exactly what production sends. Each recorded statement then goes through
 * `EXPLAIN QUERY PLAN` on the real local D1 with the real migrations.
 *
 * A plan line `SCAN <table>` or `SCAN <alias of the table>` (with or without `USING … INDEX`:
 * walking a whole index is still a full scan) fails for the tables below. `SEARCH` lines,
 * `SCAN json_each`, `SCAN CONSTANT ROW` and temp b-trees are fine.
 */
import { env } from "cloudflare:workers";
import { eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { describe, expect, it } from "vitest";
import { getAgreement, getUserAgreement, listAgreements, listUserAgreements } from "../../src/agreements/read";
import { answerAgreement } from "../../src/agreements/answer";
import { organizationOfTokenHash } from "../../src/auth/bearer-auth";
import type { Db } from "../../src/db/client";
import { hashToken, newId } from "../../src/lib/crypto";
import * as schema from "../../src/db/schema";
import type { DateRange } from "../../src/http/date-filter";
import { getOfferingCategory, listOfferingCategories } from "../../src/offering-categories/read";
import { getOffering, listOfferings } from "../../src/offerings/read";
import { createOffering, deleteOffering, updateOffering } from "../../src/offerings/write";
import { getRegistration, listRegistrations } from "../../src/registrations/read";
import { register } from "../../src/registrations/register";
import { ejectRegistration, gradeRegistration } from "../../src/registrations/update";
import { getUser, listUsers } from "../../src/users/read";
import { createUser, deleteUser, updateUser } from "../../src/users/write";
import { getUserfieldCategory, listUserfieldCategories } from "../../src/userfield-categories/read";
import { createUserfieldCategory, deleteUserfieldCategory, updateUserfieldCategory } from "../../src/userfield-categories/write";
import { getUserfieldValues } from "../../src/userfield-values/read";
import { putUserfieldValues } from "../../src/userfield-values/write";
import { getUserfield, listUserfields } from "../../src/userfields/read";
import { createUserfield, deleteUserfield, updateUserfield } from "../../src/userfields/write";
import { attemptDelivery, claimDue, claimForQueue } from "../../src/webhooks/deliver";
import { getWebhook, listDeliveries, listWebhooks } from "../../src/webhooks/read";
import { resealWebhookSecrets } from "../../src/webhooks/reseal";
import { pruneWebhookHistory } from "../../src/webhooks/retention";
import { createWebhook, deleteWebhook, retryDelivery, updateWebhook } from "../../src/webhooks/write";
import { recordingD1, type RecordedStatement } from "../support/recording-d1";

/** Tables that grow with use; none of them may be scanned. */
const GROWING_TABLES = [
  "users",
  "offerings",
  "registrations",
  "offering_categories",
  "offering_category_links",
  "api_tokens",
  "agreements",
  "user_agreements",
  "organizations",
  "userfield_categories",
  "userfields",
  "userfield_values",
  "webhooks",
  "events",
  "webhook_deliveries",
];

interface Plan extends RecordedStatement {
  lines: string[];
}

/** A Drizzle handle on a D1 binding that records every statement it is asked to run. */
function recordingDb(): { db: Db; statements: RecordedStatement[] } {
  const { binding, statements } = recordingD1();
  return { db: drizzle(binding, { schema }), statements };
}

/** The statements an operation sends, each with its query plan on the real D1. */
async function plansOf(operation: (db: Db) => unknown): Promise<Plan[]> {
  const { db, statements } = recordingDb();
  await operation(db);
  expect(statements.length).toBeGreaterThan(0);
  const plans: Plan[] = [];
  for (const { sql, params } of statements) {
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .bind(...params)
      .all<{ detail: string }>();
    plans.push({ sql, params, lines: results.map((row) => row.detail) });
  }
  return plans;
}

const SQL_WORDS = new Set(["where", "on", "inner", "left", "cross", "join", "order", "group", "limit", "set", "values", "select", "union", "using", "natural", "as"]);

/** The names a plan may give each growing table of the statement: the table and its aliases. */
function namesOfGrowingTables(sql: string): Set<string> {
  const names = new Set(GROWING_TABLES);
  const reference = /\b(?:from|join|update|into)\s+"?(\w+)"?(?:\s+(?:as\s+)?"?(\w+)"?)?/gi;
  for (const match of sql.matchAll(reference)) {
    const [, table, alias] = match;
    if (table && alias && GROWING_TABLES.includes(table) && !SQL_WORDS.has(alias.toLowerCase())) names.add(alias);
  }
  return names;
}

/** The plan lines that scan a growing table, with the statement they belong to. */
function fullScans(plans: Plan[]): { sql: string; line: string }[] {
  const out: { sql: string; line: string }[] = [];
  for (const plan of plans) {
    const names = namesOfGrowingTables(plan.sql);
    for (const line of plan.lines) {
      const scanned = /^SCAN (?:TABLE )?"?(\w+)"?/.exec(line)?.[1];
      if (scanned !== undefined && names.has(scanned)) out.push({ sql: plan.sql, line });
    }
  }
  return out;
}

async function expectIndexed(operation: (db: Db) => unknown, statementCount?: number): Promise<Plan[]> {
  const plans = await plansOf(operation);
  if (statementCount !== undefined) expect(plans).toHaveLength(statementCount);
  expect(fullScans(plans)).toEqual([]);
  return plans;
}

const org = newId();
const userId = newId();
const offeringId = newId();
const categoryId = newId();
const now = Date.parse("2026-03-01T12:00:00Z");
const page = { limit: 15, offset: 30 };
const after = { createdAt: now, id: newId() };
const range: DateRange = { from: Date.parse("2026-01-01T00:00:00Z"), to: Date.parse("2026-12-31T23:59:59.999Z") };

describe("query plans", () => {
  it("EXPLAIN QUERY PLAN works here and the check sees a full scan when there is one", async () => {
    const plans = await plansOf((db) => db.select().from(schema.users).where(eq(schema.users.firstName, "Ada")));
    expect(fullScans(plans)).toEqual([{ sql: expect.any(String), line: expect.stringMatching(/^SCAN users/) }]);
    const aliased = await plansOf((db) => db.run(sql`SELECT 1 FROM registrations r WHERE r.grade > ${1}`));
    expect(fullScans(aliased)).toEqual([{ sql: expect.any(String), line: expect.stringMatching(/^SCAN r\b/) }]);
  });

  describe("authentication", () => {
    it("token lookup", async () => {
      // A token never seen: the per-isolate cache cannot answer, so the lookup is sent.
      const hash = await hashToken(`never-seen-${newId()}`);
      await expectIndexed((db) => organizationOfTokenHash(db, hash, now, 0), 1);
    });
  });

  describe("registrations", () => {
    it("POST /registrations: the guarded insert, the event and the diagnostic select (one batch)", async () => {
      const plans = await expectIndexed((db) => register(db, org, { userId, offeringId }, now), 3);
      const lines = plans.flatMap((plan) => plan.lines);
      // The seat limit reads the offering's kept count, and a user's earlier registrations are
      // found from the user: no walk over the offering's registrations.
      expect(lines.filter((line) => line.includes("idx_registrations_offering_org_created"))).toEqual([]);
      // "Already registered" probes the partial unique index.
      expect(lines).toContainEqual(expect.stringMatching(/USING COVERING INDEX ux_registrations_one_active \(organization_id=\? AND user_id=\? AND offering_id=\?\)/));
    });

    it("GET /registrations/<id>", async () => {
      await expectIndexed((db) => getRegistration(db, org, newId()), 1);
    });

    const filters = {
      none: {},
      status: { status: "active" as const },
      userId: { userId },
      offeringId: { offeringId },
      createdDate: { createdDate: range },
      beginDate: { beginDate: range },
      lastActiveDate: { lastActiveDate: range },
      endDate: { endDate: range },
      "status and userId": { status: "passed" as const, userId },
      "status and offeringId": { status: "active" as const, offeringId },
      "every filter": { status: "ejected" as const, userId, offeringId, createdDate: range, beginDate: range, lastActiveDate: range, endDate: range },
    };
    for (const [name, filter] of Object.entries(filters)) {
      it(`GET /registrations filtered by ${name}: first page, deep offset, after a cursor, both`, async () => {
        await expectIndexed((db) => listRegistrations(db, org, filter, { limit: 15, offset: 0 }), 1);
        await expectIndexed((db) => listRegistrations(db, org, filter, page), 1);
        await expectIndexed((db) => listRegistrations(db, org, filter, { limit: 15, offset: 0, after }), 1);
        await expectIndexed((db) => listRegistrations(db, org, filter, { ...page, after }), 1);
      });
    }

    it("GET /registrations?after=: a seek in the index, not a walk from the start of the organization", async () => {
      const [plan] = await expectIndexed((db) => listRegistrations(db, org, {}, { limit: 15, offset: 0, after }), 1);
      expect(plan?.lines).toContainEqual(expect.stringMatching(/USING INDEX idx_registrations_org_created \(organization_id=\? AND \(created_at,id\)>\(\?,\?\)\)/));
    });

    it("GET /registrations?offset=: the offset is counted in the covering index", async () => {
      const [plan] = await expectIndexed((db) => listRegistrations(db, org, {}, page), 1);
      expect(plan?.lines).toContainEqual(expect.stringMatching(/USING COVERING INDEX idx_registrations_org_created/));
    });

    it("PUT /registrations/<id>: grade and eject", async () => {
      await expectIndexed((db) => gradeRegistration(db, org, newId(), { grade: 80, graderId: "g" }, now), 2);
      await expectIndexed((db) => ejectRegistration(db, org, newId(), now), 3);
    });
  });

  describe("users", () => {
    it("GET /users/<id>", async () => {
      await expectIndexed((db) => getUser(db, org, userId), 1);
    });

    const filters = {
      none: {},
      firstName: { firstName: "ada" },
      lastName: { lastName: "love" },
      username: { username: "count" },
      email: { email: "example.com" },
      createdDate: { createdDate: range },
      lastLoginDate: { lastLoginDate: range },
      "every filter": { firstName: "a", lastName: "b", username: "c", email: "d", createdDate: range, lastLoginDate: range },
    };
    for (const [name, filter] of Object.entries(filters)) {
      it(`GET /users filtered by ${name}: first page, deep offset, after a cursor, both`, async () => {
        await expectIndexed((db) => listUsers(db, org, filter, { limit: 15, offset: 0 }), 1);
        await expectIndexed((db) => listUsers(db, org, filter, page), 1);
        await expectIndexed((db) => listUsers(db, org, filter, { limit: 15, offset: 0, after }), 1);
        await expectIndexed((db) => listUsers(db, org, filter, { ...page, after }), 1);
      });
    }

    it("POST /users: the conflict check and the insert (one batch)", async () => {
      await expectIndexed((db) => createUser(db, org, { firstName: "Ada", lastName: "Lovelace", email: "Ada@Example.com", username: "Countess" }, now), 3);
    });

    it("PUT /users/<id>: the conflict check and the guarded update, with and without email/username", async () => {
      await expectIndexed((db) => updateUser(db, org, userId, { email: "ada@example.com", username: "countess", tags: ["a"] }, now), 3);
      await expectIndexed((db) => updateUser(db, org, userId, { firstName: "Ada" }, now), 3);
      await expectIndexed((db) => updateUser(db, org, userId, {}, now), 3);
    });

    it("DELETE /users/<id>: ejecting the registrations and deleting the user (one batch)", async () => {
      await expectIndexed((db) => deleteUser(db, org, userId, now), 3);
    });
  });

  describe("offerings", () => {
    it("GET /offerings/<id>, with its offeringCategoryIds", async () => {
      await expectIndexed((db) => getOffering(db, org, offeringId), 1);
    });

    const filters = {
      none: {},
      title: { title: "safety" },
      offeringCategoryId: { offeringCategoryId: categoryId },
      tag: { tag: ["safety"] },
      "several tags": { tag: ["safety", "onboarding", "hr"] },
      createdDate: { createdDate: range },
      userId: { userId },
      "every filter": { title: "s", offeringCategoryId: categoryId, tag: ["a", "b"], createdDate: range, userId },
    };
    for (const [name, filter] of Object.entries(filters)) {
      it(`GET /offerings filtered by ${name}`, async () => {
        await expectIndexed((db) => listOfferings(db, org, filter, page, now), 1);
      });
    }

    it("POST /offerings with categories", async () => {
      await expectIndexed(
        (db) => createOffering(db, org, { title: "T", offeringCategoryIds: [categoryId, newId()], registrationBeginDate: now, registrationEndDate: now }, now),
        5,
      );
      await expectIndexed((db) => createOffering(db, org, { title: "T", orderIndex: 3 }, now), 5);
    });

    it("PUT /offerings/<id>, with and without categories", async () => {
      await expectIndexed((db) => updateOffering(db, org, offeringId, { title: "T", offeringCategoryIds: [categoryId], endDate: now }, now), 5);
      await expectIndexed((db) => updateOffering(db, org, offeringId, { registrationEndDate: now }, now), 3);
    });

    it("DELETE /offerings/<id>", async () => {
      await expectIndexed((db) => deleteOffering(db, org, offeringId, now), 2);
    });
  });

  describe("offering categories", () => {
    it("GET /offeringcategories/<id> and the list, with and without filters", async () => {
      await expectIndexed((db) => getOfferingCategory(db, org, categoryId), 1);
      await expectIndexed((db) => listOfferingCategories(db, org, {}, page), 1);
      await expectIndexed((db) => listOfferingCategories(db, org, { name: "comp", createdDate: range }, page), 1);
    });
  });

  describe("webhooks", () => {
    const hookId = newId();
    it("the resource: read, list, deliveries, create, update, delete, retry", async () => {
      await expectIndexed((db) => getWebhook(db, org, hookId), 1);
      await expectIndexed((db) => listWebhooks(db, org, page), 1);
      await expectIndexed((db) => listDeliveries(db, org, hookId, page), 2);
      await expectIndexed((db) => createWebhook(db, org, { url: "https://a.example.com/", events: ["user.created"] }, now), 1);
      await expectIndexed((db) => updateWebhook(db, org, hookId, { enabled: false }), 1);
      await expectIndexed((db) => deleteWebhook(db, org, hookId, now), 1);
      await expectIndexed((db) => retryDelivery(db, org, hookId, newId(), now), 1);
    });

    it("delivery: an attempt's read, the queue's and the loop's claims, the history's end", async () => {
      const deps = { render: () => ({}), fetch: () => Promise.reject(new Error("unused")), now: () => now };
      await expectIndexed((db) => attemptDelivery(db, newId(), deps), 1);
      await expectIndexed((db) => claimForQueue(db, now, { unqueuedForMs: 0 }), 1);
      await expectIndexed((db) => claimForQueue(db, now, { unqueuedForMs: 60_000, staleAfterMs: 900_000 }), 1);
      await expectIndexed((db) => claimDue(db, now), 1);
      await expectIndexed((db) => pruneWebhookHistory(db, now), 2);
      await expectIndexed((db) => resealWebhookSecrets(db, { current: "key" }), 1);
      await expectIndexed((db) => resealWebhookSecrets(db, { current: "key", previous: "previous key" }), 1);
    });
  });

  describe("agreements", () => {
    it("the organization's agreements and a user's answers", async () => {
      await expectIndexed((db) => listAgreements(db, org), 1);
      await expectIndexed((db) => getAgreement(db, org, "standard"), 1);
      await expectIndexed((db) => listUserAgreements(db, org, userId), 1);
      await expectIndexed((db) => getUserAgreement(db, org, userId, "custom"), 1);
      await expectIndexed((db) => answerAgreement(db, org, userId, "standard", true, now), 1);
    });
  });

  describe("userfield categories", () => {
    it("GET /userfieldcategories/<id> and the list, with and without filters", async () => {
      await expectIndexed((db) => getUserfieldCategory(db, org, categoryId), 1);
      await expectIndexed((db) => listUserfieldCategories(db, org, {}, page), 1);
      await expectIndexed((db) => listUserfieldCategories(db, org, { name: "emp", type: "private" }, page), 1);
    });

    it("POST, PUT and DELETE /userfieldcategories", async () => {
      await expectIndexed((db) => createUserfieldCategory(db, org, { name: "C" }, now), 1);
      await expectIndexed((db) => updateUserfieldCategory(db, org, categoryId, { name: "C", type: "public" }), 1);
      await expectIndexed((db) => deleteUserfieldCategory(db, org, categoryId, now), 2);
    });
  });

  describe("userfields", () => {
    const fieldId = newId();

    it("GET /userfields/<id> and the list, with every filter", async () => {
      await expectIndexed((db) => getUserfield(db, org, fieldId), 1);
      await expectIndexed((db) => listUserfields(db, org, {}, page), 1);
      await expectIndexed((db) => listUserfields(db, org, { name: "phone", categoryId, categoryType: "public" }, page), 1);
    });

    it("POST /userfields: the name and category check and the guarded insert (one batch)", async () => {
      await expectIndexed((db) => createUserfield(db, org, { name: "F", type: "dropdown", categoryId, options: [{ name: "A", selected: false }] }, now), 2);
    });

    it("PUT /userfields/<id> (a type change, and nothing to change) and DELETE", async () => {
      await expectIndexed((db) => updateUserfield(db, org, fieldId, { name: "F", type: "integer", categoryId, constraints: { min: 1, max: undefined } }), 2);
      await expectIndexed((db) => updateUserfield(db, org, fieldId, {}), 2);
      await expectIndexed((db) => deleteUserfield(db, org, fieldId, now), 2);
    });
  });

  describe("userfield values", () => {
    it("GET and PUT /users/<id>/userfieldvalues (sets, clears, unknown ids, nothing)", async () => {
      await expectIndexed((db) => getUserfieldValues(db, org, userId), 2);
      await expectIndexed((db) => putUserfieldValues(db, org, userId, { [newId()]: "x", [newId()]: ["a", "b"], [newId()]: null, nope: 5 }, Date.now()), 5);
      await expectIndexed((db) => putUserfieldValues(db, org, userId, {}, Date.now()), 1);
    });
  });
});
