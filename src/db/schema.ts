/**
 * The database schema: the source of the SQL in migrations/ (drizzle-kit generate).
 *
 * Conventions: ids are 32 lowercase hex characters; every time is an integer of epoch
 * milliseconds (UTC); soft-deleted rows carry `deleted_at`; JSON arrays are stored as text.
 * The schema itself keeps the invariants (foreign keys, CHECKs, partial unique indexes),
 * whatever the code above it does.
 */
import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

export const organizations = sqliteTable("organizations", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  createdAt: integer("created_at").notNull(),
});

// Columns many tables share, spread where they stand in each table (Drizzle builds every table's
// own column from the builder, so one builder serves them all).

/** The organization a row belongs to: one that exists. */
const ownedByOrganization = {
  organizationId: text("organization_id")
    .notNull()
    .references(() => organizations.id),
};

/** The leading columns of an organization's row that has an id of its own. */
const organizationRow = {
  id: text("id").primaryKey(),
  ...ownedByOrganization,
};

/** The trailing columns of a soft-deleted table: its creation time, then `deleted_at` (null while live). */
const createdThenDeleted = {
  createdAt: integer("created_at").notNull(),
  deletedAt: integer("deleted_at"),
};

export const apiTokens = sqliteTable(
  "api_tokens",
  {
    ...organizationRow,
    name: text("name"),
    /** SHA-256 of the token, hex. The token itself is never stored. */
    tokenHash: text("token_hash").notNull(),
    createdAt: integer("created_at").notNull(),
    revokedAt: integer("revoked_at"),
  },
  (t) => [
    uniqueIndex("ux_api_tokens_hash").on(t.tokenHash),
    index("idx_api_tokens_org").on(t.organizationId),
  ],
);

export const users = sqliteTable(
  "users",
  {
    ...organizationRow,
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    username: text("username").notNull(),
    email: text("email").notNull(),
    /** lower(username) / lower(email): uniqueness is case-insensitive. */
    usernameKey: text("username_key").notNull(),
    emailKey: text("email_key").notNull(),
    /** `pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>` */
    passwordHash: text("password_hash"),
    locale: text("locale").notNull().default("en"),
    tags: text("tags").notNull().default("[]"),
    createdAt: integer("created_at").notNull(),
    lastLoginAt: integer("last_login_at"),
    deletedAt: integer("deleted_at"),
  },
  (t) => [
    index("idx_users_org_created").on(t.organizationId, t.createdAt, t.id),
    index("idx_users_org_last_login").on(t.organizationId, t.lastLoginAt),
    uniqueIndex("ux_users_org_email_live")
      .on(t.organizationId, t.emailKey)
      .where(sql`deleted_at IS NULL`),
    uniqueIndex("ux_users_org_username_live")
      .on(t.organizationId, t.usernameKey)
      .where(sql`deleted_at IS NULL`),
  ],
);

export const offerings = sqliteTable(
  "offerings",
  {
    ...organizationRow,
    title: text("title").notNull(),
    summary: text("summary"),
    /** The caller's own identifier of the offering's image (DigitalChalk v5 field). */
    thumbnailId: text("thumbnail_id"),
    catalogDescription: text("catalog_description"),
    dashboardDescription: text("dashboard_description"),
    deliveryDescription: text("delivery_description"),
    price: real("price"),
    tags: text("tags").notNull().default("[]"),
    orderIndex: integer("order_index").notNull().default(0),
    beginDate: integer("begin_date"),
    endDate: integer("end_date"),
    registrationBeginDate: integer("registration_begin_date"),
    registrationEndDate: integer("registration_end_date"),
    allowRetake: integer("allow_retake", { mode: "boolean" }).notNull().default(false),
    passingGrade: real("passing_grade").notNull().default(70),
    seatLimit: integer("seat_limit"),
    /**
     * How many registrations in this offering are active, kept by triggers on `registrations`
     * (migrations/0002): the seat limit is then one comparison, however full the offering.
     */
    activeRegistrations: integer("active_registrations").notNull().default(0),
    ...createdThenDeleted,
  },
  (t) => [
    index("idx_offerings_org_order").on(t.organizationId, t.orderIndex, t.createdAt, t.id),
    index("idx_offerings_org_created").on(t.organizationId, t.createdAt),
    check("ck_offerings_passing_grade", sql`passing_grade BETWEEN 0 AND 100`),
    check("ck_offerings_seat_limit", sql`seat_limit IS NULL OR seat_limit > 0`),
  ],
);

export const offeringCategories = sqliteTable(
  "offering_categories",
  {
    ...organizationRow,
    name: text("name").notNull(),
    description: text("description"),
    color: text("color"),
    orderIndex: integer("order_index").notNull().default(0),
    ...createdThenDeleted,
  },
  (t) => [
    index("idx_offering_categories_org_order").on(
      t.organizationId,
      t.orderIndex,
      t.createdAt,
      t.id,
    ),
    index("idx_offering_categories_org_created").on(t.organizationId, t.createdAt),
  ],
);

/** Which categories an offering is in; `position` keeps the order the client gave. */
export const offeringCategoryLinks = sqliteTable(
  "offering_category_links",
  {
    offeringId: text("offering_id")
      .notNull()
      .references(() => offerings.id),
    categoryId: text("category_id")
      .notNull()
      .references(() => offeringCategories.id),
    position: integer("position").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.offeringId, t.categoryId] }),
    index("idx_offering_category_links_category").on(t.categoryId, t.offeringId),
  ],
);

export const REGISTRATION_STATUSES = ["active", "passed", "failed", "ejected"] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export const registrations = sqliteTable(
  "registrations",
  {
    ...organizationRow,
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    offeringId: text("offering_id")
      .notNull()
      .references(() => offerings.id),
    status: text("status", { enum: REGISTRATION_STATUSES }).notNull(),
    grade: real("grade"),
    graderId: text("grader_id"),
    graderComment: text("grader_comment"),
    createdAt: integer("created_at").notNull(),
    beginAt: integer("begin_at"),
    lastActiveAt: integer("last_active_at"),
    endAt: integer("end_at"),
  },
  (t) => [
    // The invariant: at most one active registration of a user in an offering.
    uniqueIndex("ux_registrations_one_active")
      .on(t.organizationId, t.userId, t.offeringId)
      .where(sql`status = 'active'`),
    index("idx_registrations_org_created").on(t.organizationId, t.createdAt, t.id),
    // Lists filtered by user or offering seek straight to them, already in list order. Leading
    // with the foreign-key column, each also serves SQLite's child-key lookups (user_id = ?,
    // offering_id = ?) and the availability rule's walk over a user's registrations: one index
    // per foreign key, fewer writes per insert (bench/sql-cost.mjs).
    index("idx_registrations_user_org_created").on(t.userId, t.organizationId, t.createdAt, t.id),
    index("idx_registrations_offering_org_created").on(t.offeringId, t.organizationId, t.createdAt, t.id),
    check(
      "ck_registrations_status",
      sql`status IN ('active', 'passed', 'failed', 'ejected')`,
    ),
    check("ck_registrations_grade", sql`grade IS NULL OR grade BETWEEN 0 AND 100`),
  ],
);

/** A replayable answer to a POST that carried an Idempotency-Key. */
export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    ...ownedByOrganization,
    key: text("key").notNull(),
    /** SHA-256 of method, path and body: a different request under the same key is refused. */
    requestHash: text("request_hash").notNull(),
    status: integer("status").notNull(),
    /** A 201's Location; for an answer with a body, a marker unique to the request (never answered). */
    location: text("location"),
    /** The body an answer other than a bare 201 is replayed from (a batch's compact outcome). */
    response: text("response"),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.key] }),
    index("idx_idempotency_keys_expires").on(t.expiresAt),
  ],
);

export const AGREEMENT_TYPES = ["standard", "custom"] as const;
export type AgreementType = (typeof AGREEMENT_TYPES)[number];

/** An agreement text an organization has enabled. */
export const agreements = sqliteTable(
  "agreements",
  {
    ...ownedByOrganization,
    type: text("type", { enum: AGREEMENT_TYPES }).notNull(),
    title: text("title").notNull(),
    text: text("text").notNull(),
    required: integer("required", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.type] }),
    check("ck_agreements_type", sql`type IN ('standard', 'custom')`),
  ],
);

export const userAgreements = sqliteTable(
  "user_agreements",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    type: text("type", { enum: AGREEMENT_TYPES }).notNull(),
    agreed: integer("agreed", { mode: "boolean" }).notNull(),
    agreedAt: integer("agreed_at"),
  },
  (t) => [primaryKey({ columns: [t.userId, t.type] })],
);

// ---------------------------------------------------------------------------------------------
// Userfields (API.md §7a): an organization's own extra data about its users.

export const USERFIELD_CATEGORY_TYPES = ["public", "private"] as const;
export type UserfieldCategoryType = (typeof USERFIELD_CATEGORY_TYPES)[number];

export const userfieldCategories = sqliteTable(
  "userfield_categories",
  {
    ...organizationRow,
    name: text("name").notNull(),
    type: text("type", { enum: USERFIELD_CATEGORY_TYPES }).notNull().default("public"),
    orderIndex: integer("order_index").notNull().default(0),
    ...createdThenDeleted,
  },
  (t) => [
    index("idx_userfield_categories_org_order").on(t.organizationId, t.orderIndex, t.createdAt, t.id),
    check("ck_userfield_categories_type", sql`type IN ('public', 'private')`),
  ],
);

/** The canonical type names; the aliases of API.md §7a are mapped to these before storing. */
export const USERFIELD_TYPES = [
  "text",
  "email",
  "date",
  "integer",
  "decimal",
  "dropdown",
  "radiobuttons",
  "checkboxes",
  "checkbox",
  "truefalse",
  "yesno",
] as const;
export type UserfieldType = (typeof USERFIELD_TYPES)[number];

export const userfields = sqliteTable(
  "userfields",
  {
    ...organizationRow,
    name: text("name").notNull(),
    /** lower(name): names are unique per organization among live fields, case-insensitively. */
    nameKey: text("name_key").notNull(),
    type: text("type", { enum: USERFIELD_TYPES }).notNull(),
    categoryId: text("category_id").references(() => userfieldCategories.id),
    orderIndex: integer("order_index").notNull().default(0),
    required: integer("required", { mode: "boolean" }).notNull().default(false),
    readOnly: integer("read_only", { mode: "boolean" }).notNull().default(false),
    message: text("message"),
    /** JSON `[{"name","selected"}]`, only for the types with options. */
    options: text("options"),
    /** JSON `{"min","max"}`, only for text, integer and decimal. */
    constraints: text("constraints"),
    /** JSON `{"<ISO 639-1>": "name"}`. */
    localizedNames: text("localized_names"),
    ...createdThenDeleted,
  },
  (t) => [
    uniqueIndex("ux_userfields_org_name_live")
      .on(t.organizationId, t.nameKey)
      .where(sql`deleted_at IS NULL`),
    index("idx_userfields_org_order").on(t.organizationId, t.orderIndex, t.createdAt, t.id),
    index("idx_userfields_category").on(t.categoryId),
    check(
      "ck_userfields_type",
      sql`type IN ('text', 'email', 'date', 'integer', 'decimal', 'dropdown', 'radiobuttons', 'checkboxes', 'checkbox', 'truefalse', 'yesno')`,
    ),
  ],
);

/** A user's value of a userfield, as JSON text (a number stays a number, checkboxes an array). */
export const userfieldValues = sqliteTable(
  "userfield_values",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    userfieldId: text("userfield_id")
      .notNull()
      .references(() => userfields.id),
    value: text("value").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.userfieldId] }),
    index("idx_userfield_values_field").on(t.userfieldId, t.userId),
    check("ck_userfield_values_json", sql`json_valid(value)`),
  ],
);

/** Event types a webhook may subscribe to (the contract, in its order). */
export const EVENT_TYPES = [
  "registration.created",
  "registration.graded",
  "registration.ejected",
  "user.created",
  "user.updated",
  "user.deleted",
  "offering.created",
  "offering.updated",
  "offering.deleted",
  "userfieldvalues.updated",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * An organization's webhook subscription. `secret` is the Standard Webhooks signing key
 * (`whsec_<base64>`): stored as given because every delivery needs it for the HMAC; it is never
 * read back by any route (src/webhooks/read.ts selects around it).
 */
export const webhooks = sqliteTable(
  "webhooks",
  {
    ...organizationRow,
    url: text("url").notNull(),
    /** JSON array of event types. */
    events: text("events").notNull(),
    description: text("description"),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    secret: text("secret").notNull(),
    ...createdThenDeleted,
  },
  (t) => [
    index("idx_webhooks_org_created").on(t.organizationId, t.createdAt, t.id),
    // Finds the secrets to seal again (src/webhooks/reseal.ts) by their prefix.
    index("idx_webhooks_secret").on(t.secret),
  ],
);

/**
 * The transactional outbox: one row per change, written in the change's own batch
 * (src/db/outbox.ts). `data` is a snapshot of the changed row in its read shape (raw column
 * values); delivery renders it with the resource's representation. Only written when a live,
 * enabled webhook of the organization subscribes to the type.
 */
export const events = sqliteTable(
  "events",
  {
    ...organizationRow,
    type: text("type").notNull(),
    data: text("data").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("idx_events_org_type").on(t.organizationId, t.type, t.createdAt),
    // The history's end walks the oldest events first (src/webhooks/retention.ts).
    index("idx_events_created").on(t.createdAt),
  ],
);

export const DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One event to one webhook. Created by the trigger `tr_events_fan_out` (migrations/0006_webhooks.sql) in
 * the same transaction as the event. `enqueuedAt` is null until the row was handed to the
 * queue (or the Deno loop); the cron re-enqueues rows that stay null.
 */
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    ...organizationRow,
    webhookId: text("webhook_id")
      .notNull()
      .references(() => webhooks.id),
    eventId: text("event_id")
      .notNull()
      .references(() => events.id),
    status: text("status", { enum: DELIVERY_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastStatusCode: integer("last_status_code"),
    lastAttemptAt: integer("last_attempt_at"),
    nextAttemptAt: integer("next_attempt_at"),
    /** After this, a failed attempt marks the delivery failed (24 h after the event or a retry). */
    giveUpAt: integer("give_up_at").notNull(),
    enqueuedAt: integer("enqueued_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("idx_webhook_deliveries_webhook_created").on(t.webhookId, t.createdAt, t.id),
    index("idx_webhook_deliveries_pending").on(t.status, t.enqueuedAt, t.nextAttemptAt),
    // Also serves the foreign key check SQLite makes when an event row is inserted.
    index("idx_webhook_deliveries_event").on(t.eventId),
    check("ck_webhook_deliveries_status", sql`status IN ('pending', 'delivered', 'failed')`),
  ],
);
