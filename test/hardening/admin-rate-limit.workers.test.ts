/**
 * Issue 13, case 10: failed operator authentications are limited per client address (API.md §2):
 * after 10 within 60 seconds, 429 until the window passes, for the right token too (else the
 * 429s would tell which guess was right). `/openapi.json` is counted per address as well.
 *
 * ADMIN_RATE_LIMITER_TEST is the contract's 10 a minute (vitest.config.ts); RATE_LIMITER_TEST 5.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/worker";
import { ADMIN_TOKEN } from "../support/fixtures";
import { BASE, parts } from "../support/http";
import { PREFIX } from "./support";

const TOO_MANY = { status: 429, contentType: "application/json", errorCode: "rate_limited", body: { errors: ["Too many requests"] } };

/** A test may wait up to 8 s for a fresh window, so each has room beyond the default 5 s. */
const ROOM = { timeout: 30_000 };

async function freshWindow(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 8_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
}

async function send(path: string, ip: string, token?: string, json?: unknown): Promise<Response> {
  const headers = new Headers({ "CF-Connecting-IP": ip });
  if (token !== undefined) headers.set("Authorization", `Bearer ${token}`);
  if (json !== undefined) headers.set("Content-Type", "application/json");
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request(`${BASE}${path}`, { method: json === undefined ? "GET" : "POST", headers, body: json === undefined ? null : JSON.stringify(json) }),
    { ...env, ADMIN_RATE_LIMITER: env.ADMIN_RATE_LIMITER_TEST, RATE_LIMITER: env.RATE_LIMITER_TEST },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return response;
}

describe("operator authentication failures", ROOM, () => {
  it("10 wrong tokens are 401; the 11th, and then the right token from that address, are 429 with Retry-After", async () => {
    await freshWindow();
    const ip = "203.0.113.10";
    for (let i = 0; i < 10; i++) {
      expect((await send("/admin/v1/organizations", ip, `wrong-${i}`, { name: "X" })).status).toBe(401);
    }
    const over = await send("/admin/v1/organizations", ip, "wrong-11", { name: "X" });
    expect(over.headers.get("Retry-After")).toBe("60");
    expect(await parts(over)).toEqual(TOO_MANY);
    expect(await parts(await send("/admin/v1/organizations", ip, ADMIN_TOKEN, { name: "X" }))).toEqual(TOO_MANY);
    expect(await parts(await send("/admin/v1/organizations", ip, undefined, { name: "X" }))).toEqual(TOO_MANY);
    // Another address is not affected.
    expect((await send("/admin/v1/organizations", "203.0.113.11", ADMIN_TOKEN, { name: "Acme" })).status).toBe(201);
  });

  it("successful operator calls are not counted", async () => {
    await freshWindow();
    for (let i = 0; i < 15; i++) {
      expect((await send("/admin/v1/organizations", "203.0.113.12", ADMIN_TOKEN, { name: `Org ${i}` })).status).toBe(201);
    }
  });
});

describe("GET /openapi.json", ROOM, () => {
  it("is counted per client address (here 5 a minute): then 429", async () => {
    await freshWindow();
    for (let i = 0; i < 5; i++) expect((await send(`${PREFIX}/openapi.json`, "203.0.113.20")).status).toBe(200);
    expect(await parts(await send(`${PREFIX}/openapi.json`, "203.0.113.20"))).toEqual(TOO_MANY);
    expect((await send(`${PREFIX}/openapi.json`, "203.0.113.21")).status).toBe(200);
  });
});
