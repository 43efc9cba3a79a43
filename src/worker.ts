/**
 * The Cloudflare Workers entry: the app over the D1 binding `DB`; the webhook queue's consumer
 * and the cron that re-enqueues the outbox (src/webhooks/consumer.ts).
 */
import { drizzle } from "drizzle-orm/d1";
import type { Context } from "hono";
import { createApp } from "./app";
import type { Db } from "./db/client";
import { retryingReads } from "./db/read-retry";
import { withHeader } from "./http/response-headers";
import { tokenCacheTtlMs } from "./auth/organization-of-token";
import { renderEvent } from "./event-data";
import { consumeWebhookBatch, reenqueueWebhooks, type WebhookMessage } from "./webhooks/consumer";

export interface Env {
  DB: D1Database;
  /** Secret; `.dev.vars` locally. Without it the operator API does not exist. */
  ADMIN_TOKEN?: string;
  /** Seconds a resolved token is trusted per isolate (default and maximum 60). */
  TOKEN_CACHE_TTL_SECONDS?: string;
  /** `[[ratelimits]]` in wrangler.toml; without it, no rate limit. */
  RATE_LIMITER?: RateLimit;
  /** `[[queues.producers]]`: carries webhook deliveries. Without it, only the cron sends. */
  WEBHOOK_QUEUE?: Queue<WebhookMessage>;
  /** `true` only in `.dev.vars`: webhooks may point at localhost (never in production). */
  ALLOW_LOCAL_WEBHOOKS?: string;
}

/** What the app sees as its environment: the bindings plus this request's D1 session. */
interface RequestEnv extends Env {
  session: D1DatabaseSession;
}

/** D1 bookmarks are hex groups joined by dashes; anything else is ignored rather than sent to D1. */
const BOOKMARK = /^[0-9a-f-]{1,128}$/i;

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

const app = createApp({
  database: (c) => database(readOnly(c) ? retryingReads(envOf(c).session) : envOf(c).session),
  settings: (c) => ({
    adminToken: envOf(c).ADMIN_TOKEN || undefined,
    tokenCacheTtlMs: tokenCacheTtlMs(envOf(c).TOKEN_CACHE_TTL_SECONDS),
    allowLocalWebhooks: envOf(c).ALLOW_LOCAL_WEBHOOKS === "true",
  }),
  // After the commit, in the background: a lost send is found again by the cron.
  committed: (c) => {
    const queue = envOf(c).WEBHOOK_QUEUE;
    if (queue === undefined) return;
    c.executionCtx.waitUntil(queue.send({ kind: "drain" }).catch(() => undefined));
  },
  rateLimit: async (c, key) => {
    const limiter = envOf(c).RATE_LIMITER;
    return limiter === undefined || (await limiter.limit({ key })).success;
  },
});

/**
 * Every request runs in a D1 session (read replication): reads may come from the nearest
 * replica, unless the client sends the bookmark of an earlier response, which makes them at
 * least that fresh (read-your-writes). Writes always go to the primary. The response carries
 * the session's bookmark in `X-D1-Bookmark`.
 */
export default {
  async fetch(request, env, ctx) {
    const sent = request.headers.get("X-D1-Bookmark");
    const bookmark = sent !== null && BOOKMARK.test(sent) ? sent : null;
    const session = env.DB.withSession(bookmark ?? "first-unconstrained");
    const response = await app.fetch(request, { ...env, session } satisfies RequestEnv, ctx);
    const latest = session.getBookmark() ?? bookmark;
    if (latest === null) return response;
    return withHeader(response, "X-D1-Bookmark", latest);
  },

  async queue(batch, env) {
    if (env.WEBHOOK_QUEUE === undefined) return;
    await consumeWebhookBatch(batch, { ...deliveryDeps(env), queue: env.WEBHOOK_QUEUE });
  },

  async scheduled(_controller, env) {
    if (env.WEBHOOK_QUEUE === undefined) return;
    await reenqueueWebhooks({ ...deliveryDeps(env), queue: env.WEBHOOK_QUEUE });
  },
} satisfies ExportedHandler<Env, WebhookMessage>;

function deliveryDeps(env: Env) {
  return {
    db: drizzle(env.DB) as unknown as Db,
    render: renderEvent,
    fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init),
    now: () => Date.now(),
  };
}
