/**
 * PUT /users/<id>/userfieldvalues (API.md §7a) as one batch: the checks, the clears and the
 * writes together. Every write statement requires that the user is live and that every entry
 * fits, so on any error nothing is stored, and the checks' own rows explain which entries fail.
 */
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { isOneOf } from "../db/json-list";
import { liveUserfield } from "../db/live-userfields";
import { organizations, userfields, userfieldValues } from "../db/schema";
import { liveUserExists } from "../db/live";
import { documentEventSource, outboxEvent } from "../db/outbox";
import { MESSAGES } from "../http/errors";
import { fittingStored } from "./fit-sql";
import { interpret, type Candidate } from "./value-rules";

export type PutValuesResult =
  | { ok: true }
  | { ok: false; notFound: true }
  | { ok: false; notFound: false; fieldErrors: Record<string, string> };


export async function putUserfieldValues(
  db: Db,
  organizationId: string,
  userId: string,
  entries: Record<string, unknown>,
  now: number,
): Promise<PutValuesResult> {
  // Keys are data: objects keyed by them are built with Object.fromEntries, never by assignment,
  // which would turn a "__proto__" key into a prototype instead of an entry.
  const ids = Object.keys(entries);
  const clears: string[] = [];
  const sets: [string, Candidate[]][] = [];
  for (const id of ids) {
    const interpretation = interpret(entries[id]);
    if (interpretation.clear) clears.push(id);
    else sets.push([id, interpretation.candidates]);
  }
  const setIds = sets.map(([key]) => key);
  const candidates = JSON.stringify(Object.fromEntries(sets));
  const id = sql`${sql.identifier("userfields")}.${sql.identifier("id")}`;

  const userLive = liveUserExists(organizationId, userId);
  const fits = sql`(${isOneOf(id, clears)} OR ${fittingStored(candidates)} IS NOT NULL)`;
  const allFit = sql`(SELECT count(*) FROM ${userfields} WHERE ${and(liveUserfield(organizationId), isOneOf(id, ids), fits)}) = ${ids.length}`;
  const write = and(userLive, allFit) as SQL;

  const userCheck = db
    .select({ userExists: sql<number>`${userLive}`.as("user_exists") })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (ids.length === 0) {
    const [row] = await userCheck;
    return row?.userExists ? { ok: true } : { ok: false, notFound: true };
  }
  const fieldCheck = db
    .select({ id: userfields.id, name: userfields.name, fits: sql<number>`${fits}`.as("fits") })
    .from(userfields)
    .where(and(liveUserfield(organizationId), isOneOf(id, ids)));
  const clear = db
    .delete(userfieldValues)
    .where(and(eq(userfieldValues.userId, userId), isOneOf(userfieldValues.userfieldId, clears), write));
  const upsert = db
    .insert(userfieldValues)
    .select(
      db
        .select({
          userId: sql<string>`${userId}`.as("user_id"),
          userfieldId: userfields.id,
          value: sql<string>`${fittingStored(candidates)}`.as("value"),
        })
        .from(userfields)
        .where(and(liveUserfield(organizationId), isOneOf(id, setIds), write)) as never,
    )
    .onConflictDoUpdate({
      target: [userfieldValues.userId, userfieldValues.userfieldId],
      set: { value: sql`excluded.value` },
    });

  // After the writes, under the same condition: the user's values as GET returns them.
  const valuesNow = sql`(SELECT json_group_object(${userfieldValues.userfieldId}, json(${userfieldValues.value}))
    FROM ${userfieldValues} INNER JOIN ${userfields} ON ${and(eq(userfields.id, userfieldValues.userfieldId), liveUserfield(organizationId))}
    WHERE ${eq(userfieldValues.userId, userId)})`;
  const event = outboxEvent(
    db,
    { organizationId, type: "userfieldvalues.updated", now },
    documentEventSource(db, organizationId, sql`json_object('userId', ${userId}, 'values', json(${valuesNow}))`, write),
  );

  const [[user], found] = await db.batch([userCheck, fieldCheck, clear, upsert, event]);
  if (!user?.userExists) return { ok: false, notFound: true };
  const byId = new Map(found.map((row) => [row.id, row]));
  const failing: [string, string][] = [];
  for (const key of ids) {
    const field = byId.get(key);
    if (field === undefined) failing.push([key, MESSAGES.unknownUserfield]);
    else if (!field.fits) failing.push([key, `Invalid value for ${field.name}`]);
  }
  return failing.length === 0 ? { ok: true } : { ok: false, notFound: false, fieldErrors: Object.fromEntries(failing) };
}
