/**
 * The CPU of building one POST /registrations batch (registerPlan, then the SQL text and
 * parameters the driver sends), per request, three ways: without a key (rendered once per
 * isolate), with a key (rendered once per isolate), with a key rendered afresh (the claim's
 * condition as an opaque guard: what every keyed request cost before it joined the template).
 *
 *   npx deno run -A bench/render.ts [--requests 20000]
 *
 * Plain CPU of the isolate's JavaScript, no database call: Deno's V8, close to the Worker's.
 */
import { drizzle } from "drizzle-orm/libsql/sqlite3";
import { createClient } from "@libsql/client/sqlite3";
import type { Db } from "../src/db/client.ts";
import * as schema from "../src/db/schema.ts";
import { IdempotencyClaim } from "../src/idempotency/claim.ts";
import { newId } from "../src/lib/crypto.ts";
import { registerPlan } from "../src/registrations/register.ts";

const at = Deno.args.indexOf("--requests");
const requests = at === -1 ? 20_000 : Number(Deno.args[at + 1]);
const db = drizzle(createClient({ url: "file::memory:" }), { schema }) as unknown as Db;
const organizationId = newId();

type Way = "unkeyed" | "keyed" | "keyed afresh";

function build(way: Way): number {
  const id = newId();
  const now = Date.now();
  const input = { userId: newId(), offeringId: newId() };
  const key = `key-${id}`;
  const location = `/dc/api/v5/registrations/${id}`;
  const claim = way === "unkeyed" ? undefined : new IdempotencyClaim({ organizationId, key, location, now, requestHash: "0".repeat(64) });
  const target = claim === undefined ? { id } : way === "keyed" ? { id, guard: claim.condition, keyed: { key, location } } : { id, guard: claim.condition };
  const plan = registerPlan(db, organizationId, input, now, target);
  let length = 0;
  for (const statement of plan.statements) length += (statement as unknown as { toSQL(): { sql: string } }).toSQL().sql.length;
  return length;
}

for (const way of ["unkeyed", "keyed", "keyed afresh"] as const) {
  for (let i = 0; i < 2_000; i++) build(way); // warm-up: the template renders, V8 optimises
  const started = performance.now();
  for (let i = 0; i < requests; i++) build(way);
  const perRequest = ((performance.now() - started) / requests) * 1000;
  console.log(`${way.padEnd(13)} ${perRequest.toFixed(1)} µs per request (${requests} requests)`);
}
