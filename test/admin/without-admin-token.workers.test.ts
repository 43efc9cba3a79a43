/**
 * The operator API (API.md §2) when ADMIN_TOKEN is not configured: needs the Worker's env changed
 * per call, so it runs on the Workers runtime only. The rest is in test/admin/ (both runtimes).
 */
import { env } from "cloudflare:workers";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../src/worker";
import { BASE, parts } from "../support/http";
import { ADMIN_TOKEN, newOrganization } from "../support/fixtures";
import { UNKNOWN_ID, NOT_FOUND_PATH } from "../support/contract";

describe("without ADMIN_TOKEN", () => {
  async function fetchWithout(
    adminToken: string | undefined,
    method: string,
    path: string,
    token: string | undefined,
    json: unknown,
  ): Promise<Response> {
    const headers = new Headers();
    if (token !== undefined) headers.set("Authorization", `Bearer ${token}`);
    if (json !== undefined) headers.set("Content-Type", "application/json");
    const ctx = createExecutionContext();
    const response = await worker.fetch(
      new Request(`${BASE}${path}`, { method, headers, body: json === undefined ? null : JSON.stringify(json) }),
      { ...env, ADMIN_TOKEN: adminToken },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    return response;
  }

  it("every /admin/v1 path is 404 Not found, whatever the method, token or body", async () => {
    const org = await newOrganization();
    const requests: [string, string, unknown][] = [
      ["POST", "/admin/v1/organizations", { name: "Acme" }],
      ["POST", `/admin/v1/organizations/${org.id}/tokens`, {}],
      ["DELETE", `/admin/v1/tokens/${UNKNOWN_ID}`, undefined],
      ["GET", "/admin/v1/organizations", undefined],
      ["GET", "/admin/v1", undefined],
      ["GET", "/admin/v1/nope", undefined],
      ["PUT", "/admin/v1/tokens/x", { a: 1 }],
    ];
    for (const adminToken of [undefined, ""]) {
      for (const [method, path, json] of requests) {
        for (const token of [undefined, ADMIN_TOKEN, "", org.token]) {
          const response = await fetchWithout(adminToken, method, path, token === "" ? undefined : token, json);
          const label = `ADMIN_TOKEN=${JSON.stringify(adminToken)} ${method} ${path} token=${String(token)}`;
          expect(response.headers.get("WWW-Authenticate"), label).toBeNull();
          expect(response.headers.get("Allow"), label).toBeNull();
          expect(await parts(response), label).toEqual(NOT_FOUND_PATH);
        }
      }
    }
    // Nothing was created: the organization still has exactly its working token, and the API is unaffected.
    const list = await fetchWithout(undefined, "GET", "/dc/api/v5/registrations", org.token, undefined);
    expect(list.status).toBe(200);
  });
});
