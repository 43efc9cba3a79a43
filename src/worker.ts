/** The Cloudflare Workers entry: the app over the D1 binding `DB`. */
import { drizzle } from "drizzle-orm/d1";
import type { Context } from "hono";
import { createApp } from "./app";
import type { Db } from "./db/client";
import * as schema from "./db/schema";
import { MAX_TOKEN_CACHE_TTL_MS } from "./auth/organization-of-token";

export interface Env {
  DB: D1Database;
  /** Secret; `.dev.vars` locally. Without it the operator API does not exist. */
  ADMIN_TOKEN?: string;
  /** Seconds a resolved token is trusted per isolate (default and maximum 60). */
  TOKEN_CACHE_TTL_SECONDS?: string;
}

const databases = new WeakMap<D1Database, Db>();

function database(binding: D1Database): Db {
  let db = databases.get(binding);
  if (db === undefined) {
    db = drizzle(binding, { schema });
    databases.set(binding, db);
  }
  return db;
}

function envOf(c: Context): Env {
  return c.env as Env;
}

function tokenCacheTtlMs(value: string | undefined): number {
  const seconds = Number(value);
  return value !== undefined && value !== "" && Number.isFinite(seconds)
    ? Math.min(seconds * 1000, MAX_TOKEN_CACHE_TTL_MS)
    : MAX_TOKEN_CACHE_TTL_MS;
}

const app = createApp({
  database: (c) => database(envOf(c).DB),
  settings: (c) => ({
    adminToken: envOf(c).ADMIN_TOKEN || undefined,
    tokenCacheTtlMs: tokenCacheTtlMs(envOf(c).TOKEN_CACHE_TTL_SECONDS),
  }),
});

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
