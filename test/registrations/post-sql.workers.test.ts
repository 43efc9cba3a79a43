/**
 * POST /registrations renders its statements once per isolate (src/db/sql-template.ts), with and
 * without an Idempotency-Key. A template is only sound when it gives, for any request, exactly
 * the statements the fragments give rendered afresh: these tests compare the two, text and
 * parameters, for two different requests each.
 */
import { env } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client";
import * as schema from "../../src/db/schema";
import { IdempotencyClaim } from "../../src/idempotency/claim";
import { newId } from "../../src/lib/crypto";
import { registerPlan } from "../../src/registrations/register";

const db = drizzle(env.DB, { schema }) as unknown as Db;

/** Every statement of the plan is a query builder; the batch item type does not say so. */
type Rendered = { sql: string; params: unknown[] };
function rendered(plan: ReturnType<typeof registerPlan>): Rendered[] {
  return plan.statements.map((statement) => (statement as unknown as { toSQL(): Rendered }).toSQL());
}

function request(n: number) {
  const organizationId = newId();
  const id = newId();
  return {
    organizationId,
    input: { userId: newId(), offeringId: newId() },
    now: 1_767_225_600_123 + n * 86_400_000,
    id,
    key: `key-${n}`,
    location: `/dc/api/v5/registrations/${id}`,
  };
}

describe("POST /registrations statements", () => {
  it("are the same keyed, from the template, as the claim's own condition rendered afresh", () => {
    for (const n of [1, 2]) {
      const r = request(n);
      const claim = new IdempotencyClaim({ organizationId: r.organizationId, key: r.key, location: r.location, now: r.now, requestHash: "0".repeat(64) });
      const fromTemplate = registerPlan(db, r.organizationId, r.input, r.now, { id: r.id, guard: claim.condition, keyed: { key: r.key, location: r.location } });
      const afresh = registerPlan(db, r.organizationId, r.input, r.now, { id: r.id, guard: claim.condition });
      expect(rendered(fromTemplate)).toEqual(rendered(afresh));
      expect(rendered(fromTemplate)[0]?.params).toEqual(expect.arrayContaining([r.organizationId, r.input.userId, r.input.offeringId, r.id, r.key, r.location]));
    }
  });

  it("carry each request's own values without a key", () => {
    const [a, b] = [request(1), request(2)].map((r) => rendered(registerPlan(db, r.organizationId, r.input, r.now, { id: r.id })));
    expect(a?.map((s) => s.sql)).toEqual(b?.map((s) => s.sql));
    const r = request(3);
    const [insert] = rendered(registerPlan(db, r.organizationId, r.input, r.now, { id: r.id }));
    expect(insert?.params).toEqual(expect.arrayContaining([r.organizationId, r.input.userId, r.input.offeringId, r.id, r.now]));
  });
});
