/** Creating, updating and deleting users: each one atomic D1 call (one batch). */
import { and, eq, isNull, ne, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "../db/client";
import { runPlan, type CreatePlan, type CreateTarget } from "../db/create-plan";
import { newId } from "../lib/crypto";
import { insertWhere } from "../db/insert-where";
import { liveUser, liveUserExists } from "../db/live";
import { organizations, registrations, users } from "../db/schema";
import { outboxEvent } from "../db/outbox";
import { updateSet } from "../db/update-set";
import { userEventSource } from "./events";
import { hashPassword } from "./password";
import type { UserCreate, UserUpdate } from "./schemas";

export interface Conflicts {
  emailTaken: boolean;
  usernameTaken: boolean;
}

/** Another live user of the organization already holds this key (case-insensitively). */
function keyTaken(organizationId: string, column: SQLiteColumn, key: string | undefined, exceptId?: string): SQL {
  if (key === undefined) return sql`0`;
  return sql`EXISTS (SELECT 1 FROM ${users} WHERE ${and(
    eq(users.organizationId, organizationId),
    eq(column, key),
    isNull(users.deletedAt),
    exceptId === undefined ? undefined : ne(users.id, exceptId),
  )})`;
}

/** One row of diagnostics, selected from the caller's own organization row. */
function conflictCheck(db: Db, organizationId: string, emailKey: string | undefined, usernameKey: string | undefined, exceptId?: string) {
  return db
    .select({
      emailTaken: sql<number>`${keyTaken(organizationId, users.emailKey, emailKey, exceptId)}`.as("email_taken"),
      usernameTaken: sql<number>`${keyTaken(organizationId, users.usernameKey, usernameKey, exceptId)}`.as(
        "username_taken",
      ),
      userExists: (exceptId === undefined
        ? sql<number>`1`
        : sql<number>`${liveUserExists(organizationId, exceptId)}`
      ).as("user_exists"),
    })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
}

/**
 * Which of the given email/username another live user of the organization holds. Only for the
 * error path: a request whose other fields failed still learns about these (API.md §4).
 */
export async function findConflicts(
  db: Db,
  organizationId: string,
  email: string | undefined,
  username: string | undefined,
  exceptId?: string,
): Promise<Conflicts> {
  const [row] = await conflictCheck(db, organizationId, email?.toLowerCase(), username?.toLowerCase(), exceptId);
  return { emailTaken: Boolean(row?.emailTaken), usernameTaken: Boolean(row?.usernameTaken) };
}

/** The batch that creates a user unless another live user holds the email or username. */
export async function createUserPlan(
  db: Db,
  organizationId: string,
  input: UserCreate,
  now: number,
  target: CreateTarget,
): Promise<CreatePlan<Conflicts>> {
  const { id, guard } = target;
  const username = input.username ?? input.email;
  const emailKey = input.email.toLowerCase();
  const usernameKey = username.toLowerCase();
  const passwordHash = input.password == null ? null : await hashPassword(input.password);
  const values = {
    id,
    organizationId,
    firstName: input.firstName,
    lastName: input.lastName,
    username,
    email: input.email,
    usernameKey,
    emailKey,
    passwordHash,
    locale: input.locale ?? "en",
    tags: JSON.stringify(input.tags ?? []),
    createdAt: now,
  };
  return {
    statements: [
      conflictCheck(db, organizationId, emailKey, usernameKey),
      // Guarded INSERT … SELECT, so that a caller's guard can hold it back. The partial unique
      // indexes on (organization, email/username) of live users refuse a twin.
      insertWhere(db, users, organizationId, values, guard ?? sql`1`)
        .onConflictDoNothing()
        .returning({ id: users.id }),
      outboxEvent(db, { organizationId, type: "user.created", now }, userEventSource(db, eq(users.id, id))),
    ],
    written: sql`EXISTS (SELECT 1 FROM ${users} WHERE ${users.id} = ${id})`,
    refusal(results) {
      const [[check], inserted] = results as [{ emailTaken: number; usernameTaken: number }[], unknown[]];
      if (inserted.length > 0) return null;
      return { emailTaken: Boolean(check?.emailTaken), usernameTaken: Boolean(check?.usernameTaken) };
    },
  };
}

/** The user on its own (no Idempotency-Key): null when created, else the conflicts. */
export async function createUser(db: Db, organizationId: string, input: UserCreate, now: number): Promise<Conflicts | null> {
  return runPlan(db, await createUserPlan(db, organizationId, input, now, { id: newId() }));
}

export type UpdateUserResult = { ok: true } | { ok: false; notFound: true } | ({ ok: false; notFound: false } & Conflicts);

export async function updateUser(
  db: Db,
  organizationId: string,
  id: string,
  input: UserUpdate,
  now: number,
): Promise<UpdateUserResult> {
  const emailKey = input.email?.toLowerCase();
  const usernameKey = input.username?.toLowerCase();
  // null: "no password" (NO_PASSWORD), which removes a stored one.
  const passwordHash =
    input.password === undefined ? undefined : input.password === null ? null : await hashPassword(input.password);
  const changes = {
    firstName: input.firstName,
    lastName: input.lastName,
    email: input.email,
    emailKey,
    username: input.username,
    usernameKey,
    passwordHash,
    locale: input.locale,
    tags: input.tags === undefined ? undefined : JSON.stringify(input.tags),
  };
  const guard = and(
    liveUser(organizationId, id),
    sql`NOT ${keyTaken(organizationId, users.emailKey, emailKey, id)}`,
    sql`NOT ${keyTaken(organizationId, users.usernameKey, usernameKey, id)}`,
  );
  const [[check], updated] = await db.batch([
    conflictCheck(db, organizationId, emailKey, usernameKey, id),
    db
      .update(users)
      .set(updateSet(changes, id))
      .where(guard)
      .returning({ id: users.id }),
    // After the update: its guard still holds exactly when the update happened.
    outboxEvent(db, { organizationId, type: "user.updated", now }, userEventSource(db, guard)),
  ]);
  if (updated.length > 0) return { ok: true };
  if (!check?.userExists) return { ok: false, notFound: true };
  return { ok: false, notFound: false, emailTaken: Boolean(check.emailTaken), usernameTaken: Boolean(check.usernameTaken) };
}

/**
 * Deletes a user: the user disappears from every read, and their active registrations end as
 * `ejected`. Returns false when there is no such live user (and then nothing changed).
 */
export async function deleteUser(db: Db, organizationId: string, id: string, now: number): Promise<boolean> {
  const [, , deleted] = await db.batch([
    // Before the delete, under its guard: the user as GET returned it. The registrations it
    // ejects are not events of their own (user.deleted says so; README, "Webhooks").
    outboxEvent(db, { organizationId, type: "user.deleted", now }, userEventSource(db, liveUser(organizationId, id))),
    db
      .update(registrations)
      .set({ status: "ejected", endAt: now })
      .where(
        and(
          eq(registrations.organizationId, organizationId),
          eq(registrations.userId, id),
          eq(registrations.status, "active"),
          liveUserExists(organizationId, id),
        ),
      ),
    db.update(users).set({ deletedAt: now }).where(liveUser(organizationId, id)).returning({ id: users.id }),
  ]);
  return deleted.length > 0;
}
