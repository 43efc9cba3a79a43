/**
 * The database under the Worker, read directly (project "workers" only: the Deno server's
 * SQLite file belongs to another process). Imported dynamically by ./table-snapshot.ts, so the
 * Deno project never loads `cloudflare:workers`.
 */
import { env } from "cloudflare:workers";

export const database: D1Database = env.DB;
