/**
 * The Cloudflare Workers entry: the app over the D1 binding `DB`; the webhook queue's consumer
 * and the cron that re-enqueues the outbox (src/webhooks/consumer.ts), ends its history
 * (src/webhooks/retention.ts) and seals webhook secrets again after a key rotation
 * (src/webhooks/reseal.ts).
 */
import { drizzle } from "drizzle-orm/d1";
import type { Context } from "hono";
import { createApp } from "./app";
import type { Db } from "./db/client";
import { retryingReads } from "./db/read-retry";
import { tokenCacheTtlMs } from "./auth/bearer-auth";
import { renderEvent } from "./event-data";
import { consumeWebhookBatch, reenqueueWebhooks, type WebhookMessage } from "./webhooks/consumer";
import { pruneWebhookHistory } from "./webhooks/retention";
import { resealTick } from "./webhooks/reseal";
import type { KeyRing } from "./lib/crypto";

export interface Env {
  DB: D1Database;
  /** Secret; `.dev.vars` locally. Without it the operator API does not exist. */
  ADMIN_TOKEN?: string;
  /** Secret that seals `X-D1-Bookmark` to the organization (src/http/read-your-writes.ts). */
  BOOKMARK_SECRET?: string;
  /** Secret: the value BOOKMARK_SECRET replaced, while clients may still send bookmarks it sealed. */
  BOOKMARK_PREVIOUS_SECRET?: string;
  /** Secret that seals webhook signing secrets at rest (src/webhooks/secret-at-rest.ts). */
  WEBHOOK_SECRETS_KEY?: string;
  /** Secret: the key WEBHOOK_SECRETS_KEY replaced, while the cron seals its values again (README). */
  WEBHOOK_SECRETS_PREVIOUS_KEY?: string;
  /** Seconds a resolved token is trusted per isolate (default and maximum 60). */
  TOKEN_CACHE_TTL_SECONDS?: string;
  /** `[[ratelimits]]` in wrangler.toml; without it, no rate limit. */
  RATE_LIMITER?: RateLimit;
  /** `[[queues.producers]]`: carries webhook deliveries. Without it, only the cron sends. */
  WEBHOOK_QUEUE?: Queue<WebhookMessage>;
  /** `true` only in `.dev.vars`: webhooks may point at localhost (never in production). */
  ALLOW_LOCAL_WEBHOOKS?: string;
  /** Failed operator authentications per client address (10 a minute); without it, no limit. */
  ADMIN_RATE_LIMITER?: RateLimit;
}

/** What the app sees as its environment: the bindings plus this request's D1 session. */
interface RequestEnv extends Env {
  session: D1DatabaseSession;
}

function envOf(c: Context): RequestEnv {
  return c.env as RequestEnv;
}

function database(session: D1DatabaseSession): Db {
  // Drizzle's D1 driver only calls prepare() and batch(), which a session has as well. No
  // `{ schema }`: it only serves `db.query.*`, which nothing uses, and building its relational
  // config took a fifth of a request's CPU (bench/RESULTS.md). The cast restores the shared type.
  return drizzle(session as unknown as D1Database) as unknown as Db;
}

/** Read-only requests retry a transiently failed D1 call once (src/db/read-retry.ts). */
function readOnly(c: Context): boolean {
  return c.req.method === "GET" || c.req.method === "HEAD";
}

function sessionDatabase(c: Context, session: D1DatabaseSession): Db {
  return database(readOnly(c) ? retryingReads(session) : session);
}

let warnedNoBookmarkSecret = false;

function bookmarkSecret(env: Env): string | undefined {
  if (!env.BOOKMARK_SECRET && !warnedNoBookmarkSecret) {
    warnedNoBookmarkSecret = true;
    console.warn(
      JSON.stringify({ level: "warn", message: "BOOKMARK_SECRET is not set: bookmarks hold only within this isolate" }),
    );
  }
  return env.BOOKMARK_SECRET || undefined;
}

let warnedNoWebhookSecretsKey = false;

function webhookSecretsKeys(env: Env): KeyRing {
  if (!env.WEBHOOK_SECRETS_KEY && !warnedNoWebhookSecretsKey) {
    warnedNoWebhookSecretsKey = true;
    console.warn(JSON.stringify({ level: "warn", message: "WEBHOOK_SECRETS_KEY is not set: webhook secrets are stored as issued" }));
  }
  return { current: env.WEBHOOK_SECRETS_KEY || undefined, previous: env.WEBHOOK_SECRETS_PREVIOUS_KEY || undefined };
}

function limiter(binding: RateLimit | undefined) {
  return async (_c: Context, key: string) => binding === undefined || (await binding.limit({ key })).success;
}

/**
 * Every request runs in a D1 session (read replication): reads may come from the nearest
 * replica. Once the request is authenticated, a bookmark the client sent (sealed to its
 * organization, src/http/read-your-writes.ts) continues it in a session at least that fresh
 * (read-your-writes). Writes always go to the primary.
 */
const app = createApp({
  database: (c) => sessionDatabase(c, envOf(c).session),
  settings: (c) => ({
    adminToken: envOf(c).ADMIN_TOKEN || undefined,
    tokenCacheTtlMs: tokenCacheTtlMs(envOf(c).TOKEN_CACHE_TTL_SECONDS),
    bookmarkSecret: bookmarkSecret(envOf(c)),
    bookmarkPreviousSecret: envOf(c).BOOKMARK_PREVIOUS_SECRET || undefined,
    webhookSecretsKeys: webhookSecretsKeys(envOf(c)),
    allowLocalWebhooks: envOf(c).ALLOW_LOCAL_WEBHOOKS === "true",
  }),
  // After the commit, in the background: a lost send is found again by the cron.
  committed: (c) => {
    const queue = envOf(c).WEBHOOK_QUEUE;
    if (queue === undefined) return;
    c.executionCtx.waitUntil(queue.send({ kind: "drain" }).catch(() => undefined));
  },
  rateLimit: async (c, key) => limiter(envOf(c).RATE_LIMITER)(c, key),
  adminRateLimit: async (c, key) => limiter(envOf(c).ADMIN_RATE_LIMITER)(c, key),
  clientAddress: (c) => c.req.header("cf-connecting-ip") ?? "unknown",
  sessions: {
    current: (c) => envOf(c).session.getBookmark(),
    resume: (c, bookmark) => {
      const env = envOf(c);
      env.session = env.DB.withSession(bookmark);
      return sessionDatabase(c, env.session);
    },
  },
});

export default {
  fetch(request, env, ctx) {
    const session = env.DB.withSession("first-unconstrained");
    return app.fetch(request, { ...env, session } satisfies RequestEnv, ctx);
  },

  async queue(batch, env) {
    if (env.WEBHOOK_QUEUE === undefined) return;
    await consumeWebhookBatch(batch, { ...deliveryDeps(env), queue: env.WEBHOOK_QUEUE });
  },

  async scheduled(_controller, env) {
    const deps = deliveryDeps(env);
    if (env.WEBHOOK_QUEUE !== undefined) await reenqueueWebhooks({ ...deps, queue: env.WEBHOOK_QUEUE });
    await pruneWebhookHistory(deps.db, deps.now());
    await resealTick(deps.db, deps.secretsKeys);
  },
} satisfies ExportedHandler<Env, WebhookMessage>;

function deliveryDeps(env: Env) {
  return {
    db: drizzle(env.DB) as unknown as Db,
    render: renderEvent,
    fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init),
    now: () => Date.now(),
    secretsKeys: webhookSecretsKeys(env),
  };
}
