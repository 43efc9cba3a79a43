/**
 * When D1 fails (API.md §1): a transient failure is `503` `{"errors":["Service temporarily
 * unavailable"]}` with `Retry-After: 1` and `X-Error-Code: unavailable`; any other failure is
 * the bare 500. A read-only request (GET) retries a transient failure once; a write never
 * does. A write is all or nothing: its batch is one transaction.
 *
 * Failures are injected into the D1 binding handed to the Worker's own fetch entry. The real
 * statement objects are patched in place (D1's batch only takes real statements), and the
 * session the Worker opens (`withSession`) is wrapped the same way.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { DrizzleQueryError } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { isTransientDatabaseError } from "../../src/db/transient-errors";
import worker from "../../src/worker";
import { insertOffering, insertUser, newOrganization, type TestOrganization } from "../support/fixtures";
import { BASE, parts } from "../support/http";
import { PREFIX } from "../support/contract";

const UNAVAILABLE = { errors: ["Service temporarily unavailable"] };
const INTERNAL = { errors: ["Internal server error"] };
const NETWORK_LOST = "D1_ERROR: Network connection lost.";

/** D1's transient messages (https://developers.cloudflare.com/d1/observability/debug-d1/#error-list). */
const TRANSIENT = [
  "D1_ERROR: Network connection lost.",
  "D1_ERROR: D1 DB reset because its code was updated.",
  "D1_ERROR: Internal error while starting up D1 DB storage caused object to be reset.",
  "D1_ERROR: Internal error in D1 DB storage caused object to be reset.",
  "D1_ERROR: Cannot resolve D1 DB due to transient issue on remote node.",
  "D1_ERROR: D1 DB storage operation exceeded timeout which caused object to be reset.",
  "D1_ERROR: D1 DB is overloaded. Requests queued for too long.",
  "D1_ERROR: D1 DB is overloaded. Too many requests queued.",
  "D1_ERROR: D1 DB's isolate exceeded its memory limit and was reset.",
  "D1_ERROR: D1 DB exceeded its CPU time limit and was reset.",
];

const EXECUTIONS = ["all", "run", "raw", "first"] as const;

interface Call {
  /** `batch`, or the statement method. */
  kind: string;
  /** How many D1 calls came before this one on the binding. */
  index: number;
}

interface Injection {
  /** An error the call throws instead of running. */
  fail?(call: Call): Error | undefined;
  /** An error the call throws after it ran: the work is done, the answer lost. */
  lose?(call: Call): Error | undefined;
  /** Statements appended to each batch, prepared on the same session. */
  append?(prepare: (query: string) => D1PreparedStatement): D1PreparedStatement[];
  /** What a failed batch throws instead of its own error. */
  replaceError?(error: unknown): unknown;
}

interface Target {
  prepare(query: string): D1PreparedStatement;
  batch(statements: D1PreparedStatement[]): Promise<D1Result[]>;
}

/** A D1 binding over the real one with the injected faults; `calls` lists every database call. */
function faultyBinding(injection: Injection) {
  const calls: Call[] = [];

  async function perform<T>(kind: string, run: () => Promise<T>): Promise<T> {
    const call = { kind, index: calls.length };
    calls.push(call);
    const failure = injection.fail?.(call);
    if (failure) throw failure;
    const result = await run();
    const lost = injection.lose?.(call);
    if (lost) throw lost;
    return result;
  }

  function patch(statement: D1PreparedStatement): D1PreparedStatement {
    for (const method of EXECUTIONS) {
      const original = statement[method] as (...args: unknown[]) => Promise<unknown>;
      Object.defineProperty(statement, method, {
        configurable: true,
        writable: true,
        value: (...args: unknown[]) => perform(method, () => original.apply(statement, args)),
      });
    }
    const bind = statement.bind;
    Object.defineProperty(statement, "bind", {
      configurable: true,
      writable: true,
      value: (...values: unknown[]) => patch(bind.apply(statement, values)),
    });
    return statement;
  }

  function wrap<T extends Target>(target: T) {
    return {
      prepare: (query: string) => patch(target.prepare(query)),
      batch: (statements: D1PreparedStatement[]) =>
        perform("batch", async () => {
          const extra = injection.append?.((query) => target.prepare(query)) ?? [];
          try {
            return await target.batch([...statements, ...extra]);
          } catch (error) {
            throw injection.replaceError ? injection.replaceError(error) : error;
          }
        }),
    };
  }

  const binding = {
    ...wrap(env.DB),
    withSession: (constraintOrBookmark?: string) => {
      const session = env.DB.withSession(constraintOrBookmark);
      return { ...wrap(session), getBookmark: () => session.getBookmark() };
    },
  } as unknown as D1Database;
  return { binding, calls };
}

interface Send {
  token: string;
  json?: unknown;
  headers?: Record<string, string>;
}

/** One request through the Worker's entry, over `binding` (the real D1 when omitted). */
async function send(method: string, path: string, send: Send, binding: D1Database = env.DB): Promise<Response> {
  const headers = new Headers(send.headers);
  headers.set("Authorization", `Bearer ${send.token}`);
  if (send.json !== undefined) headers.set("Content-Type", "application/json");
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request(`${BASE}${path}`, { method, headers, body: send.json === undefined ? null : JSON.stringify(send.json) }),
    { ...env, DB: binding },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return response;
}

/** A fresh organization whose token is already cached, so requests make only their own D1 calls. */
async function warmOrganization(): Promise<TestOrganization> {
  const org = await newOrganization();
  expect((await send("GET", `${PREFIX}/registrations`, { token: org.token })).status).toBe(200);
  return org;
}

async function expectUnavailable(response: Response): Promise<void> {
  expect(response.headers.get("Retry-After")).toBe("1");
  expect(await parts(response)).toEqual({
    status: 503,
    contentType: "application/json",
    errorCode: "unavailable",
    body: UNAVAILABLE,
  });
}

async function expectInternal(response: Response): Promise<void> {
  expect(response.headers.get("Retry-After")).toBeNull();
  expect(await parts(response)).toEqual({ status: 500, contentType: "application/json", errorCode: "internal", body: INTERNAL });
}

async function registrationsOf(org: TestOrganization): Promise<{ id: string; userId: string }[]> {
  const response = await send("GET", `${PREFIX}/registrations?limit=100`, { token: org.token });
  expect(response.status).toBe(200);
  return ((await response.json()) as { results: { id: string; userId: string }[] }).results;
}

const failEvery = (message: string) => ({ fail: () => new Error(message) });
const failFirst = (message: string) => ({ fail: (call: Call) => (call.index === 0 ? new Error(message) : undefined) });

describe("a transient D1 failure is 503 unavailable with Retry-After: 1", () => {
  it.each(TRANSIENT)("POST /registrations failing with %j: 503, one attempt, nothing written", async (message) => {
    const org = await warmOrganization();
    const userId = await insertUser(org.id);
    const offeringId = await insertOffering(org.id);
    const { binding, calls } = faultyBinding(failEvery(message));
    await expectUnavailable(await send("POST", `${PREFIX}/registrations`, { token: org.token, json: { userId, offeringId } }, binding));
    expect(calls.map((call) => call.kind)).toEqual(["batch"]);
    expect(await registrationsOf(org)).toEqual([]);
  });

  it("the same message wrapped as a cause (as Drizzle wraps a single query's error) is 503 too", () => {
    expect(isTransientDatabaseError(new DrizzleQueryError("select 1", [], new Error(NETWORK_LOST)))).toBe(true);
    expect(isTransientDatabaseError(new Error("outer", { cause: new Error("inner", { cause: new Error(NETWORK_LOST) }) }))).toBe(true);
  });

  it("request data in Drizzle's own message (the SQL parameters) never makes an error transient", () => {
    const wrapped = new DrizzleQueryError(
      "insert into users …",
      ["Network connection lost", "timed out"],
      new Error("D1_ERROR: UNIQUE constraint failed: users.email_key: SQLITE_CONSTRAINT"),
    );
    expect(wrapped.message).toContain("Network connection lost");
    expect(isTransientDatabaseError(wrapped)).toBe(false);
  });
});

describe("any other D1 failure is the bare 500", () => {
  it("POST /registrations failing with a constraint error: 500 internal, no retry", async () => {
    const org = await warmOrganization();
    const userId = await insertUser(org.id);
    const offeringId = await insertOffering(org.id);
    const { binding, calls } = faultyBinding(failEvery("D1_ERROR: no such table: registrations: SQLITE_ERROR"));
    await expectInternal(await send("POST", `${PREFIX}/registrations`, { token: org.token, json: { userId, offeringId } }, binding));
    expect(calls).toHaveLength(1);
  });

  it("a GET failing with a non-transient error is not retried: 500", async () => {
    const org = await warmOrganization();
    const { binding, calls } = faultyBinding(failEvery("D1_ERROR: no such column: x: SQLITE_ERROR"));
    await expectInternal(await send("GET", `${PREFIX}/registrations`, { token: org.token }, binding));
    expect(calls).toHaveLength(1);
  });
});

describe("a read-only request (GET) retries a transient failure once", () => {
  it("GET /registrations whose first D1 call fails: retried, 200 with the list", async () => {
    const org = await warmOrganization();
    const userId = await insertUser(org.id);
    const offeringId = await insertOffering(org.id);
    expect((await send("POST", `${PREFIX}/registrations`, { token: org.token, json: { userId, offeringId } })).status).toBe(201);
    const { binding, calls } = faultyBinding(failFirst(NETWORK_LOST));
    const response = await send("GET", `${PREFIX}/registrations`, { token: org.token }, binding);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { results: { userId: string; offeringId: string }[] };
    expect(body.results.map((row) => [row.userId, row.offeringId])).toEqual([[userId, offeringId]]);
    expect(calls).toHaveLength(2);
    expect(calls[0]?.kind).toBe(calls[1]?.kind);
  });

  it("GET /offerings/<id> (a single query) whose first call fails: retried, 200", async () => {
    const org = await warmOrganization();
    const offeringId = await insertOffering(org.id, { title: "Fire drill" });
    const { binding, calls } = faultyBinding(failFirst("D1_ERROR: D1 DB is overloaded. Too many requests queued."));
    const response = await send("GET", `${PREFIX}/offerings/${offeringId}`, { token: org.token }, binding);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { title: string }).title).toBe("Fire drill");
    expect(calls).toHaveLength(2);
  });

  it("a GET failing twice answers 503 after exactly two attempts", async () => {
    const org = await warmOrganization();
    const { binding, calls } = faultyBinding(failEvery(NETWORK_LOST));
    await expectUnavailable(await send("GET", `${PREFIX}/registrations`, { token: org.token }, binding));
    expect(calls).toHaveLength(2);
  });

  it("a single-query GET failing twice (Drizzle wraps the error) answers 503", async () => {
    const org = await warmOrganization();
    const offeringId = await insertOffering(org.id);
    const { binding, calls } = faultyBinding(failEvery("D1_ERROR: Cannot resolve D1 DB due to transient issue on remote node."));
    await expectUnavailable(await send("GET", `${PREFIX}/offerings/${offeringId}`, { token: org.token }, binding));
    expect(calls).toHaveLength(2);
  });

  it("the 503's log line names the D1 error, never Drizzle's SQL or its parameters", async () => {
    const org = await warmOrganization();
    const offeringId = await insertOffering(org.id);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const { binding } = faultyBinding(failEvery(NETWORK_LOST));
      await expectUnavailable(await send("GET", `${PREFIX}/offerings/${offeringId}`, { token: org.token }, binding));
      const lines = warn.mock.calls.map((args) => JSON.parse(String(args[0])) as { level: string; error: unknown });
      expect(lines).toEqual([
        { level: "warn", requestId: expect.any(String), error: { name: "Error", message: NETWORK_LOST } },
      ]);
      expect(JSON.stringify(lines)).not.toContain(offeringId);
    } finally {
      warn.mockRestore();
    }
  });

  it("a POST is never retried: its first failure is the answer", async () => {
    const org = await warmOrganization();
    const { binding, calls } = faultyBinding(failFirst(NETWORK_LOST));
    await expectUnavailable(await send("POST", `${PREFIX}/offerings`, { token: org.token, json: { title: "Fire drill" } }, binding));
    expect(calls).toHaveLength(1);
    const list = await send("GET", `${PREFIX}/offerings`, { token: org.token });
    expect(((await list.json()) as { results: unknown[] }).results).toEqual([]);
  });

  it("an unauthenticated token lookup on a GET is retried too (cold token)", async () => {
    const org = await newOrganization();
    const { binding, calls } = faultyBinding(failFirst(NETWORK_LOST));
    const response = await send("GET", `${PREFIX}/registrations`, { token: org.token }, binding);
    expect(response.status).toBe(200);
    // Token lookup: failed, retried; then the list.
    expect(calls).toHaveLength(3);
  });
});

describe("a write is all or nothing: its batch is one transaction", () => {
  /**
   * A statement appended to the batch that fails only if the registration was already inserted
   * earlier in the same batch (a NOT NULL violation): the insert ran, then the batch failed.
   */
  const failAfterInsert = (organizationId: string) => (prepare: (query: string) => D1PreparedStatement) => [
    prepare(
      "INSERT INTO organizations (id, name, created_at) SELECT NULL, NULL, NULL WHERE EXISTS (SELECT 1 FROM registrations WHERE organization_id = ?)",
    ).bind(organizationId),
  ];

  it("a batch failing after its insert ran leaves no registration (500 for a non-transient error)", async () => {
    const org = await warmOrganization();
    const userId = await insertUser(org.id);
    const offeringId = await insertOffering(org.id);
    const { binding } = faultyBinding({ append: failAfterInsert(org.id) });
    await expectInternal(await send("POST", `${PREFIX}/registrations`, { token: org.token, json: { userId, offeringId } }, binding));
    expect(await registrationsOf(org)).toEqual([]);
  });

  it("the same, reported as a transient failure: 503, no registration and no Idempotency-Key record; the retry creates", async () => {
    const org = await warmOrganization();
    const userId = await insertUser(org.id);
    const offeringId = await insertOffering(org.id);
    const { binding } = faultyBinding({ append: failAfterInsert(org.id), replaceError: () => new Error(NETWORK_LOST) });
    const keyed = { token: org.token, json: { userId, offeringId }, headers: { "Idempotency-Key": "all-or-nothing" } };
    await expectUnavailable(await send("POST", `${PREFIX}/registrations`, keyed, binding));
    expect(await registrationsOf(org)).toEqual([]);
    // The key was rolled back with the insert: the retry is new, and creates.
    const retry = await send("POST", `${PREFIX}/registrations`, keyed);
    expect(retry.status).toBe(201);
    expect((await registrationsOf(org)).map((row) => row.userId)).toEqual([userId]);
  });

  it("a batch that committed but whose answer was lost (503): the keyed retry replays the one registration", async () => {
    const org = await warmOrganization();
    const userId = await insertUser(org.id);
    const offeringId = await insertOffering(org.id);
    const { binding } = faultyBinding({ lose: (call) => (call.kind === "batch" ? new Error(NETWORK_LOST) : undefined) });
    const keyed = { token: org.token, json: { userId, offeringId }, headers: { "Idempotency-Key": "lost-answer" } };
    await expectUnavailable(await send("POST", `${PREFIX}/registrations`, keyed, binding));
    const [created, ...more] = await registrationsOf(org);
    expect(more).toEqual([]);

    const retry = await send("POST", `${PREFIX}/registrations`, keyed);
    expect(retry.status).toBe(201);
    expect(retry.headers.get("Location")).toBe(`${PREFIX}/registrations/${created?.id}`);
    expect(await registrationsOf(org)).toHaveLength(1);
  });
});
