/**
 * Authentication (API.md §2), the parts that need the Workers runtime itself: the token cache's
 * bound under other TOKEN_CACHE_TTL_SECONDS values (the Worker's env, changed per call) and under
 * a faked clock (the server's own Date). The rest of the contract is in test/auth/authentication.test.ts and runs
 * against both runtimes.
 */
import { env } from "cloudflare:workers";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import worker, { type Env } from "../../src/worker";
import { BASE, call, parts } from "../support/http";
import { issueToken, newOrganization, revoke } from "../support/fixtures";
import { UNAUTHORIZED, INVALID_CHALLENGE } from "../support/contract";

/** The Worker's fetch entry with some env values changed (e.g. the token cache's lifetime). */
async function callWithEnv(
  overrides: Partial<Env>,
  method: string,
  path: string,
  token: string,
): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request(`${BASE}${path}`, { method, headers: { Authorization: `Bearer ${token}` } }),
    { ...env, ...overrides },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return response;
}

describe("authentication", () => {
  describe("revocation", () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it("a revoked token is refused at once when the token cache is off (TOKEN_CACHE_TTL_SECONDS=0)", async () => {
      const org = await newOrganization();
      const extra = await issueToken(org.id);
      const noCache = { TOKEN_CACHE_TTL_SECONDS: "0" };
      expect((await callWithEnv(noCache, "GET", "/dc/api/v5/registrations", extra.token)).status).toBe(200);
      await revoke(extra.id);
      const response = await callWithEnv(noCache, "GET", "/dc/api/v5/registrations", extra.token);
      expect(response.headers.get("WWW-Authenticate")).toBe(INVALID_CHALLENGE);
      expect(await parts(response)).toEqual(UNAUTHORIZED);
    });

    it("a used token stays trusted only within the cache bound (TOKEN_CACHE_TTL_SECONDS=1)", async () => {
      const org = await newOrganization();
      const extra = await issueToken(org.id);
      const oneSecond = { TOKEN_CACHE_TTL_SECONDS: "1" };
      expect((await callWithEnv(oneSecond, "GET", "/dc/api/v5/registrations", extra.token)).status).toBe(200);
      await revoke(extra.id);
      // Cached in this isolate: still accepted until the bound passes.
      expect((await callWithEnv(oneSecond, "GET", "/dc/api/v5/registrations", extra.token)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const response = await callWithEnv(oneSecond, "GET", "/dc/api/v5/registrations", extra.token);
      expect(response.headers.get("WWW-Authenticate")).toBe(INVALID_CHALLENGE);
      expect(await parts(response)).toEqual(UNAUTHORIZED);
    });

    it("with the default cache a revoked token stops working within 60 seconds", async () => {
      const org = await newOrganization();
      const extra = await issueToken(org.id);
      vi.useFakeTimers({ toFake: ["Date"] });
      const start = Date.now();
      expect((await call("GET", "/dc/api/v5/registrations", { token: extra.token })).status).toBe(200);
      await revoke(extra.id);
      // Within the bound the cached token may still be trusted.
      vi.setSystemTime(start + 30_000);
      expect((await call("GET", "/dc/api/v5/registrations", { token: extra.token })).status).toBe(200);
      vi.setSystemTime(start + 60_001);
      const response = await call("GET", "/dc/api/v5/registrations", { token: extra.token });
      expect(response.headers.get("WWW-Authenticate")).toBe(INVALID_CHALLENGE);
      expect(await parts(response)).toEqual(UNAUTHORIZED);
    });

    it("no setting trusts a token for more than 60 seconds (TOKEN_CACHE_TTL_SECONDS=3600)", async () => {
      const org = await newOrganization();
      const extra = await issueToken(org.id);
      const long = { TOKEN_CACHE_TTL_SECONDS: "3600" };
      vi.useFakeTimers({ toFake: ["Date"] });
      const start = Date.now();
      expect((await callWithEnv(long, "GET", "/dc/api/v5/registrations", extra.token)).status).toBe(200);
      await revoke(extra.id);
      vi.setSystemTime(start + 60_001);
      const response = await callWithEnv(long, "GET", "/dc/api/v5/registrations", extra.token);
      expect(response.headers.get("WWW-Authenticate")).toBe(INVALID_CHALLENGE);
      expect(await parts(response)).toEqual(UNAUTHORIZED);
    });
  });
});
