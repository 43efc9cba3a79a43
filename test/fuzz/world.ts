/**
 * The data the fuzzer aims at: tenant A (whose tokens the fuzzer uses) and tenant B (whose ids
 * A must never reach), each with users, offerings, categories, registrations, agreements,
 * userfield categories, userfields (the predefined ones and their own), values and a webhook,
 * all made through the API (test/support/fixtures.ts), so the same world exists on every runtime.
 */
import { expect } from "vitest";
import { call } from "../support/http";
import { ADMIN_TOKEN, insertOffering, insertRegistration, insertUser, newOrganization } from "../support/fixtures";

/** Text only tenant B's rows hold: it must never appear in a response to tenant A. */
export const B_MARKER = "zq8tenantbonly";

export interface Tenant {
  id: string;
  token: string;
  users: string[];
  offerings: string[];
  categories: string[];
  registrations: string[];
  userfieldCategories: string[];
  /** Every live userfield, the seven predefined ones included. */
  userfields: string[];
  webhooks: string[];
}

export interface World {
  a: Tenant;
  b: Tenant;
  /** A token of tenant A that was revoked before any use. */
  revokedToken: string;
  /** Every id of tenant B. */
  bIds: ReadonlySet<string>;
  /** Ids of tenant A's live users and offerings (references POST /registrations accepts). */
  aLiveUsers: ReadonlySet<string>;
  aLiveOfferings: ReadonlySet<string>;
  /** Every id of tenant A. */
  aIds: ReadonlySet<string>;
}

async function admin(method: string, path: string, json?: unknown): Promise<Response> {
  return call(method, `/admin/v1${path}`, { token: ADMIN_TOKEN, json });
}

export async function issueToken(organizationId: string): Promise<{ id: string; token: string }> {
  const response = await admin("POST", `/organizations/${organizationId}/tokens`, { name: "fuzz" });
  expect(response.status, "token issued").toBe(201);
  return (await response.json()) as { id: string; token: string };
}

async function createCategory(token: string, name: string): Promise<string> {
  const response = await call("POST", "/dc/api/v5/offeringcategories", { token, json: { name, color: "#123abc" } });
  expect(response.status, "category created").toBe(201);
  return (response.headers.get("Location") ?? "").split("/").pop() ?? "";
}

async function created(token: string, collection: string, json: unknown): Promise<string> {
  const response = await call("POST", `/dc/api/v5/${collection}`, { token, json });
  expect(response.status, `${collection} created`).toBe(201);
  return (response.headers.get("Location") ?? "").split("/").pop() ?? "";
}

async function userfieldsOf(token: string): Promise<string[]> {
  const response = await call("GET", "/dc/api/v5/userfields?limit=100", { token });
  expect(response.status, "userfields listed").toBe(200);
  return ((await response.json()) as { results: { id: string }[] }).results.map((field) => field.id);
}

async function tenant(name: string, marker: string): Promise<Tenant> {
  const org = await newOrganization(name);
  const users = [
    await insertUser(org.id, { firstName: `First${marker}`, lastName: `Last${marker}`, email: `one-${marker}@example.test` }),
    await insertUser(org.id, { email: `two-${marker}@example.test`, tags: JSON.stringify(["x", marker]) }),
    await insertUser(org.id, { email: `three-${marker}@example.test` }),
  ];
  const categories = [await createCategory(org.token, `Category ${marker}`), await createCategory(org.token, `Other ${marker}`)];
  const offerings = [
    await insertOffering(org.id, { title: `Open course ${marker}`, tags: JSON.stringify(["safety", marker]) }),
    await insertOffering(org.id, { title: `Retake course ${marker}`, allowRetake: true, seatLimit: 1000 }),
    await insertOffering(org.id, { title: `Small course ${marker}`, seatLimit: 1, passingGrade: 50 }),
  ];
  const registrations = [
    await insertRegistration(org.id, { userId: users[0]!, offeringId: offerings[0]! }),
    await insertRegistration(org.id, { userId: users[1]!, offeringId: offerings[1]! }),
  ];
  for (const type of ["standard", "custom"]) {
    const response = await admin("PUT", `/organizations/${org.id}/agreements/${type}`, {
      title: `Terms ${marker}`,
      text: `Text ${marker}`,
      required: type === "standard",
    });
    expect(response.status, "agreement enabled").toBe(204);
  }
  const userfieldCategories = [
    await created(org.token, "userfieldcategories", { name: `Fields ${marker}`, type: "private" }),
    await created(org.token, "userfieldcategories", { name: `Public ${marker}` }),
  ];
  await created(org.token, "userfields", { name: `Shirt ${marker}`, type: "dropdown", categoryId: userfieldCategories[0], options: [{ name: "M" }, { name: "L" }] });
  await created(org.token, "userfields", { name: `Badge ${marker}`, type: "integer", constraints: { min: 1, max: 9999 } });
  await created(org.token, "userfields", { name: `Note ${marker}`, type: "text", message: `Help ${marker}` });
  const userfields = await userfieldsOf(org.token);
  const values = await call("PUT", `/dc/api/v5/users/${users[0]}/userfieldvalues`, { token: org.token, json: { [userfields[0]!]: `555 ${marker}` } });
  expect(values.status, "userfield values written").toBe(204);
  // Disabled: no event of the fuzz's writes goes out for it (the Deno server delivers by itself).
  const webhooks = [await created(org.token, "webhooks", { url: "https://hooks.example.test/world", events: ["user.created"], description: `Hook ${marker}`, enabled: false })];
  return { id: org.id, token: org.token, users, offerings, categories, registrations, userfieldCategories, userfields, webhooks };
}

function idsOf(t: Tenant): string[] {
  return [t.id, ...t.users, ...t.offerings, ...t.categories, ...t.registrations, ...t.userfieldCategories, ...t.userfields, ...t.webhooks];
}

export async function buildWorld(): Promise<World> {
  const a = await tenant("Fuzz tenant A", "tenanta");
  const b = await tenant(`Fuzz tenant ${B_MARKER}`, B_MARKER);
  const revoked = await issueToken(a.id);
  const revoke = await admin("DELETE", `/tokens/${revoked.id}`);
  expect(revoke.status, "token revoked").toBe(204);
  return {
    a,
    b,
    revokedToken: revoked.token,
    bIds: new Set(idsOf(b)),
    aIds: new Set(idsOf(a)),
    aLiveUsers: new Set(a.users),
    aLiveOfferings: new Set(a.offerings),
  };
}

/**
 * Tenant A's tokens, a fresh one every `perToken` requests: the rate limit (1,000 requests a
 * minute per token) must not turn the fuzz into a test of 429s.
 */
export class TokenPool {
  #current: string;
  #used = 0;

  constructor(
    private readonly organizationId: string,
    first: string,
    private readonly perToken = 400,
  ) {
    this.#current = first;
  }

  /** Whether the next request needs a new token (call `rotate()` before sending then). */
  get due(): boolean {
    return this.#used >= this.perToken;
  }

  async rotate(): Promise<void> {
    this.#current = (await issueToken(this.organizationId)).token;
    this.#used = 0;
  }

  /** The token for the next request. */
  take(): string {
    this.#used++;
    return this.#current;
  }
}
