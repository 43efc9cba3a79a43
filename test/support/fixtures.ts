/**
 * Test data. Organizations come through the operator API; users, offerings and registrations are
 * written straight into the real D1 until their API exists (then these helpers switch to it).
 * Every test makes its own organization, so tests in one file never see each other's rows.
 */
import { env } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { newId } from "../../src/db/ids";
import * as schema from "../../src/db/schema";
import { call } from "./http";

export const db = drizzle(env.DB, { schema });

export const ADMIN_TOKEN = "test-admin-token";

export interface TestOrganization {
  id: string;
  token: string;
}

/** A fresh organization with one token, made through the operator API. */
export async function newOrganization(name = "Test Org"): Promise<TestOrganization> {
  const response = await call("POST", "/admin/v1/organizations", { token: ADMIN_TOKEN, json: { name } });
  if (response.status !== 201) throw new Error(`organization not created: ${response.status}`);
  const body = (await response.json()) as { id: string; token: string };
  return { id: body.id, token: body.token };
}

export async function insertUser(
  organizationId: string,
  fields: Partial<typeof schema.users.$inferInsert> = {},
): Promise<string> {
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

export async function insertOffering(
  organizationId: string,
  fields: Partial<typeof schema.offerings.$inferInsert> = {},
): Promise<string> {
  const id = fields.id ?? newId();
  await db.insert(schema.offerings).values({ title: "Course", createdAt: Date.now(), ...fields, id, organizationId });
  return id;
}

export async function insertRegistration(
  organizationId: string,
  fields: Pick<typeof schema.registrations.$inferInsert, "userId" | "offeringId"> &
    Partial<typeof schema.registrations.$inferInsert>,
): Promise<string> {
  const id = fields.id ?? newId();
  await db.insert(schema.registrations).values({ status: "active", createdAt: Date.now(), ...fields, id, organizationId });
  return id;
}
