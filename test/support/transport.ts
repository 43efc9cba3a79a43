/**
 * The Workers transport (project "workers"): requests go through the Worker's own fetch entry in
 * this isolate, and fixtures may also write rows straight into the real D1 for what the API
 * cannot set (chosen ids and times). The "deno" project swaps this module for transport.deno.ts
 * (a `resolve.alias` in vitest.config.ts): the tests above it never know which runtime answers.
 */
import { env, exports } from "cloudflare:workers";
import { drizzle, type DrizzleD1Database } from "drizzle-orm/d1";
import * as schema from "../../src/db/schema";

export type Runtime = "workers" | "deno";
export type DirectDb = DrizzleD1Database<typeof schema>;

export const RUNTIME: Runtime = "workers";

/** The origin requests are addressed to; the Worker answers every host. */
export const BASE = "http://registrar.test";

export interface SendInit {
  method: string;
  headers: Headers;
  body: BodyInit | null;
}

export function send(url: string, init: SendInit): Promise<Response> {
  return exports.default.fetch(new Request(url, init));
}

/** The database behind the app, for fixtures only; `null` where the server is another process. */
export const directDb: DirectDb | null = drizzle(env.DB, { schema });
