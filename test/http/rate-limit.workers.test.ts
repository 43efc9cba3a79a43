/**
 * Rate limiting (API.md §1): over the limit, `429` `{"errors":["Too many requests"]}` with
 * `Retry-After: 60` and `X-Error-Code: rate_limited`. Requests are counted per access token (by
 * its SHA-256, never the token) once authenticated, and per client IP (`CF-Connecting-IP`) when
 * authentication fails.
 *
 * The Worker's limiter is the Workers Rate Limiting binding RATE_LIMITER (wrangler.toml, 1000 a
 * minute); here the Worker gets RATE_LIMITER_TEST instead, the same binding emulated by
 * Miniflare with a limit of 5 a minute (vitest.config.ts).
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { hashToken } from "../../src/lib/crypto";
import worker from "../../src/worker";
import { newOrganization } from "../support/fixtures";
import { BASE, parts } from "../support/http";
import { PREFIX } from "../support/contract";

const LIMIT = 5;
const TOO_MANY = { errors: ["Too many requests"] };
const UNAUTHORIZED = { errors: ["A valid access token is required"] };

/**
 * The emulated windows are aligned to the wall clock: a test that ran across a minute boundary
 * would see its counter reset halfway. Start each test well inside a window.
 */
async function freshWindow(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 5_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
}

interface Send {
  token?: string;
  ip?: string;
  json?: unknown;
  limiter?: RateLimit | undefined;
}

async function send(method: string, path: string, options: Send = {}): Promise<Response> {
  const headers = new Headers();
  if (options.token !== undefined) headers.set("Authorization", `Bearer ${options.token}`);
  if (options.ip !== undefined) headers.set("CF-Connecting-IP", options.ip);
  if (options.json !== undefined) headers.set("Content-Type", "application/json");
  const ctx = createExecutionContext();
  const limiter = "limiter" in options ? options.limiter : env.RATE_LIMITER_TEST;
  const response = await worker.fetch(
    new Request(`${BASE}${path}`, { method, headers, body: options.json === undefined ? null : JSON.stringify(options.json) }),
    { ...env, RATE_LIMITER: limiter },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return response;
}

async function expectTooMany(response: Response): Promise<void> {
  expect(response.headers.get("Retry-After")).toBe("60");
  expect(await parts(response)).toEqual({ status: 429, contentType: "application/json", errorCode: "rate_limited", body: TOO_MANY });
}

/** A client IP no other test uses. */
function uniqueIp(): string {
  const byte = () => Math.floor(Math.random() * 256);
  return `10.${byte()}.${byte()}.${byte()}`;
}

/** A limiter over the test binding that records the keys it is asked about. */
function recordingLimiter() {
  const keys: string[] = [];
  const limiter: RateLimit = {
    limit: (options) => {
      keys.push(options.key);
      return env.RATE_LIMITER_TEST.limit(options);
    },
  };
  return { limiter, keys };
}

describe("per access token", () => {
  it(`the first ${LIMIT} requests of a token in a minute pass; the next is 429 with Retry-After: 60`, async () => {
    await freshWindow();
    const org = await newOrganization();
    for (let i = 0; i < LIMIT; i++) {
      expect((await send("GET", `${PREFIX}/registrations`, { token: org.token })).status).toBe(200);
    }
    await expectTooMany(await send("GET", `${PREFIX}/registrations`, { token: org.token }));
    await expectTooMany(await send("GET", `${PREFIX}/users`, { token: org.token }));
  });

  it("a POST over the limit is refused before it does anything: nothing is created", async () => {
    await freshWindow();
    const org = await newOrganization();
    for (let i = 0; i < LIMIT; i++) {
      expect((await send("POST", `${PREFIX}/offerings`, { token: org.token, json: { title: `t${i}` } })).status).toBe(201);
    }
    await expectTooMany(await send("POST", `${PREFIX}/offerings`, { token: org.token, json: { title: "one too many" } }));
    const list = await send("GET", `${PREFIX}/offerings?limit=100`, { token: org.token, limiter: undefined });
    expect(((await list.json()) as { results: unknown[] }).results).toHaveLength(LIMIT);
  });

  it("POST /registrations/batch counts as one request, whatever its number of items", async () => {
    await freshWindow();
    const org = await newOrganization();
    const item = { userId: "0123456789abcdef0123456789abcdef", offeringId: "0123456789abcdef0123456789abcdef" };
    for (let i = 0; i < LIMIT; i++) {
      const batch = await send("POST", `${PREFIX}/registrations/batch`, { token: org.token, json: { registrations: Array(50).fill(item) } });
      expect(batch.status).toBe(200);
    }
    await expectTooMany(await send("GET", `${PREFIX}/registrations`, { token: org.token }));
  });

  it("each token has its own count: another organization's token is unaffected", async () => {
    await freshWindow();
    const one = await newOrganization();
    const two = await newOrganization();
    for (let i = 0; i < LIMIT; i++) await send("GET", `${PREFIX}/registrations`, { token: one.token });
    await expectTooMany(await send("GET", `${PREFIX}/registrations`, { token: one.token }));
    expect((await send("GET", `${PREFIX}/registrations`, { token: two.token })).status).toBe(200);
  });

  it("the limiter is keyed by the token's SHA-256, never by the token itself", async () => {
    await freshWindow();
    const org = await newOrganization();
    const { limiter, keys } = recordingLimiter();
    expect((await send("GET", `${PREFIX}/registrations`, { token: org.token, limiter })).status).toBe(200);
    expect(keys).toEqual([`token:${await hashToken(org.token)}`]);
    expect(keys.join()).not.toContain(org.token);
  });
});

describe("per client IP when authentication fails", () => {
  it(`${LIMIT} failed authentications from one IP are 401; the next is 429`, async () => {
    await freshWindow();
    const ip = uniqueIp();
    for (let i = 0; i < LIMIT; i++) {
      const response = await send("GET", `${PREFIX}/registrations`, { token: `wrong-${i}`, ip });
      expect(await parts(response)).toEqual({ status: 401, contentType: "application/json", errorCode: "unauthorized", body: UNAUTHORIZED });
    }
    await expectTooMany(await send("GET", `${PREFIX}/registrations`, { token: "wrong-again", ip }));
    // A missing Authorization header counts as a failed authentication too.
    await expectTooMany(await send("GET", `${PREFIX}/registrations`, { ip }));
  });

  it("another IP still gets 401, and a valid token from the limited IP still passes", async () => {
    await freshWindow();
    const ip = uniqueIp();
    for (let i = 0; i < LIMIT; i++) await send("GET", `${PREFIX}/registrations`, { token: "wrong", ip });
    await expectTooMany(await send("GET", `${PREFIX}/registrations`, { token: "wrong", ip }));
    expect((await send("GET", `${PREFIX}/registrations`, { token: "wrong", ip: uniqueIp() })).status).toBe(401);
    const org = await newOrganization();
    expect((await send("GET", `${PREFIX}/registrations`, { token: org.token, ip })).status).toBe(200);
  });

  it("the key of a failed authentication is the IP", async () => {
    await freshWindow();
    const ip = uniqueIp();
    const { limiter, keys } = recordingLimiter();
    expect((await send("GET", `${PREFIX}/registrations`, { token: "wrong", ip, limiter })).status).toBe(401);
    expect(keys).toEqual([`ip:${ip}`]);
  });
});

describe("configuration", () => {
  it("without a limiter binding nothing is limited (as under Deno)", async () => {
    await freshWindow();
    const org = await newOrganization();
    for (let i = 0; i < LIMIT + 3; i++) {
      expect((await send("GET", `${PREFIX}/registrations`, { token: org.token, limiter: undefined })).status).toBe(200);
    }
  });

  it("the Worker's own RATE_LIMITER binding (wrangler.toml) is bound", () => {
    expect(typeof env.RATE_LIMITER.limit).toBe("function");
  });
});
