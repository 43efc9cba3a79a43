/**
 * The database handle every domain operation takes. Only the entry files (src/worker.ts,
 * src/deno.ts) know what is behind it: D1 on Workers, a local SQLite file on Deno.
 */
import type { DrizzleD1Database } from "drizzle-orm/d1";
import type * as schema from "./schema";

export type Db = DrizzleD1Database<typeof schema>;
