/**
 * The `deno serve` entry of the test run (test/support/deno-server.ts starts it): the real Deno
 * entry, src/deno.ts, with two additions that exist only here, never in `npm run start:deno`:
 *
 * - `POST /__fixtures/sql`, for the test fixtures only, and only with the run's random
 *   FIXTURE_SQL_SECRET: runs one statement on the database file and returns its rows. It is the
 *   Deno counterpart of the Workers tests' direct D1 access (test/support/transport.deno.ts),
 *   for rows the API cannot write (chosen ids and times). The app itself is not involved.
 * - The server exits when its stdin closes, i.e. when the test runner that started it is gone,
 *   however it went (teardown, crash, Ctrl-C, kill -9).
 */
import { createClient } from "@libsql/client/sqlite3";
import server from "../src/deno.ts";

const SECRET = Deno.env.get("FIXTURE_SQL_SECRET") ?? "";
if (SECRET.length < 32) throw new Error("FIXTURE_SQL_SECRET (at least 32 characters) is required");
const client = createClient({ url: `file:${Deno.env.get("DB_PATH")}`, concurrency: 1 });

interface Query {
  sql: string;
  params: unknown[];
  method: "run" | "all" | "values" | "get";
}

/** The answer drizzle's sqlite-proxy driver expects: rows as arrays, one row for `get`. */
async function runQuery({ sql, params, method }: Query): Promise<{ rows: unknown[] | undefined }> {
  const result = await client.execute({ sql, args: params as never[] });
  const rows = result.rows.map((row) => Array.from(row));
  // (JSON drops an undefined `rows`: no row for `get`.)
  return { rows: method === "get" ? (rows[0] as unknown[]) : rows };
}

(async () => {
  const reader = Deno.stdin.readable.getReader();
  while (!(await reader.read()).done) {
    // nothing is ever sent; only the end matters
  }
  Deno.exit(0);
})();

export default {
  async fetch(request: Request, info: Deno.ServeHandlerInfo): Promise<Response> {
    if (new URL(request.url).pathname !== "/__fixtures/sql") return server.fetch(request, info);
    if (request.method !== "POST" || request.headers.get("Authorization") !== `Bearer ${SECRET}`) {
      return new Response(null, { status: 404 });
    }
    try {
      return Response.json(await runQuery((await request.json()) as Query));
    } catch (error) {
      return Response.json({ error: error instanceof Error ? error.message : String(error) }, { status: 500 });
    }
  },
} satisfies Deno.ServeDefaultExport;
