/**
 * The walk of one request: which files under src/ run code for it (issue 11's "walk of POST
 * /registrations with a key"). Not a benchmark of time; it counts files.
 *
 *   npx deno run -A bench/walk.ts            # a keyed POST /dc/api/v5/registrations (201)
 *   npx deno run -A bench/walk.ts --warm     # the same after one other keyed POST (caches filled)
 *   npx deno run -A bench/walk.ts --functions   # and, per file, the functions that ran
 *
 * How: the app (createApp, as src/deno.ts builds it, without the delivery loop) over an in-memory
 * SQLite database with the migrations and the demo data. The script runs itself twice under V8
 * coverage (`deno run --coverage`): once up to the request and once with it. A file is on the walk
 * when a function of it ran more times in the second run: module loading is the same in both, so
 * only what the request executed is left.
 */
import { createClient } from "@libsql/client/sqlite3";
import { drizzle } from "drizzle-orm/libsql/sqlite3";
import { createApp } from "../src/app.ts";
import type { Db } from "../src/db/client.ts";
import * as schema from "../src/db/schema.ts";

const ROOT = new URL("../", import.meta.url);
const DEMO_USER = "6629aeada89133acedfad6d7d110123d";
const SECOND_USER = "walk-second-user";

interface V8Function {
  functionName: string;
  ranges: { startOffset: number; endOffset: number; count: number }[];
}
interface V8Script {
  url: string;
  functions: V8Function[];
}

/** One run's call counts, per src/ file and function (name and offset). */
async function counts(dir: string): Promise<Map<string, Map<string, number>>> {
  const files = new Map<string, Map<string, number>>();
  for await (const entry of Deno.readDir(dir)) {
    const script = JSON.parse(await Deno.readTextFile(`${dir}/${entry.name}`)) as V8Script;
    const src = new URL("src/", ROOT).href;
    if (!script.url.startsWith(src)) continue;
    const perFunction = new Map<string, number>();
    for (const fn of script.functions) {
      const [whole] = fn.ranges;
      if (whole) perFunction.set(`${fn.functionName}@${whole.startOffset}`, whole.count);
    }
    files.set(script.url.slice(src.length), perFunction);
  }
  return files;
}

async function child(withRequest: boolean, warm: boolean, coverage: string): Promise<void> {
  const args = ["run", "-A", `--coverage=${coverage}`, new URL(import.meta.url).pathname, "--child"];
  if (withRequest) args.push("--request");
  if (warm) args.push("--warm");
  const { code, stderr } = await new Deno.Command(Deno.execPath(), { args, stdout: "null", stderr: "piped" }).output();
  if (code !== 0) throw new Error(`child failed: ${new TextDecoder().decode(stderr)}`);
}

async function app() {
  const client = createClient({ url: "file::memory:", concurrency: 1 });
  await client.execute("PRAGMA foreign_keys = ON");
  const migrations = [...Deno.readDirSync(new URL("migrations/", ROOT))].map((e) => e.name).filter((n) => n.endsWith(".sql")).sort();
  for (const name of migrations) await client.executeMultiple(await Deno.readTextFile(new URL(`migrations/${name}`, ROOT)));
  await client.executeMultiple(await Deno.readTextFile(new URL("scripts/demo-data.sql", ROOT)));
  // A second user, so that the warm run's first POST does not take the measured request's seat.
  await client.execute({
    sql: `INSERT INTO users (id, organization_id, first_name, last_name, username, email, username_key, email_key, locale, tags, created_at)
          SELECT ?, organization_id, 'Second', 'User', 'second', 'second@example.com', 'second', 'second@example.com', locale, '[]', created_at FROM users WHERE id = ?`,
    args: [SECOND_USER, DEMO_USER],
  });
  const offering = (await client.execute("SELECT id FROM offerings WHERE deleted_at IS NULL ORDER BY order_index LIMIT 1")).rows[0]?.id;
  const db = drizzle(client, { schema }) as unknown as Db;
  const settings = { adminToken: undefined, tokenCacheTtlMs: 60_000, bookmarkSecret: "walk-bookmark-secret-walk-bookmark", allowLocalWebhooks: false };
  return { app: createApp({ database: () => db, settings: () => settings }), offering: String(offering) };
}

async function post(fetcher: ReturnType<typeof createApp>, userId: string, offeringId: string, key: string): Promise<number> {
  const response = await fetcher.fetch(
    new Request("http://registrar.test/dc/api/v5/registrations", {
      method: "POST",
      headers: { Authorization: "Bearer demo-token", "Content-Type": "application/json", "Idempotency-Key": key },
      body: JSON.stringify({ userId, offeringId }),
    }),
  );
  await response.arrayBuffer();
  return response.status;
}

if (Deno.args.includes("--child")) {
  const { app: fetcher, offering } = await app();
  if (Deno.args.includes("--warm")) await post(fetcher, SECOND_USER, offering, "walk-warm-up");
  if (Deno.args.includes("--request")) {
    const status = await post(fetcher, DEMO_USER, offering, "walk-measured");
    if (status !== 201) throw new Error(`expected 201, got ${status}`);
  }
} else {
  const warm = Deno.args.includes("--warm");
  const base = await Deno.makeTempDir();
  await child(false, warm, `${base}/without`);
  await child(true, warm, `${base}/with`);
  const before = await counts(`${base}/without`);
  const after = await counts(`${base}/with`);
  const ran = (file: string, fns: Map<string, number>) =>
    [...fns].filter(([fn, count]) => count > (before.get(file)?.get(fn) ?? 0)).map(([fn]) => fn.slice(0, fn.lastIndexOf("@")) || "(anonymous)");
  const walked = [...after]
    .filter(([file, fns]) => ran(file, fns).length > 0)
    .map(([file]) => file)
    .sort();
  const folders = new Set(walked.map((file) => (file.includes("/") ? file.slice(0, file.indexOf("/")) : ".")));
  console.log(`POST /dc/api/v5/registrations with Idempotency-Key (${warm ? "warm" : "first request"}):`);
  console.log(`${walked.length} files in ${folders.size} folders under src/`);
  const functions = Deno.args.includes("--functions");
  for (const file of walked) {
    console.log(`  ${file}${functions ? `: ${[...new Set(ran(file, after.get(file) ?? new Map()))].join(", ")}` : ""}`);
  }
  await Deno.remove(base, { recursive: true });
}
