/**
 * The Deno entry: the same app (createApp) over a local SQLite file, for `deno serve`.
 *
 *   deno serve --allow-read --allow-write --allow-env --allow-net --allow-ffi --allow-sys src/deno.ts
 *   (or `npm run start:deno [-- --port N]`: scripts/deno-start.mjs, flags in scripts/deno-serve-args.mjs)
 *
 * Environment:
 *   DB_PATH                  the SQLite file (default ./data/registrar.sqlite; its folder is created)
 *   ADMIN_TOKEN              the operator API's secret; unset: /admin/v1 answers 404
 *   TOKEN_CACHE_TTL_SECONDS  seconds a resolved token is trusted (default and maximum 60)
 *   BOOKMARK_SECRET          seals X-D1-Bookmark to the organization; unset: a random key per process
 *   BOOKMARK_PREVIOUS_SECRET the value it replaced: still opens the bookmarks clients send
 *   WEBHOOK_SECRETS_KEY      seals webhook signing secrets at rest; unset: stored as issued
 *   WEBHOOK_SECRETS_PREVIOUS_KEY  the key it replaced, while its values are sealed again
 *   ADMIN_AUTH_FAILURES_PER_MINUTE  failed operator authentications per client address (default 10)
 *   DEMO_DATA                `off` (or 0/false/no): never load scripts/demo-data.sql
 *   ALLOW_LOCAL_WEBHOOKS     `true`: webhooks may point at localhost (local development only)
 *
 * Webhooks: there are no Queues here; an in-process loop (src/webhooks/loop.ts) drains the same
 * outbox on the same schedule, woken after every write.
 *
 * At start it applies migrations/*.sql that have not run yet, in name order, recording each in a
 * `d1_migrations` ledger exactly like wrangler does on D1, and loads the demo data (API.md §9)
 * when the database has no organization yet.
 *
 * Driver: drizzle-orm/libsql over @libsql/client's local sqlite3 client. Its batch() runs
 * BEGIN … COMMIT synchronously on one connection (ROLLBACK on any error), so a batch is one
 * atomic step exactly as on D1. It is imported through the `/sqlite3` entries on purpose: under
 * Deno the bare `@libsql/client` may resolve to the web build, which rejects `file:` URLs.
 */
import { createClient, type Client } from "@libsql/client/sqlite3";
import { drizzle } from "drizzle-orm/libsql/sqlite3";
import { createApp } from "./app";
import { tokenCacheTtlMs } from "./auth/bearer-auth";
import type { Db } from "./db/client";
import { WindowCounter } from "./lib/window-counter";
import * as schema from "./db/schema";
import { renderEvent } from "./event-data";
import { startDeliveryLoop } from "./webhooks/loop";

const ROOT = new URL("../", import.meta.url);
const MIGRATIONS = new URL("migrations/", ROOT);
const DEMO_DATA = new URL("scripts/demo-data.sql", ROOT);
const PUBLIC = new URL("public/", ROOT);

/** Same table wrangler creates on D1 (`d1_migrations`), so both ledgers read alike. */
const LEDGER = `CREATE TABLE IF NOT EXISTS d1_migrations(
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  name       TEXT UNIQUE,
  applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
)`;

function log(message: string, fields: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ level: "info", message, ...fields }));
}

async function openDatabase(path: string): Promise<Client> {
  const folder = path.replace(/[^\\/]*$/, "");
  if (folder !== "") await Deno.mkdir(folder, { recursive: true });
  const client = createClient({
    url: `file:${path}`,
    // One connection: per-connection settings (foreign keys) then hold for every statement, and
    // nothing is lost, since the sqlite3 client runs each statement and batch synchronously.
    concurrency: 1,
  });
  // D1 enforces foreign keys: say so rather than rely on the driver's default.
  await client.execute("PRAGMA foreign_keys = ON");
  await client.execute("PRAGMA busy_timeout = 5000");
  return client;
}

/**
 * Runs a script of statements as one transaction. If a statement fails, the client rolls the
 * open transaction back when it takes the connection back, so nothing of the script remains.
 */
async function runScript(client: Client, sql: string): Promise<void> {
  await client.executeMultiple(`BEGIN IMMEDIATE;\n${sql}\n;\nCOMMIT;`);
}

/** Applies the migrations the ledger does not list yet, in name order, each with its ledger row. */
async function migrate(client: Client): Promise<void> {
  await client.execute(LEDGER);
  const applied = new Set((await client.execute("SELECT name FROM d1_migrations")).rows.map((row) => String(row.name)));
  const files: string[] = [];
  for await (const entry of Deno.readDir(MIGRATIONS)) {
    if (entry.isFile && entry.name.endsWith(".sql")) files.push(entry.name);
  }
  files.sort();
  for (const name of files) {
    if (applied.has(name)) continue;
    const sql = await Deno.readTextFile(new URL(name, MIGRATIONS));
    const ledgerRow = `INSERT INTO d1_migrations (name) VALUES ('${name.replaceAll("'", "''")}');`;
    try {
      await runScript(client, `${sql}\n;\n${ledgerRow}`);
    } catch (error) {
      throw new Error(`migration ${name} failed`, { cause: error });
    }
    log("migration applied", { migration: name });
  }
}

/** Loads the demo data (INSERT OR IGNORE) into a database that has no organization yet. */
async function loadDemoData(client: Client): Promise<void> {
  const off = ["off", "0", "false", "no"].includes((Deno.env.get("DEMO_DATA") ?? "").toLowerCase());
  if (off) return;
  const { rows } = await client.execute("SELECT EXISTS (SELECT 1 FROM organizations) AS used");
  if (Number(rows[0]?.used) !== 0) return;
  await runScript(client, await Deno.readTextFile(DEMO_DATA));
  log("demo data loaded");
}

const dbPath = Deno.env.get("DB_PATH") || "./data/registrar.sqlite";
const client = await openDatabase(dbPath);
await migrate(client);
await loadDemoData(client);
log("database ready", { path: dbPath });

// The app is typed against D1's Drizzle database. The libsql one is the same SQLite dialect and
// query builder (async mode, same batch()); the app only uses what both have, and never the
// D1-only result metadata, so the cast is sound for what the app does with it.
const db = drizzle(client, { schema }) as unknown as Db;

const settings = {
  adminToken: Deno.env.get("ADMIN_TOKEN") || undefined,
  tokenCacheTtlMs: tokenCacheTtlMs(Deno.env.get("TOKEN_CACHE_TTL_SECONDS")),
  bookmarkSecret: Deno.env.get("BOOKMARK_SECRET") || undefined,
  bookmarkPreviousSecret: Deno.env.get("BOOKMARK_PREVIOUS_SECRET") || undefined,
  webhookSecretsKeys: {
    current: Deno.env.get("WEBHOOK_SECRETS_KEY") || undefined,
    previous: Deno.env.get("WEBHOOK_SECRETS_PREVIOUS_KEY") || undefined,
  },
  allowLocalWebhooks: Deno.env.get("ALLOW_LOCAL_WEBHOOKS") === "true",
};

const deliveries = startDeliveryLoop(db, {
  render: renderEvent,
  fetch: (input, init) => fetch(input, init),
  now: () => Date.now(),
  secretsKeys: settings.webhookSecretsKeys,
});

/** Workers has a rate-limit binding for this; one process counts in memory. */
const adminFailures = new WindowCounter({
  limit: Number(Deno.env.get("ADMIN_AUTH_FAILURES_PER_MINUTE")) || 10,
  periodMs: 60_000,
});

/** What the entry hands the app besides the request: the connection's peer address. */
interface Connection {
  remoteAddress: string;
}

/**
 * `X-D1-Bookmark` (API.md §1): one database and no replica, so every read already sees every
 * committed write and there is no session to resume (no `sessions`): the app seals the empty
 * bookmark to the organization, and ignores any bookmark sent.
 */
const app = createApp({
  database: () => db,
  settings: () => settings,
  committed: () => deliveries.wake(),
  adminRateLimit: async (_c, key) => adminFailures.hit(key, Date.now()),
  // The peer of the connection: a header would be the client's to choose.
  clientAddress: (c) => (c.env as Connection).remoteAddress,
});

/** Media types of the files under public/ (the Swagger UI of /docs). */
const MEDIA_TYPES: Record<string, string> = {
  css: "text/css; charset=utf-8",
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  json: "application/json",
  png: "image/png",
  svg: "image/svg+xml",
  txt: "text/plain; charset=utf-8",
};

/**
 * A file under public/, as Workers serves it before the Worker (wrangler.toml [assets], with the
 * headers of public/_headers), or null for every other request.
 */
async function staticAsset(request: Request): Promise<Response | null> {
  if (request.method !== "GET" && request.method !== "HEAD") return null;
  const { pathname } = new URL(request.url);
  if (/^\/(dc\/api|api|admin)\//.test(pathname) || pathname.includes("/_")) return null;
  const file = new URL(`.${pathname}`, PUBLIC);
  if (!file.href.startsWith(PUBLIC.href) || file.href === PUBLIC.href) return null;
  let body: Uint8Array<ArrayBuffer>;
  try {
    if (!(await Deno.stat(file)).isFile) return null;
    body = await Deno.readFile(file);
  } catch {
    return null;
  }
  const type = MEDIA_TYPES[file.pathname.split(".").pop() ?? ""] ?? "application/octet-stream";
  return new Response(request.method === "HEAD" ? null : body, {
    headers: {
      "Content-Type": type,
      "Content-Length": String(body.byteLength),
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      "X-Frame-Options": "DENY",
    },
  });
}

export default {
  async fetch(request: Request, info: Deno.ServeHandlerInfo): Promise<Response> {
    const asset = await staticAsset(request);
    if (asset !== null) return asset;
    const address = info.remoteAddr as Deno.NetAddr;
    return app.fetch(request, { remoteAddress: address.hostname ?? "unknown" } satisfies Connection);
  },
} satisfies Deno.ServeDefaultExport;
