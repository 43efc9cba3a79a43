/**
 * Security properties that need the Workers runtime itself (the rest is in security.test.ts):
 *
 * - no token, admin token, password or request body ever reaches the logs, over a whole flow
 *   with failures and a 500 (the Worker runs in this isolate, so its console is observable);
 * - the operator API does not exist without ADMIN_TOKEN (the Worker's env, changed per call);
 * - passwords are stored as salted PBKDF2 hashes and tokens as their SHA-256, and neither
 *   secret appears anywhere in the database (read directly through the D1 binding).
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import worker, { type Env } from "../../src/worker";
import { ADMIN_TOKEN } from "../support/fixtures";
import { BASE, call, parts } from "../support/http";
import { PREFIX } from "../support/contract";

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Calls the Worker's fetch entry with its env changed. */
async function fetchWithEnv(env2: Env, method: string, path: string, init: { token?: string; json?: unknown } = {}): Promise<Response> {
  const headers = new Headers();
  if (init.token !== undefined) headers.set("Authorization", `Bearer ${init.token}`);
  if (init.json !== undefined) headers.set("Content-Type", "application/json");
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request(`${BASE}${path}`, { method, headers, body: init.json === undefined ? null : JSON.stringify(init.json) }),
    env2,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return response;
}

function envWithout(name: keyof Env, value?: string): Env {
  const copy: Record<string, unknown> = { ...env };
  if (value === undefined) delete copy[name];
  else copy[name] = value;
  return copy as unknown as Env;
}

/** Every row of every table, as text. */
async function dumpDatabase(): Promise<string> {
  const { results: tables } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
  ).all<{ name: string }>();
  expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(["api_tokens", "users", "organizations"]));
  const parts: string[] = [];
  for (const { name } of tables) {
    const { results } = await env.DB.prepare(`SELECT * FROM "${name}"`).all();
    parts.push(`${name}: ${JSON.stringify(results)}`);
  }
  return parts.join("\n");
}

async function createdId(response: Response): Promise<string> {
  expect(response.status).toBe(201);
  await response.arrayBuffer();
  return (response.headers.get("Location") ?? "").split("/").pop() ?? "";
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("logs", () => {
  it("never contain a token, the admin token, a password, a request body or a query string", async () => {
    const lines: string[] = [];
    for (const level of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        lines.push(args.map((arg) => (typeof arg === "string" ? arg : JSON.stringify(arg) ?? String(arg))).join(" "));
      });
    }
    const secrets: string[] = [ADMIN_TOKEN];
    const bodies: string[] = [];
    const send = async (method: string, path: string, options: { token?: string; json?: unknown; body?: string; headers?: Record<string, string> } = {}) => {
      if (options.json !== undefined) bodies.push(JSON.stringify(options.json));
      if (options.body !== undefined) bodies.push(options.body);
      return call(method, path, options);
    };

    // The operator creates an organization and a second token.
    const created = await send("POST", "/admin/v1/organizations", { token: ADMIN_TOKEN, json: { name: "Logged Org Zq1" } });
    expect(created.status).toBe(201);
    const org = (await created.json()) as { id: string; token: string };
    secrets.push(org.token);
    const issued = await send("POST", `/admin/v1/organizations/${org.id}/tokens`, { token: ADMIN_TOKEN, json: { name: "lms sync Zq2" } });
    const second = (await issued.json()) as { id: string; token: string };
    secrets.push(second.token);

    // Users with passwords, created and changed.
    const passwords = ["Secret123abc", "Other456xyz", "Changed789pqr"];
    secrets.push(...passwords);
    const ada = await createdId(
      await send("POST", `${PREFIX}/users`, {
        token: org.token,
        json: { firstName: "Zq3Ada", lastName: "Zq4Lovelace", email: "zq5ada@example.test", password: passwords[0] },
      }),
    );
    await createdId(
      await send("POST", `${PREFIX}/users`, {
        token: second.token,
        json: { firstName: "Zq6Grace", lastName: "Hopper", email: "zq7grace@example.test", password: passwords[1] },
        headers: { "Idempotency-Key": "log-test-key" },
      }),
    );
    expect((await send("PUT", `${PREFIX}/users/${ada}`, { token: org.token, json: { password: passwords[2] } })).status).toBe(204);

    // Offerings and registrations, graded and refused.
    const offering = await createdId(await send("POST", `${PREFIX}/offerings`, { token: org.token, json: { title: "Zq8 Course" } }));
    const registration = await createdId(await send("POST", `${PREFIX}/registrations`, { token: org.token, json: { userId: ada, offeringId: offering } }));
    expect((await send("PUT", `${PREFIX}/registrations/${registration}`, { token: org.token, json: { grade: 90, graderComment: "Zq9 well done" } })).status).toBe(204);
    expect((await send("POST", `${PREFIX}/registrations`, { token: org.token, json: { userId: ada, offeringId: offering } })).status).toBe(400);

    // Failures: a wrong token, a wrong admin token, invalid bodies carrying passwords, a query.
    const wrongToken = `${org.token.slice(0, -4)}beef`;
    const wrongAdmin = `${ADMIN_TOKEN}-wrong`;
    secrets.push(wrongToken, wrongAdmin);
    expect((await send("GET", `${PREFIX}/users`, { token: wrongToken })).status).toBe(401);
    expect((await send("POST", "/admin/v1/organizations", { token: wrongAdmin, json: { name: "x" } })).status).toBe(401);
    const badPassword = "short";
    secrets.push(badPassword);
    expect((await send("POST", `${PREFIX}/users`, { token: org.token, json: { firstName: "Zq10", password: badPassword } })).status).toBe(400);
    expect((await send("POST", `${PREFIX}/users`, { token: org.token, body: `{"password":"${passwords[0]}",`, headers: { "Content-Type": "application/json" } })).status).toBe(400);
    expect((await send("GET", `${PREFIX}/users?email=zq11-query-marker`, { token: org.token })).status).toBe(200);

    // A 500: the database fails in a way that is not transient.
    const broken = envWithout("DB");
    (broken as unknown as { DB: unknown }).DB = {
      withSession: () => ({
        prepare: () => {
          throw new Error("D1_ERROR: something unexpected: SQLITE_ERROR");
        },
        batch: () => Promise.reject(new Error("D1_ERROR: something unexpected: SQLITE_ERROR")),
        getBookmark: () => null,
      }),
    };
    const failed = await fetchWithEnv(broken, "POST", `${PREFIX}/users`, {
      token: org.token,
      json: { firstName: "Zq12", lastName: "Zq13", email: "zq14@example.test", password: passwords[0] },
    });
    expect(await parts(failed)).toMatchObject({ status: 500, errorCode: "internal", body: { errors: ["Internal server error"] } });
    bodies.push(JSON.stringify({ firstName: "Zq12", lastName: "Zq13", email: "zq14@example.test", password: passwords[0] }));

    // The flow was logged (one line per request), and the failure with its request id.
    const output = lines.join("\n");
    expect(lines.length).toBeGreaterThanOrEqual(15);
    expect(output).toContain('"status":500');
    expect(output).toContain('"level":"error"');
    expect(output, "the flow's own log lines were captured").toContain(org.id);

    for (const secret of secrets) expect(output, "a secret in the logs").not.toContain(secret);
    // Not even the tokens' hashes, which are the keys to the token table.
    for (const token of [org.token, second.token]) expect(output).not.toContain(await sha256Hex(token));
    for (const body of bodies) expect(output, "a request body in the logs").not.toContain(body);
    // Nor any value of the bodies or the query string (names, emails, comments).
    for (const marker of ["Zq1", "Zq2", "Zq3", "Zq4", "zq5", "Zq6", "zq7", "Zq8", "Zq9", "Zq10", "zq11", "Zq12", "Zq13", "zq14"]) {
      expect(output, `the value ${marker} in the logs`).not.toContain(marker);
    }
  });
});

describe("operator API without ADMIN_TOKEN", () => {
  const ADMIN_CALLS: [string, string, unknown][] = [
    ["POST", "/admin/v1/organizations", { name: "Nope" }],
    ["POST", "/admin/v1/organizations/0123456789abcdef0123456789abcdef/tokens", {}],
    ["DELETE", "/admin/v1/tokens/0123456789abcdef0123456789abcdef", undefined],
    ["PUT", "/admin/v1/organizations/0123456789abcdef0123456789abcdef/agreements/standard", { title: "T", text: "X" }],
    ["DELETE", "/admin/v1/organizations/0123456789abcdef0123456789abcdef/agreements/standard", undefined],
    ["GET", "/admin/v1/openapi.json", undefined],
    ["GET", "/admin/v1/nowhere", undefined],
  ];

  for (const [label, changed] of [
    ["removed", envWithout("ADMIN_TOKEN")],
    ["empty", envWithout("ADMIN_TOKEN", "")],
  ] as const) {
    it(`ADMIN_TOKEN ${label}: every /admin/v1 path is 404 Not found, whatever the credentials`, async () => {
      for (const [method, path, json] of ADMIN_CALLS) {
        for (const token of [undefined, ADMIN_TOKEN, "", "anything"]) {
          const response = await fetchWithEnv(changed, method, path, { token: token || undefined, json });
          expect(await parts(response), `${method} ${path} token=${String(token)}`).toEqual({
            status: 404,
            contentType: "application/json",
            errorCode: "not_found",
            body: { errors: ["Not found"] },
          });
        }
      }
      // Nothing was created by any of them.
      const { results } = await env.DB.prepare("SELECT count(*) AS n FROM organizations WHERE name = 'Nope'").all<{ n: number }>();
      expect(results[0]?.n).toBe(0);
    });
  }

  it("with ADMIN_TOKEN set, the same env answers (the 404 above is the absence, not a broken env)", async () => {
    const response = await fetchWithEnv(env as unknown as Env, "POST", "/admin/v1/organizations", { token: ADMIN_TOKEN, json: { name: "Present" } });
    expect(response.status).toBe(201);
  });
});

describe("secrets at rest", () => {
  it("passwords are stored as salted PBKDF2-SHA256 hashes of 100,000 iterations, never as given", async () => {
    const org = (await (await call("POST", "/admin/v1/organizations", { token: ADMIN_TOKEN, json: { name: "Hashes" } })).json()) as { id: string; token: string };
    const password = "Same123pass";
    const changed = "Changed456pass";
    const one = await createdId(await call("POST", `${PREFIX}/users`, { token: org.token, json: { firstName: "A", lastName: "B", email: "one@example.test", password } }));
    const two = await createdId(await call("POST", `${PREFIX}/users`, { token: org.token, json: { firstName: "C", lastName: "D", email: "two@example.test", password } }));
    const three = await createdId(await call("POST", `${PREFIX}/users`, { token: org.token, json: { firstName: "E", lastName: "F", email: "three@example.test", password: "Temp000pass" } }));
    expect((await call("PUT", `${PREFIX}/users/${three}`, { token: org.token, json: { password: changed } })).status).toBe(204);

    const { results } = await env.DB.prepare("SELECT id, password_hash FROM users WHERE id IN (?, ?, ?)").bind(one, two, three).all<{ id: string; password_hash: string }>();
    expect(results).toHaveLength(3);
    for (const row of results) {
      expect(row.password_hash).toMatch(/^pbkdf2-sha256\$100000\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
      expect(row.password_hash).not.toContain(password);
      expect(row.password_hash).not.toContain(changed);
    }
    // Salted: the same password gives two different hashes.
    const hashes = new Map(results.map((row) => [row.id, row.password_hash]));
    expect(hashes.get(one)).not.toBe(hashes.get(two));
    // The hash is PBKDF2-SHA256 over the password with the stored salt (not some other function).
    const [, iterations, salt, hash] = (hashes.get(one) ?? "").split("$");
    const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveBits"]);
    const saltBytes = new Uint8Array((salt?.match(/../g) ?? []).map((byte) => parseInt(byte, 16)));
    const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: saltBytes, iterations: Number(iterations) }, key, 256);
    expect([...new Uint8Array(bits)].map((byte) => byte.toString(16).padStart(2, "0")).join("")).toBe(hash);

    // No password appears anywhere in the database, in any table.
    const dump = await dumpDatabase();
    for (const secret of [password, changed, "Temp000pass"]) expect(dump).not.toContain(secret);
  });

  it("tokens are stored only as their SHA-256: the token itself appears nowhere in the database", async () => {
    const created = await call("POST", "/admin/v1/organizations", { token: ADMIN_TOKEN, json: { name: "Token Hashes" } });
    const org = (await created.json()) as { id: string; token: string };
    const issued = (await (await call("POST", `/admin/v1/organizations/${org.id}/tokens`, { token: ADMIN_TOKEN, json: { name: "second" } })).json()) as {
      id: string;
      token: string;
    };
    // The tokens work (so what is stored is what authenticates).
    for (const token of [org.token, issued.token]) expect((await call("GET", `${PREFIX}/users`, { token })).status).toBe(200);

    const { results } = await env.DB.prepare("SELECT id, token_hash FROM api_tokens WHERE organization_id = ? ORDER BY created_at, id")
      .bind(org.id)
      .all<{ id: string; token_hash: string }>();
    const stored = results.map((row) => row.token_hash).sort();
    expect(stored).toEqual([await sha256Hex(org.token), await sha256Hex(issued.token)].sort());
    expect(results.map((row) => row.id)).toContain(issued.id);

    const dump = await dumpDatabase();
    for (const token of [org.token, issued.token, ADMIN_TOKEN]) {
      expect(dump, "a token stored in clear").not.toContain(token);
      expect(dump.toLowerCase(), "a token stored in clear (any case)").not.toContain(token.toLowerCase());
    }
  });
});
