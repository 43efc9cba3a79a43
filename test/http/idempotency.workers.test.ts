/**
 * Idempotency-Key, the parts only the Workers runtime can show (API.md §3; the contract itself is
 * in idempotency.test.ts): what is stored in D1 (only 201s, with the request's hash and a
 * 24-hour expiry), expiry and the bounded purge of expired records, the indexes serving them, and
 * that a keyed POST is still one D1 round trip.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { and, eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { describe, expect, it } from "vitest";
import { newId, toHex } from "../../src/lib/crypto";
import * as schema from "../../src/db/schema";
import { idempotencyKeys, registrations } from "../../src/db/schema";
import { IdempotencyClaim, canonicalJson } from "../../src/idempotency/claim";
import worker from "../../src/worker";
import { insertOffering, insertUser, newOrganization, type TestOrganization } from "../support/fixtures";
import { BASE, call, parts } from "../support/http";
import { PREFIX } from "../support/contract";

const DAY = 86_400_000;
const db = drizzle(env.DB, { schema });

type Collection = "registrations" | "users" | "offerings";

function post(org: TestOrganization, collection: Collection, json: unknown, key?: string): Promise<Response> {
  const headers: Record<string, string> = key === undefined ? {} : { "Idempotency-Key": key };
  return call("POST", `${PREFIX}/${collection}`, { token: org.token, json, headers });
}

async function expectCreated(response: Response, collection: Collection): Promise<string> {
  expect([response.status, await response.text()]).toEqual([201, ""]);
  const location = response.headers.get("Location") ?? "";
  expect(location).toMatch(new RegExp(`^${PREFIX}/${collection}/[0-9a-f]{32}$`));
  return location;
}

function keysOf(organizationId: string) {
  return db.select().from(idempotencyKeys).where(eq(idempotencyKeys.organizationId, organizationId));
}

async function sha256(text: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))));
}

const uniqueKey = () => `key-${newId()}`;

describe("what a keyed POST stores", () => {
  it.each(["offerings", "users", "registrations"] as const)(
    "POST /%s: one record with status 201, the Location, a SHA-256 request hash and a 24-hour expiry",
    async (collection) => {
      const org = await newOrganization();
      const body =
        collection === "offerings"
          ? { title: "Fire drill" }
          : collection === "users"
            ? { firstName: "Ada", lastName: "Lovelace", email: `${newId()}@example.test` }
            : { userId: await insertUser(org.id), offeringId: await insertOffering(org.id) };
      const key = uniqueKey();
      const before = Date.now();
      const location = await expectCreated(await post(org, collection, body, key), collection);
      const records = await keysOf(org.id);
      expect(records).toEqual([
        {
          organizationId: org.id,
          key,
          requestHash: await sha256(`POST\n/${collection}\n${canonicalJson(body)}`),
          status: 201,
          location,
          response: null,
          createdAt: expect.any(Number),
          expiresAt: expect.any(Number),
        },
      ]);
      expect(records[0]?.createdAt).toBeGreaterThanOrEqual(before);
      expect((records[0]?.expiresAt ?? 0) - (records[0]?.createdAt ?? 0)).toBe(DAY);
    },
  );

  it("a password never enters the fast hash: the stored hash is not SHA-256 of the plain body", async () => {
    const org = await newOrganization();
    const body = { firstName: "Ada", lastName: "Lovelace", email: `${newId()}@example.test`, password: "secret123" };
    await expectCreated(await post(org, "users", body, uniqueKey()), "users");
    const [record] = await keysOf(org.id);
    expect(record?.requestHash).toMatch(/^[0-9a-f]{64}$/);
    expect(record?.requestHash).not.toBe(await sha256(`POST\n/users\n${canonicalJson(body)}`));
  });

  it("nothing without the header, nothing for a refused request, one record for 20 parallel requests", async () => {
    const org = await newOrganization();
    await expectCreated(await post(org, "offerings", { title: "No key" }), "offerings");
    const refused = await post(org, "offerings", { title: "Bad", beginDate: "2026-02-01", endDate: "2026-01-01" }, uniqueKey());
    expect((await parts(refused)).status).toBe(400);
    expect(await keysOf(org.id)).toEqual([]);

    const key = uniqueKey();
    const responses = await Promise.all(Array.from({ length: 20 }, () => post(org, "offerings", { title: "Once" }, key)));
    const locations = new Set(await Promise.all(responses.map((response) => expectCreated(response, "offerings"))));
    expect(locations.size).toBe(1);
    expect((await keysOf(org.id)).map((record) => [record.key, record.location])).toEqual([[key, [...locations][0]]]);
  });
});

describe("expiry after 24 hours", () => {
  it("an expired record of the key no longer counts: the request is new, and the record is replaced", async () => {
    const org = await newOrganization();
    const key = uniqueKey();
    const past = Date.now() - 2 * DAY;
    await db.insert(idempotencyKeys).values({
      organizationId: org.id,
      key,
      requestHash: "0".repeat(64),
      status: 201,
      location: `${PREFIX}/offerings/${newId()}`,
      createdAt: past,
      expiresAt: past + DAY,
    });
    const location = await expectCreated(await post(org, "offerings", { title: "Fire drill" }, key), "offerings");
    const records = await keysOf(org.id);
    expect(records.map((record) => record.location)).toEqual([location]);
    expect(records[0]?.expiresAt).toBeGreaterThan(Date.now());
  });

  it("a keyed request purges expired records of any key, and keeps live ones", async () => {
    const org = await newOrganization();
    const past = Date.now() - 2 * DAY;
    const record = (key: string, expiresAt: number) => ({
      organizationId: org.id,
      key,
      requestHash: "0".repeat(64),
      status: 201,
      location: `${PREFIX}/offerings/${newId()}`,
      createdAt: expiresAt - DAY,
      expiresAt,
    });
    await db
      .insert(idempotencyKeys)
      .values([record("old-1", past), record("old-2", past + 1), record("old-3", past + 2), record("live", Date.now() + DAY)]);
    await expectCreated(await post(org, "offerings", { title: "Fire drill" }, uniqueKey()), "offerings");
    const left = await keysOf(org.id);
    expect(left.map((row) => row.key).filter((key) => key.startsWith("old-"))).toEqual([]);
    expect(left.some((row) => row.key === "live")).toBe(true);
  });

  it("every statement of the claim is served by an index: no scan of idempotency_keys", async () => {
    const claim = new IdempotencyClaim({
      organizationId: newId(),
      key: "k",
      requestHash: "0".repeat(64),
      location: `${PREFIX}/offerings/${newId()}`,
      now: Date.now(),
    });
    const written = sql`EXISTS (SELECT 1 FROM ${schema.offerings} WHERE ${schema.offerings.id} = ${newId()})`;
    const statements = [...claim.before(db), ...claim.after(db, written)].map((statement) => statement.toSQL());
    const plans: string[][] = [];
    for (const { sql: query, params } of statements) {
      const rows = await env.DB.prepare(`EXPLAIN QUERY PLAN ${query}`)
        .bind(...params)
        .all<{ detail: string }>();
      plans.push(rows.results.map((row) => row.detail));
    }
    const [lookup, purge, insert, release] = plans;
    expect(lookup).toEqual([expect.stringMatching(/^SEARCH idempotency_keys USING INDEX sqlite_autoindex_idempotency_keys_1/)]);
    // The purge: this key's record by the primary key, others by expires_at (bounded by LIMIT).
    expect(purge?.join("\n")).toMatch(/USING INDEX sqlite_autoindex_idempotency_keys_1/);
    expect(purge?.join("\n")).toMatch(/USING (COVERING )?INDEX idx_idempotency_keys_expires/);
    expect(insert).toEqual([]);
    expect(release?.join("\n")).toMatch(/^SEARCH idempotency_keys USING INDEX sqlite_autoindex_idempotency_keys_1/);
    for (const plan of plans) expect(plan.join("\n")).not.toMatch(/SCAN idempotency_keys/);
  });
});

/**
 * A D1 binding that records every call the Worker makes (`batch <statements>`, or the method of a
 * single statement), and a keyed request sent through the Worker with it.
 */
function countedWorker(org: TestOrganization) {
  const calls: string[] = [];
  // A statement whose runs are recorded, and so are those of the statements its bind() makes.
  const recorded = (statement: D1PreparedStatement): D1PreparedStatement => {
    for (const method of ["all", "run", "raw", "first"] as const) {
      const original = statement[method] as (...args: unknown[]) => unknown;
      Object.defineProperty(statement, method, {
        configurable: true,
        writable: true,
        value: (...args: unknown[]) => {
          calls.push(method);
          return original.apply(statement, args);
        },
      });
    }
    const bind = statement.bind.bind(statement);
    Object.defineProperty(statement, "bind", { configurable: true, writable: true, value: (...values: unknown[]) => recorded(bind(...values)) });
    return statement;
  };
  const counting = {
    prepare: (query: string) => env.DB.prepare(query),
    batch: (statements: D1PreparedStatement[]) => {
      calls.push(`batch ${statements.length}`);
      return env.DB.batch(statements);
    },
    withSession: (bookmark?: string) => {
      const session = env.DB.withSession(bookmark);
      return {
        prepare: (query: string) => recorded(session.prepare(query)),
        batch: (statements: D1PreparedStatement[]) => {
          calls.push(`batch ${statements.length}`);
          return session.batch(statements);
        },
        getBookmark: () => session.getBookmark(),
      };
    },
  } as unknown as D1Database;
  const send = async (method: string, collection: string, json?: unknown) => {
    const headers: Record<string, string> = { Authorization: `Bearer ${org.token}` };
    if (json !== undefined) Object.assign(headers, { "Content-Type": "application/json", "Idempotency-Key": "one-trip" });
    const ctx = createExecutionContext();
    const response = await worker.fetch(
      new Request(`${BASE}${PREFIX}/${collection}`, {
        method,
        headers,
        body: json === undefined ? null : JSON.stringify(json),
      }),
      { ...env, DB: counting },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    return response;
  };
  return { calls, send };
}

describe("a keyed POST still makes one D1 call", () => {
  it("POST /registrations with a key, and its replay: one batch each, nothing else", async () => {
    const org = await newOrganization();
    const userId = await insertUser(org.id);
    const offeringId = await insertOffering(org.id);
    const { calls, send } = countedWorker(org);
    // Warm the token cache first: then the request's only D1 call is its batch.
    expect((await send("GET", "registrations")).status).toBe(200);
    calls.length = 0;
    const first = await expectCreated(await send("POST", "registrations", { userId, offeringId }), "registrations");
    const replay = await expectCreated(await send("POST", "registrations", { userId, offeringId }), "registrations");
    expect(replay).toBe(first);
    // diagnostics + insert + the outbox event, plus the claim: lookup, purge, insert before and
    // release after.
    expect(calls).toEqual(["batch 7", "batch 7"]);
    const rows = await db
      .select()
      .from(registrations)
      .where(and(eq(registrations.organizationId, org.id), eq(registrations.userId, userId)));
    expect(rows).toHaveLength(1);
  });

  it("POST /webhooks with a key: one batch; its replay: the batch and one read of the id and secret", async () => {
    const org = await newOrganization();
    const { calls, send } = countedWorker(org);
    expect((await send("GET", "webhooks")).status).toBe(200);
    calls.length = 0;
    const hook = { url: "https://hooks.example.com/one-trip", events: ["user.created"] };
    const first = await send("POST", "webhooks", hook);
    expect(first.status).toBe(201);
    // The claim's lookup, purge and insert, the webhook's insert, the claim's release.
    expect(calls).toEqual(["batch 5"]);
    calls.length = 0;
    const replay = await send("POST", "webhooks", hook);
    expect([replay.status, replay.headers.get("Location"), await replay.json()]).toEqual([201, first.headers.get("Location"), await first.json()]);
    expect(calls).toEqual(["batch 5", "raw"]);
  });
});
