/**
 * Test data written straight into the real D1 (for resources whose API does not exist yet).
 * Every test makes its own organization, so tests in one file never see each other's rows.
 */
import { env } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { hashToken, newToken } from "../../src/auth/tokens";
import { newId } from "../../src/db/ids";
import * as schema from "../../src/db/schema";

export const db = drizzle(env.DB, { schema });

export interface TestOrganization {
  id: string;
  token: string;
  tokenId: string;
}

export async function newOrganization(name = "Test Org"): Promise<TestOrganization> {
  const id = newId();
  const token = newToken();
  const tokenId = newId();
  const now = Date.now();
  await db.batch([
    db.insert(schema.organizations).values({ id, name, createdAt: now }),
    db.insert(schema.apiTokens).values({ id: tokenId, organizationId: id, tokenHash: await hashToken(token), createdAt: now }),
  ]);
  return { id, token, tokenId };
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
