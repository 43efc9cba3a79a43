/**
 * The batch's inserts are the single POST's own statement (src/registrations/register.ts):
 * rendered once per isolate and filled per item, they must be exactly what rendering each item
 * would give.
 */
import { drizzle } from "drizzle-orm/d1";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as schema from "../../src/db/schema";
import type { Db } from "../../src/db/client";
import { claimHeld } from "../../src/idempotency/claim";
import { newId } from "../../src/lib/crypto";
import { registrationInsert, registrationInserts } from "../../src/registrations/register";
import { recordingD1 } from "../support/recording-d1";

describe("registrationInserts (the batch's per-item statements)", () => {
  it("renders each item exactly as registrationInsert does: without a key, with a key's claim, with another guard", () => {
    const db = drizzle(recordingD1().binding, { schema }) as unknown as Db;
    const organizationId = newId();
    const now = Date.now();
    const items = Array.from({ length: 3 }, () => ({ input: { userId: newId(), offeringId: newId() }, id: newId() }));
    const keyed = { key: "k", location: `/dc/api/v5/registrations/batch/${newId()}` };
    const targets = [
      {},
      { guard: claimHeld({ organizationId, ...keyed }), keyed },
      { guard: sql`EXISTS (SELECT 1 FROM ${schema.idempotencyKeys} WHERE ${schema.idempotencyKeys.key} = ${"k"})` },
    ];
    for (const target of targets) {
      const batch = registrationInserts(db, organizationId, items, now, target).map((statement) => statement.toSQL());
      const single = items.map(({ input, id }) => registrationInsert(db, organizationId, input, id, now, target.guard).toSQL());
      expect(batch).toEqual(single);
    }
  });
});
