/**
 * Every route of the service (src/<resource>/routes.ts, src/admin/routes.ts): its path template,
 * the methods it answers, the fields of its bodies, and the parameters of its lists.
 */
import type { FieldKind, ListEndpoint } from "./arbitraries";

export const PREFIXES = ["/dc/api/v5", "/api/v5"] as const;

export type Api = "resource" | "admin";

export interface Route {
  api: Api;
  /** Relative to the API's base path; `{id}`, `{userId}` and `{type}` are parameters. */
  template: string;
  methods: readonly string[];
  /** Body fields per method that takes a body. */
  bodies?: Partial<Record<"POST" | "PUT", Record<string, FieldKind>>>;
  /** What an item route's id names (for the 404 oracle). */
  resource?: Resource;
  /**
   * The body's keys are ids, not fixed fields (PUT /users/<id>/userfieldvalues: userfield id ->
   * value); the fuzz draws them from the tenants' userfields, unknown and hostile ids.
   */
  keyedBody?: "userfieldValues";
}

export type Resource =
  | "users"
  | "offerings"
  | "offeringcategories"
  | "registrations"
  | "userfieldcategories"
  | "userfields"
  | "webhooks";

const USER_FIELDS: Record<string, FieldKind> = {
  firstName: "text",
  lastName: "text",
  email: "email",
  username: "text",
  password: "password",
  locale: "locale",
  tags: "tags",
};

const OFFERING_FIELDS: Record<string, FieldKind> = {
  title: "text",
  catalogDescription: "text",
  dashboardDescription: "text",
  deliveryDescription: "text",
  price: "number",
  tags: "tags",
  orderIndex: "integer",
  beginDate: "date",
  endDate: "date",
  registrationBeginDate: "date",
  registrationEndDate: "date",
  allowRetake: "boolean",
  passingGrade: "grade",
  seatLimit: "integer",
  offeringCategoryIds: "ids",
};

const CATEGORY_FIELDS: Record<string, FieldKind> = { name: "text", description: "text", color: "color", orderIndex: "integer" };

const USERFIELD_CATEGORY_FIELDS: Record<string, FieldKind> = { name: "text", type: "categoryType", orderIndex: "integer" };

const USERFIELD_FIELDS: Record<string, FieldKind> = {
  name: "text",
  type: "userfieldType",
  categoryId: "id",
  orderIndex: "integer",
  required: "boolean",
  readOnly: "boolean",
  message: "text",
  options: "options",
  constraints: "constraints",
  localizedNames: "localizedNames",
};

const WEBHOOK_FIELDS: Record<string, FieldKind> = { url: "webhookUrl", events: "events", description: "text", enabled: "boolean" };

const GRADE_FIELDS: Record<string, FieldKind> = {
  grade: "grade",
  gradePercentage: "grade",
  graderId: "text",
  graderComment: "text",
  status: "status",
};

export const ROUTES: readonly Route[] = [
  { api: "resource", template: "/registrations", methods: ["GET", "POST"], bodies: { POST: { userId: "id", offeringId: "id" } } },
  {
    api: "resource",
    template: "/registrations/batch",
    // GET and PUT: the path is also /registrations/{id} with the id "batch", which names nothing (404).
    methods: ["POST", "GET", "PUT"],
    bodies: { POST: { registrations: "registrationList", atomic: "boolean" } },
  },
  { api: "resource", template: "/registrations/{id}", methods: ["GET", "PUT"], bodies: { PUT: GRADE_FIELDS }, resource: "registrations" },
  { api: "resource", template: "/users", methods: ["GET", "POST"], bodies: { POST: USER_FIELDS } },
  { api: "resource", template: "/users/{id}", methods: ["GET", "PUT", "DELETE"], bodies: { PUT: USER_FIELDS }, resource: "users" },
  { api: "resource", template: "/offerings", methods: ["GET", "POST"], bodies: { POST: OFFERING_FIELDS } },
  { api: "resource", template: "/offerings/{id}", methods: ["GET", "PUT", "DELETE"], bodies: { PUT: OFFERING_FIELDS }, resource: "offerings" },
  { api: "resource", template: "/offeringcategories", methods: ["GET", "POST"], bodies: { POST: CATEGORY_FIELDS } },
  {
    api: "resource",
    template: "/offeringcategories/{id}",
    methods: ["GET", "PUT", "DELETE"],
    bodies: { PUT: CATEGORY_FIELDS },
    resource: "offeringcategories",
  },
  { api: "resource", template: "/agreements", methods: ["GET"] },
  { api: "resource", template: "/agreements/{type}", methods: ["GET"] },
  { api: "resource", template: "/users/{userId}/agreements", methods: ["GET"] },
  { api: "resource", template: "/users/{userId}/agreements/{type}", methods: ["GET", "PUT"], bodies: { PUT: { agreed: "boolean" } } },
  { api: "resource", template: "/userfieldcategories", methods: ["GET", "POST"], bodies: { POST: USERFIELD_CATEGORY_FIELDS } },
  {
    api: "resource",
    template: "/userfieldcategories/{id}",
    methods: ["GET", "PUT", "DELETE"],
    bodies: { PUT: USERFIELD_CATEGORY_FIELDS },
    resource: "userfieldcategories",
  },
  { api: "resource", template: "/userfields", methods: ["GET", "POST"], bodies: { POST: USERFIELD_FIELDS } },
  { api: "resource", template: "/userfields/{id}", methods: ["GET", "PUT", "DELETE"], bodies: { PUT: USERFIELD_FIELDS }, resource: "userfields" },
  { api: "resource", template: "/users/{userId}/userfieldvalues", methods: ["GET", "PUT"], bodies: { PUT: {} }, keyedBody: "userfieldValues" },
  // Webhooks, not their deliveries (those are the delivery tests' business: they need a receiver).
  { api: "resource", template: "/webhooks", methods: ["GET", "POST"], bodies: { POST: WEBHOOK_FIELDS } },
  { api: "resource", template: "/webhooks/{id}", methods: ["GET", "PUT", "DELETE"], bodies: { PUT: WEBHOOK_FIELDS }, resource: "webhooks" },
  { api: "resource", template: "/openapi.json", methods: ["GET"] },
  { api: "admin", template: "/organizations", methods: ["POST"], bodies: { POST: { name: "text" } } },
  { api: "admin", template: "/organizations/{id}/tokens", methods: ["POST"], bodies: { POST: { name: "text" } } },
  { api: "admin", template: "/tokens/{id}", methods: ["DELETE"] },
  {
    api: "admin",
    template: "/organizations/{id}/agreements/{type}",
    methods: ["PUT", "DELETE"],
    bodies: { PUT: { title: "text", text: "text", required: "boolean" } },
  },
];

export const BODY_ROUTES = ROUTES.flatMap((route) =>
  Object.entries(route.bodies ?? {}).map(([method, fields]) => ({ route, method: method as "POST" | "PUT", fields })),
);

/** The methods a route answers, HEAD included where GET is (as the Allow header lists them). */
export function allowedMethods(route: Route): string[] {
  return route.methods.includes("GET") ? [...route.methods, "HEAD"] : [...route.methods];
}

/** A body each item route accepts, so that a request reaches the lookup of its id. */
export const VALID_PUT_BODY: Record<string, unknown> = {
  "/registrations/{id}": { grade: 50 },
  "/users/{id}": { firstName: "Grace" },
  "/offerings/{id}": { title: "Renamed" },
  "/offeringcategories/{id}": { name: "Renamed" },
  "/users/{userId}/agreements/{type}": { agreed: true },
  "/userfieldcategories/{id}": { orderIndex: 1 },
  // Not a name: names of fields are unique, and a taken one would be refused before the lookup.
  "/userfields/{id}": { orderIndex: 1 },
  "/users/{userId}/userfieldvalues": {},
  "/webhooks/{id}": { enabled: false },
  "/organizations/{id}/agreements/{type}": { title: "T", text: "X" },
};

export const LISTS: readonly ListEndpoint[] = [
  {
    path: "/registrations",
    paged: true,
    dateParams: ["createdDate", "beginDate", "lastActiveDate", "endDate"],
    otherParams: ["userId", "offeringId"],
    enumParams: { status: ["active", "passed", "failed", "ejected"] },
    keyset: true,
  },
  {
    path: "/users",
    paged: true,
    dateParams: ["createdDate", "lastLoginDate"],
    otherParams: ["firstName", "lastName", "username", "email"],
    keyset: true,
  },
  {
    path: "/offerings",
    paged: true,
    dateParams: ["createdDate"],
    otherParams: ["title", "offeringCategoryId", "tag", "userId"],
  },
  { path: "/offeringcategories", paged: true, dateParams: ["createdDate"], otherParams: ["name"] },
  { path: "/agreements", paged: false, dateParams: [], otherParams: [] },
  { path: "/userfieldcategories", paged: true, dateParams: [], otherParams: ["name"], enumParams: { type: ["public", "private"] } },
  {
    path: "/userfields",
    paged: true,
    dateParams: [],
    otherParams: ["name", "categoryId"],
    enumParams: { categoryType: ["public", "private"] },
  },
  { path: "/webhooks", paged: true, dateParams: [], otherParams: [] },
];

/** The contract's messages for a list's query parameters. */
export function listMessage(key: string): string | undefined {
  if (key === "limit") return "limit must be an integer between 1 and 100";
  if (key === "offset") return "offset must be a non-negative integer";
  if (key === "status") return "status must be one of active, passed, failed, ejected";
  if (key === "type" || key === "categoryType") return `${key} must be public or private`;
  if (key === "after") return "after is not a valid cursor";
  if (["createdDate", "beginDate", "lastActiveDate", "endDate", "lastLoginDate"].includes(key)) {
    return `${key} is not a valid date filter`;
  }
  return undefined;
}
