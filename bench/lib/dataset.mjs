// Loads the benchmark dataset into the local D1: the real migrations (migrations/*.sql), then
// bulk rows through D1 batches. Rows are plain SQL literals (every value is generated here,
// never user input) so that no statement exceeds D1's limits: at most 100 bound parameters
// (we bind none) and 100 KB of SQL (we stay under 90,000 characters).
//
// Shape of the data (schema: src/db/schema.ts; times are epoch ms, ids 32 lowercase hex):
//   - one organization, "Bench Org", with the API token `bench-token` (stored as its SHA-256);
//   - U users, O offerings (mostly open; 2% closed, 2% not open yet, every 10th with a large
//     seat limit, every 3rd allowing retakes, some without dates), 20 offering categories;
//   - R registrations: registration i belongs to user u = i mod U and to offering
//     o = (u + k) mod O with k = floor(i / U), so no pair repeats; statuses 70% active,
//     15% passed, 10% failed, 5% ejected, created over the last 365 days in order of i.
// Fresh pairs for POST /registrations use k >= K = ceil(R / U): never registered before.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const TOKEN = "bench-token";
const DAY = 86_400_000;
const MAX_STATEMENT_CHARS = 90_000;
const STATEMENTS_PER_BATCH = 20;

const md5 = (text) => createHash("md5").update(text).digest("hex");
export const sha256 = (text) => createHash("sha256").update(text).digest("hex");

export const userId = (i) => md5(`user:${i}`);
export const offeringId = (o) => md5(`offering:${o}`);
export const registrationId = (i) => md5(`registration:${i}`);
const categoryId = (c) => md5(`category:${c}`);
export const ORG_ID = md5("organization:bench");

/** Whether offering o accepts registrations now (see offeringRow). */
export const isOpen = (o) => o % 50 !== 48 && o % 50 !== 49;
/** Registration i's status. */
const statusOf = (i) => (i % 20 < 14 ? "active" : i % 20 < 17 ? "passed" : i % 20 < 19 ? "failed" : "ejected");

function literal(value) {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "1" : "0";
  return `'${String(value).replaceAll("'", "''")}'`;
}

/** Multi-row INSERTs of literal values, sent as D1 batches of a few statements. */
class BulkInsert {
  constructor(db, table, columns, onBatch) {
    this.db = db;
    this.head = `INSERT INTO ${table} (${columns.join(", ")}) VALUES `;
    this.rows = [];
    this.chars = this.head.length;
    this.statements = [];
    this.onBatch = onBatch;
  }

  async add(values) {
    const row = `(${values.map(literal).join(",")})`;
    if (this.chars + row.length + 1 > MAX_STATEMENT_CHARS) await this.#endStatement();
    this.rows.push(row);
    this.chars += row.length + 1;
  }

  async #endStatement() {
    if (this.rows.length === 0) return;
    this.statements.push(this.head + this.rows.join(","));
    this.rows = [];
    this.chars = this.head.length;
    if (this.statements.length >= STATEMENTS_PER_BATCH) await this.#send();
  }

  async #send() {
    if (this.statements.length === 0) return;
    const statements = this.statements;
    this.statements = [];
    await this.db.batch(statements.map((text) => this.db.prepare(text)));
    this.onBatch?.();
  }

  async done() {
    await this.#endStatement();
    await this.#send();
  }
}

/** Applies migrations/*.sql in name order, recording them in d1_migrations like wrangler does. */
export async function applyMigrations(db, migrationsDir) {
  const files = readdirSync(migrationsDir).filter((f) => f.endsWith(".sql")).sort();
  await db.prepare(
    "CREATE TABLE IF NOT EXISTS d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)",
  ).run();
  for (const file of files) {
    const text = readFileSync(path.join(migrationsDir, file), "utf8");
    const statements = text
      .split("--> statement-breakpoint")
      .map((s) => s.trim())
      .filter((s) => s !== "");
    await db.batch([
      ...statements.map((s) => db.prepare(s)),
      db.prepare("INSERT INTO d1_migrations (name) VALUES (?)").bind(file),
    ]);
  }
  return files;
}

function offeringRow(o, now) {
  const open = isOpen(o);
  const undated = o % 5 === 1 && open;
  return [
    offeringId(o), ORG_ID, `Offering ${o}: Workplace Safety ${o % 37}`,
    `Catalog description of offering ${o}.`, o % 4 === 0 ? `Dashboard text ${o}` : null, null,
    (o % 20) * 10 + 0.99, JSON.stringify(["bench", `topic-${o % 10}`]), o % 100,
    undated ? null : now - 30 * DAY,
    undated ? null : now + 400 * DAY,
    o % 50 === 49 ? now + 30 * DAY : undated ? null : now - 60 * DAY,
    o % 50 === 48 ? now - 10 * DAY : undated ? null : now + 365 * DAY,
    o % 3 === 0, 70, o % 10 === 0 ? 1_000_000 : null,
    now - 730 * DAY + o * 60_000, null,
  ];
}

function userRow(i, now) {
  const username = `User${i}`;
  const email = `User${i}.Bench@Example.com`;
  return [
    userId(i), ORG_ID, `First${i}`, `Last${i}`, username, email,
    username.toLowerCase(), email.toLowerCase(), null, "en", JSON.stringify(["bench", `cohort-${i % 12}`]),
    now - 700 * DAY + i * 1000, i % 2 === 0 ? now - (i % 90) * DAY : null, null,
  ];
}

/** Registration i as (user index, offering index), per the layout above. */
export function seededPair(i, users, offerings) {
  const u = i % users;
  const k = Math.floor(i / users);
  return [u, (u + k) % offerings];
}

function registrationRow(i, opts, now) {
  const [u, o] = seededPair(i, opts.users, opts.offerings);
  const status = statusOf(i);
  const created = now - 365 * DAY + Math.floor((i * 365 * DAY) / opts.registrations);
  const graded = status === "passed" || status === "failed";
  return [
    registrationId(i), ORG_ID, userId(u), offeringId(o), status,
    graded ? (status === "passed" ? 85 : 40) : null,
    graded ? `grader-${i % 7}` : null,
    created,
    status === "active" ? null : created + 14 * DAY,
  ];
}

/**
 * Loads everything and returns what the load generator needs: ids and samples.
 * `progress(text)` is called now and then.
 */
export async function seed(db, opts, progress = () => {}) {
  const now = Date.now();
  await db.batch([
    db.prepare("INSERT INTO organizations (id, name, created_at) VALUES (?, ?, ?)").bind(ORG_ID, "Bench Org", now - 800 * DAY),
    db.prepare("INSERT INTO api_tokens (id, organization_id, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)")
      .bind(md5("token:bench"), ORG_ID, "bench", sha256(TOKEN), now - 800 * DAY),
  ]);

  const categories = new BulkInsert(db, "offering_categories", ["id", "organization_id", "name", "description", "color", "order_index", "created_at"]);
  for (let c = 0; c < 20; c++) {
    await categories.add([categoryId(c), ORG_ID, `Category ${c}`, `About category ${c}`, "#336699", c, now - 750 * DAY + c]);
  }
  await categories.done();

  const offerings = new BulkInsert(db, "offerings", [
    "id", "organization_id", "title", "catalog_description", "dashboard_description", "delivery_description",
    "price", "tags", "order_index", "begin_date", "end_date", "registration_begin_date", "registration_end_date",
    "allow_retake", "passing_grade", "seat_limit", "created_at", "deleted_at",
  ]);
  for (let o = 0; o < opts.offerings; o++) await offerings.add(offeringRow(o, now));
  await offerings.done();

  const links = new BulkInsert(db, "offering_category_links", ["offering_id", "category_id", "position"]);
  for (let o = 0; o < opts.offerings; o++) {
    await links.add([offeringId(o), categoryId(o % 20), 0]);
    if ((o * 7) % 20 !== o % 20) await links.add([offeringId(o), categoryId((o * 7) % 20), 1]);
  }
  await links.done();

  const users = new BulkInsert(db, "users", [
    "id", "organization_id", "first_name", "last_name", "username", "email", "username_key", "email_key",
    "password_hash", "locale", "tags", "created_at", "last_login_at", "deleted_at",
  ]);
  for (let i = 0; i < opts.users; i++) await users.add(userRow(i, now));
  await users.done();
  progress(`${opts.users} users, ${opts.offerings} offerings loaded`);

  let sent = 0;
  const step = Math.max(1, Math.floor(opts.registrations / 10));
  let nextReport = step;
  const registrations = new BulkInsert(db, "registrations", [
    "id", "organization_id", "user_id", "offering_id", "status", "grade", "grader_id", "created_at", "end_at",
  ]);
  for (let i = 0; i < opts.registrations; i++) {
    await registrations.add(registrationRow(i, opts, now));
    sent++;
    if (sent >= nextReport) {
      progress(`registrations: ${sent} / ${opts.registrations}`);
      nextReport += step;
    }
  }
  await registrations.done();

  // Samples for the load generator, spread over the whole table.
  const sampleSize = Math.min(10_000, opts.registrations);
  const registrationIds = [];
  const activePairs = [];
  for (let s = 0; s < sampleSize; s++) {
    const i = Math.floor((s * opts.registrations) / sampleSize);
    registrationIds.push(registrationId(i));
    const a = i - (i % 20); // i rounded down to a multiple of 20 is active (statusOf)
    const [u, o] = seededPair(a, opts.users, opts.offerings);
    activePairs.push([userId(u), offeringId(o)]);
  }
  return {
    token: TOKEN,
    userIds: Array.from({ length: opts.users }, (_, i) => userId(i)),
    offeringIds: Array.from({ length: opts.offerings }, (_, o) => offeringId(o)),
    open: Array.from({ length: opts.offerings }, (_, o) => isOpen(o)),
    firstFreshK: Math.ceil(opts.registrations / opts.users),
    registrationIds,
    activePairs,
  };
}

/**
 * A cursor over never-registered (user, offering) pairs whose offering is open, from the data
 * `seed` returned: each call of the returned function gives the next [userId, offeringId].
 */
export function freshPairs(data) {
  const users = data.userIds.length;
  const offerings = data.offeringIds.length;
  let cursor = 0;
  return () => {
    for (let tries = 0; tries < offerings; tries++) {
      const j = cursor++;
      const u = j % users;
      const k = data.firstFreshK + Math.floor(j / users);
      if (k >= offerings) throw new Error("ran out of fresh (user, offering) pairs: use more offerings or a shorter run");
      const o = (u + k) % offerings;
      if (data.open[o]) return [data.userIds[u], data.offeringIds[o]];
    }
    throw new Error("no open offering found");
  };
}
