/**
 * Test data, written through the HTTP API wherever the API can write it, so that fixtures
 * exercise the same paths as clients on every runtime: organizations through the operator API,
 * users through POST /users (+ DELETE for `deletedAt`), offerings through POST /offerings
 * (+ DELETE), registrations through POST /registrations, then PUT grade or status to reach
 * `passed`, `failed` or `ejected`.
 *
 * The helpers keep the signatures of the first, direct-to-D1 fixtures: they take column values
 * (epoch milliseconds, JSON tag text). A row the API cannot produce (a chosen id, a creation or
 * end time other than now, learner activity times, a password hash, a combination the API
 * refuses such as a registration in a closed offering) is written straight into the server's
 * database instead (transport.directDb): D1 itself on Workers, the test server's fixture
 * statement endpoint on Deno (scripts/deno-test-server.ts).
 *
 * Every test makes its own organization, so tests never see each other's rows.
 */
import { eq } from "drizzle-orm";
import { newId } from "../../src/lib/crypto";
import * as schema from "../../src/db/schema";
import { call } from "./http";
import { directDb, RUNTIME, type DirectDb } from "./transport";

export const ADMIN_TOKEN = "test-admin-token";

/** A further token of an organization, through the operator API. */
export async function issueToken(organizationId: string): Promise<{ id: string; token: string }> {
  const response = await call("POST", `/admin/v1/organizations/${organizationId}/tokens`, { token: ADMIN_TOKEN, json: {} });
  if (response.status !== 201) throw new Error(`fixture issueToken: POST …/tokens answered ${response.status}`);
  return (await response.json()) as { id: string; token: string };
}

/** Revokes a token through the operator API. */
export async function revoke(tokenId: string): Promise<void> {
  const response = await call("DELETE", `/admin/v1/tokens/${tokenId}`, { token: ADMIN_TOKEN });
  if (response.status !== 204) throw new Error(`fixture revoke: DELETE /admin/v1/tokens/<id> answered ${response.status}`);
}

export interface TestOrganization {
  id: string;
  token: string;
}

type UserRow = typeof schema.users.$inferInsert;
type OfferingRow = typeof schema.offerings.$inferInsert;
type RegistrationRow = typeof schema.registrations.$inferInsert;

/** A time the server would also have written as "now" (the two clocks are the same machine's). */
const NOW_TOLERANCE_MS = 5_000;

function isNow(ms: number | null | undefined): boolean {
  return typeof ms === "number" && Math.abs(ms - Date.now()) <= NOW_TOLERANCE_MS;
}

/** A fresh organization with one token, made through the operator API. */
export async function newOrganization(name = "Test Org"): Promise<TestOrganization> {
  const response = await call("POST", "/admin/v1/organizations", { token: ADMIN_TOKEN, json: { name } });
  if (response.status !== 201) throw new Error(`organization not created: ${response.status}`);
  const body = (await response.json()) as { id: string; token: string };
  return { id: body.id, token: body.token };
}

/**
 * The fixtures' own token of an organization, minted once through the operator API, so that
 * fixtures keep working whatever a test does with the organization's first token.
 */
const fixtureTokens = new Map<string, Promise<string>>();

function fixtureToken(organizationId: string): Promise<string> {
  let token = fixtureTokens.get(organizationId);
  if (token === undefined) {
    token = (async () => {
      const response = await call("POST", `/admin/v1/organizations/${organizationId}/tokens`, {
        token: ADMIN_TOKEN,
        json: { name: "fixtures" },
      });
      if (response.status !== 201) throw new Error(`fixture token not created for ${organizationId}: ${response.status}`);
      return ((await response.json()) as { token: string }).token;
    })();
    fixtureTokens.set(organizationId, token);
    token.catch(() => fixtureTokens.delete(organizationId));
  }
  return token;
}

/** Calls the resource API as the organization; resolves to the response's status and body. */
async function api(organizationId: string, method: string, path: string, json?: unknown) {
  const response = await call(method, `/dc/api/v5${path}`, { token: await fixtureToken(organizationId), json });
  const text = await response.text();
  return {
    status: response.status,
    location: response.headers.get("Location"),
    errorCode: response.headers.get("X-Error-Code"),
    body: text === "" ? null : (JSON.parse(text) as Record<string, unknown>),
  };
}

function createdId(location: string | null): string {
  const id = location?.split("/").pop();
  if (!id) throw new Error("201 without a Location");
  return id;
}

/** The database for a row the API cannot write, or a clear failure where there is none. */
function direct(what: string, why: string): DirectDb {
  if (directDb !== null) return directDb;
  throw new Error(
    `fixture ${what}: ${why}; the API cannot write that and the ${RUNTIME} server's database is not ` +
      "reachable from the tests. Mark this test `workersOnly` (test/support/runtime.ts).",
  );
}

/** A date column as the API takes it: ISO-8601, or null. */
function iso(ms: number | null | undefined): string | null | undefined {
  return ms === undefined || ms === null ? ms : new Date(ms).toISOString();
}

function tagList(tags: string | undefined): string[] | undefined {
  return tags === undefined ? undefined : (JSON.parse(tags) as string[]);
}

// ---------------------------------------------------------------------------------------------
// Users

/** Why a user row cannot come from POST /users, or null when it can. */
function userNeedsDirect(fields: Partial<UserRow>): string | null {
  if (fields.id !== undefined) return "a chosen id";
  if (fields.createdAt !== undefined && !isNow(fields.createdAt)) return "a chosen createdAt";
  if (fields.lastLoginAt !== undefined && fields.lastLoginAt !== null) return "a lastLoginAt";
  if (fields.passwordHash !== undefined && fields.passwordHash !== null) return "a password hash";
  if (fields.emailKey !== undefined && fields.emailKey !== fields.email?.toLowerCase()) return "a chosen emailKey";
  if (fields.usernameKey !== undefined && fields.usernameKey !== (fields.username ?? fields.email)?.toLowerCase()) {
    return "a chosen usernameKey";
  }
  return null;
}

async function writeUser(organizationId: string, fields: Partial<UserRow>, why: string): Promise<string> {
  const db = direct("insertUser", why);
  const id = fields.id ?? newId();
  const email = fields.email ?? `${id}@example.test`;
  const username = fields.username ?? email;
  await db.insert(schema.users).values({
    firstName: "Ada",
    lastName: "Lovelace",
    createdAt: Date.now(),
    ...fields,
    id,
    organizationId,
    email,
    username,
    emailKey: email.toLowerCase(),
    usernameKey: username.toLowerCase(),
  });
  return id;
}

export async function insertUser(organizationId: string, fields: Partial<UserRow> = {}): Promise<string> {
  const why = userNeedsDirect(fields);
  if (why !== null) return writeUser(organizationId, fields, why);
  const created = await api(organizationId, "POST", "/users", {
    firstName: fields.firstName ?? "Ada",
    lastName: fields.lastName ?? "Lovelace",
    email: fields.email ?? `${newId()}@example.test`,
    username: fields.username,
    locale: fields.locale,
    tags: tagList(fields.tags),
  });
  if (created.status !== 201) {
    return writeUser(organizationId, fields, `POST /users answered ${created.status} ${JSON.stringify(created.body)}`);
  }
  const id = createdId(created.location);
  if (fields.deletedAt !== undefined && fields.deletedAt !== null) {
    const deleted = await api(organizationId, "DELETE", `/users/${id}`);
    if (deleted.status !== 204) throw new Error(`fixture insertUser: DELETE /users answered ${deleted.status}`);
  }
  return id;
}

// ---------------------------------------------------------------------------------------------
// Offerings

function offeringNeedsDirect(fields: Partial<OfferingRow>): string | null {
  if (fields.id !== undefined) return "a chosen id";
  if (fields.createdAt !== undefined && !isNow(fields.createdAt)) return "a chosen createdAt";
  return null;
}

async function writeOffering(organizationId: string, fields: Partial<OfferingRow>, why: string): Promise<string> {
  const db = direct("insertOffering", why);
  const id = fields.id ?? newId();
  await db.insert(schema.offerings).values({ title: "Course", createdAt: Date.now(), ...fields, id, organizationId });
  return id;
}

export async function insertOffering(organizationId: string, fields: Partial<OfferingRow> = {}): Promise<string> {
  const why = offeringNeedsDirect(fields);
  if (why !== null) return writeOffering(organizationId, fields, why);
  const created = await api(organizationId, "POST", "/offerings", {
    title: fields.title ?? "Course",
    summary: fields.summary,
    thumbnailId: fields.thumbnailId,
    catalogDescription: fields.catalogDescription,
    dashboardDescription: fields.dashboardDescription,
    deliveryDescription: fields.deliveryDescription,
    price: fields.price,
    tags: tagList(fields.tags),
    orderIndex: fields.orderIndex,
    beginDate: iso(fields.beginDate),
    endDate: iso(fields.endDate),
    registrationBeginDate: iso(fields.registrationBeginDate),
    registrationEndDate: iso(fields.registrationEndDate),
    allowRetake: fields.allowRetake,
    passingGrade: fields.passingGrade,
    seatLimit: fields.seatLimit,
  });
  if (created.status !== 201) {
    return writeOffering(organizationId, fields, `POST /offerings answered ${created.status} ${JSON.stringify(created.body)}`);
  }
  const id = createdId(created.location);
  if (fields.deletedAt !== undefined && fields.deletedAt !== null) {
    const deleted = await api(organizationId, "DELETE", `/offerings/${id}`);
    if (deleted.status !== 204) throw new Error(`fixture insertOffering: DELETE /offerings answered ${deleted.status}`);
  }
  return id;
}

// ---------------------------------------------------------------------------------------------
// Registrations

type RegistrationFields = Pick<RegistrationRow, "userId" | "offeringId"> & Partial<RegistrationRow>;

function registrationNeedsDirect(fields: RegistrationFields): string | null {
  const status = fields.status ?? "active";
  if (fields.id !== undefined) return "a chosen id";
  if (fields.createdAt !== undefined && !isNow(fields.createdAt)) return "a chosen createdAt";
  if (fields.beginAt != null || fields.lastActiveAt != null) return "learner activity times";
  if (status === "active") {
    if (fields.endAt != null) return "an active registration with an endAt";
    if (fields.grade != null || fields.graderId != null || fields.graderComment != null) return "an active registration with a grade";
    return null;
  }
  // Grading and ejection set endDate to now: only a row that ends now can come from the API.
  if (!isNow(fields.endAt)) return `a ${status} registration with ${fields.endAt == null ? "no" : "a chosen"} endAt`;
  if (status === "ejected" && (fields.grade != null || fields.graderId != null || fields.graderComment != null)) {
    return "an ejected registration with a grade";
  }
  return null;
}

async function writeRegistration(organizationId: string, fields: RegistrationFields, why: string): Promise<string> {
  const db = direct("insertRegistration", why);
  const id = fields.id ?? newId();
  await db.insert(schema.registrations).values({ status: "active", createdAt: Date.now(), ...fields, id, organizationId });
  return id;
}

export async function insertRegistration(organizationId: string, fields: RegistrationFields): Promise<string> {
  const why = registrationNeedsDirect(fields);
  if (why !== null) return writeRegistration(organizationId, fields, why);
  const created = await api(organizationId, "POST", "/registrations", { userId: fields.userId, offeringId: fields.offeringId });
  if (created.status !== 201) {
    const refusal = `POST /registrations answered ${created.status} ${created.errorCode ?? ""} ${JSON.stringify(created.body)}`;
    return writeRegistration(organizationId, fields, refusal);
  }
  const id = createdId(created.location);
  const status = fields.status ?? "active";
  if (status === "active") return id;

  const update =
    status === "ejected"
      ? { status: "ejected" }
      : {
          grade: fields.grade ?? (status === "passed" ? 100 : 0),
          graderId: fields.graderId ?? undefined,
          graderComment: fields.graderComment ?? undefined,
        };
  const updated = await api(organizationId, "PUT", `/registrations/${id}`, update);
  if (updated.status !== 204) {
    throw new Error(`fixture insertRegistration: PUT ${JSON.stringify(update)} answered ${updated.status} ${JSON.stringify(updated.body)}`);
  }
  // The offering's passingGrade decides passed or failed; a grade on the wrong side of it is
  // a row the API cannot make: correct it directly where that is possible.
  const read = await api(organizationId, "GET", `/registrations/${id}`);
  if (read.body?.status !== status) {
    const db = direct("insertRegistration", `grade ${String(fields.grade)} makes the registration ${String(read.body?.status)}, not ${status}`);
    await db.update(schema.registrations).set({ status }).where(eq(schema.registrations.id, id));
  }
  return id;
}
