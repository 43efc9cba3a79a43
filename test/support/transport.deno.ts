/**
 * The Deno transport (project "deno"): real HTTP over loopback to the `deno serve` process that
 * test/support/deno-server.ts started for this run. It replaces transport.ts through a resolver
 * plugin in vitest.config.ts and has the same exports.
 */
import { drizzle } from "drizzle-orm/sqlite-proxy";
import { inject } from "vitest";
import * as schema from "../../src/db/schema";
import type { DirectDb, Runtime, SendInit } from "./transport";

declare module "vitest" {
  export interface ProvidedContext {
    /** e.g. http://127.0.0.1:41234, set by test/support/deno-server.ts */
    denoBaseUrl: string;
    /** Opens the test server's fixture statement endpoint (scripts/deno-test-server.ts). */
    denoFixtureSecret: string;
  }
}

export type { DirectDb, Runtime, SendInit };

export const RUNTIME: Runtime = "deno";

export const BASE = inject("denoBaseUrl");

export function send(url: string, { method, headers, body }: SendInit): Promise<Response> {
  const sent = new Headers(headers);
  // Deno compresses large responses for clients that accept it; the Worker under test never
  // sees an Accept-Encoding. Ask for the plain body so both runtimes answer alike.
  if (!sent.has("Accept-Encoding")) sent.set("Accept-Encoding", "identity");
  const init: RequestInit & { duplex?: "half" } = { method, headers: sent, body, redirect: "manual" };
  // A stream body goes out chunked (no Content-Length), which fetch only allows half-duplex.
  if (body instanceof ReadableStream) init.duplex = "half";
  return fetch(url, init);
}

/**
 * The server's database for fixtures, as the Workers project has D1: each statement goes to the
 * test server's `/__fixtures/sql` (drizzle's sqlite-proxy driver; the SQL is the same SQLite).
 * The app is typed against D1's Drizzle database; fixtures only insert and update through it.
 */
export const directDb: DirectDb | null = drizzle(
  async (sql, params, method) => {
    const response = await fetch(`${BASE}/__fixtures/sql`, {
      method: "POST",
      headers: { Authorization: `Bearer ${inject("denoFixtureSecret")}`, "Content-Type": "application/json" },
      body: JSON.stringify({ sql, params, method }),
    });
    const answer = (await response.json()) as { rows?: unknown[]; error?: string };
    if (!response.ok) throw new Error(`fixture statement failed: ${answer.error ?? response.status}`);
    return { rows: answer.rows as never };
  },
  { schema },
) as unknown as DirectDb;
