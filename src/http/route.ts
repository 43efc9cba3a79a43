/**
 * Route helpers. A route is declared with the builder of its kind, given what is its own (path,
 * summary, request schemas, its success answer and its own error answers); the builder adds what
 * every route of that kind has (security, the body rules, Idempotency-Key, 201/204, the shared
 * error answers):
 *
 *   const create = creationRoute({
 *     tags, path: "/users", summary: "Create a user",
 *     body: jsonBody(UserCreateSchema), errors: { 400: errorDoc("Invalid fields") },
 *   });
 *   // = createRoute({ method: "post", path, tags, security: BEARER, summary,
 *   //     parameters: [idempotencyKeyParameter], middleware: [bodyRules()], request: { body },
 *   //     responses: { 201: createdDoc, 400: ..., 422: keyReusedDoc, ...bodyErrors, ...authErrors } })
 *
 * The shared answers are references to `components.responses` (src/openapi/document.ts writes
 * them from the error catalogue).
 */
import { createRoute, OpenAPIHono, z, type RouteConfig } from "@hono/zod-openapi";
import { AGREEMENT_TYPES } from "../db/schema";
import type { TextRuleOptions } from "../lib/text-rule";
import type { AppEnv } from "./app-env";
import { CATALOGUE, ERROR_CODES, validationHook } from "./errors";
import { bodyRules, type BodyRulesOptions } from "./json-body";
import { cursorLinkHeader } from "./paging";
import { withTextRule } from "./text-field";

/** A group of routes (a resource's, the operator API's): invalid input answers as validationHook words it. */
export function routeGroup() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}

/** The security of every resource route. */
export const BEARER = [{ Bearer: [] }];

export const ErrorBodySchema = z
  .object({
    errors: z.array(z.string()).optional(),
    fieldErrors: z.record(z.string(), z.string()).optional(),
  })
  .openapi("Error");

const errorHeaders = z.object({
  "X-Error-Code": z
    .enum(ERROR_CODES)
    .openapi({ description: "Stable snake_case reason for programs (API.md §1), e.g. `not_found`.", example: "not_found" }),
});

/** An error answer of this route. */
export function errorDoc(description: string) {
  return { description, headers: errorHeaders, content: { "application/json": { schema: ErrorBodySchema } } };
}

/** A JSON answer. */
export function jsonDoc<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}

/** A required JSON request body. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { "application/json": { schema } } };
}

export const createdDoc = {
  description: "Created; `Location` names the new resource. Empty body.",
  headers: z.object({
    Location: z.string().openapi({
      description: "`<base path>/<collection>/<id>` of the new resource, with the base path the request came in on.",
    }),
  }),
};

export const noContentDoc = { description: "Done. Empty body." };

export const idParam = z.object({
  id: z.string().openapi({ param: { name: "id", in: "path" }, example: "65ade781cc98d136543678191005431a" }),
});

/**
 * Shared answers, typed as adding nothing: in the document every route lists them, while the
 * route's type (and so a typed client's narrowing by status, AppType) keeps the answers the
 * route itself gives.
 */
function shared(answers: Record<number, string>): Record<never, never> {
  return Object.fromEntries(Object.entries(answers).map(([status, name]) => [status, { $ref: `#/components/responses/${name}` }]));
}

/** The answers of the layers in front of an authenticated route: auth, rate limit, database, failure. */
export const authErrors = shared({ 401: "Unauthorized", 429: "TooManyRequests", 500: "InternalError", 503: "Unavailable" });

/** The answer every route may give. */
export const publicErrors = shared({ 500: "InternalError" });

/** The body rules' answers (413, 415) of a route with a JSON body. */
export const bodyErrors = shared({ 413: "PayloadTooLarge", 415: "UnsupportedMediaType" });

/** Idempotency-Key, on every create route (validated by src/http/create.ts). */
export const idempotencyKeyParameter = {
  name: "Idempotency-Key",
  in: "header" as const,
  required: false,
  schema: { type: "string" as const, minLength: 1, maxLength: 255, pattern: "^[\\x21-\\x7e]+$" },
  description:
    "1 to 255 visible ASCII characters. A repeat of the same request under the same key within 24 hours " +
    "answers the original 201 (same Location) and creates nothing; only a 201 is remembered. " +
    "Malformed: 400 `invalid_body`.",
  example: "3f1c9a6e-7b2d-4e8a-9c5f-2d7e8b1a4c60",
};

export const keyReusedDoc = errorDoc(CATALOGUE.idempotency_key_reused.message);

/**
 * The agreement type of a path, a plain string to the validator: an unknown type names no
 * agreement, which is a 404 (API.md §7), not a 400.
 */
export const AgreementTypeParams = z.object({
  type: z
    .string()
    .openapi({ param: { name: "type", in: "path" }, type: "string", enum: [...AGREEMENT_TYPES], example: "standard" }),
});

/**
 * A required string with the contract's two messages, without the text rule: only for a
 * reference that is looked up and never stored as sent (POST /registrations' ids).
 */
export function requiredReference(field: string) {
  return z
    .string({
      error: (issue) =>
        issue.input === undefined || issue.input === null ? `${field} is required` : `${field} must be a string`,
    })
    .min(1, { error: `${field} is required` });
}

/** A required string field of a body with the contract's two messages, under the text rule. */
export function requiredString(field: string, options: TextRuleOptions = {}) {
  return withTextRule(requiredReference(field), field, options);
}

// --- Route builders: one per kind of route ------------------------------------------------------

type Request = NonNullable<RouteConfig["request"]>;
type Answers = RouteConfig["responses"];
type Answer = Answers[string];

/** What every route declares itself. `security` defaults to the resource API's bearer token. */
interface Declared<P extends string> {
  tags: string[];
  path: P;
  security?: RouteConfig["security"];
  summary?: string;
}

/** GET answering 200 (`ok`), or one of its own `errors`, or a shared answer. */
export function getRoute<
  P extends string,
  Ok extends Answer,
  Req extends Request = Record<never, never>,
  E extends Answers = Record<never, never>,
>(route: Declared<P> & { request?: Req; ok: Ok; errors?: E }) {
  const { tags, path, security = BEARER, summary, ok } = route;
  const request = (route.request ?? {}) as Req;
  return createRoute({ method: "get", path, tags, security, summary, request, responses: { 200: ok, ...(route.errors as E), ...authErrors } });
}

/**
 * POST of a create (src/http/create.ts): Idempotency-Key, the body rules, 201 (`createdDoc`
 * unless `created` says more), 422 for a reused key, the body's and the shared answers.
 */
export function creationRoute<P extends string, B extends Body, E extends Answers, C extends Answer = typeof createdDoc>(
  route: Declared<P> & { body: B; bodyRules?: BodyRulesOptions; errors: E; created?: C },
) {
  const { tags, path, security = BEARER, summary, body, errors } = route;
  return createRoute({
    method: "post",
    path,
    tags,
    security,
    summary,
    parameters: [idempotencyKeyParameter],
    middleware: [bodyRules(route.bodyRules)] as const,
    request: { body },
    responses: { 201: (route.created ?? createdDoc) as C, ...errors, 422: keyReusedDoc, ...bodyErrors, ...authErrors },
  });
}

type Body = NonNullable<Request["body"]>;

/** POST with a JSON body that is not a create: its 201 (`created`), its own and the shared answers. */
export function postRoute<P extends string, Req extends Request, C extends Answer, E extends Answers>(
  route: Declared<P> & { request: Req; created: C; errors: E },
) {
  const { tags, path, security = BEARER, summary, request, created, errors } = route;
  const responses = { 201: created, ...errors, ...bodyErrors, ...authErrors };
  return createRoute({ method: "post", path, tags, security, summary, middleware: [bodyRules()] as const, request, responses });
}

/** PUT with a JSON body answering 204: its own errors, the body's and the shared answers. */
export function putRoute<P extends string, Req extends Request, E extends Answers>(
  route: Declared<P> & { request: Req; bodyRules?: BodyRulesOptions; errors: E },
) {
  const { tags, path, security = BEARER, summary, request, errors } = route;
  const responses = { 204: noContentDoc, ...errors, ...bodyErrors, ...authErrors };
  return createRoute({ method: "put", path, tags, security, summary, middleware: [bodyRules(route.bodyRules)] as const, request, responses });
}

/** DELETE answering 204: its own errors and the shared answers. */
export function deleteRoute<P extends string, Req extends Request, E extends Answers>(
  route: Declared<P> & { request: Req; errors: E },
) {
  const { tags, path, security = BEARER, summary, request, errors } = route;
  return createRoute({ method: "delete", path, tags, security, summary, request, responses: { 204: noContentDoc, ...errors, ...authErrors } });
}

/**
 * GET of one resource: 200 (`item`) or 404 (`notFound`: what the path may name that is not
 * there). Its path parameters are the id unless `params` says otherwise.
 */
export function itemRoute<P extends string, Ok extends Answer, Params extends z.ZodObject = typeof idParam>(
  route: Declared<P> & { params?: Params; item: Ok; notFound: string },
) {
  const { params = idParam as z.ZodObject as Params, item, notFound, ...declared } = route;
  return getRoute({ ...declared, request: { params }, ok: item, errors: { 404: errorDoc(notFound) } });
}

/**
 * GET of a page of a list, on its query: 200 (`page`, with the `Link` header of a keyset list
 * when `cursor`) or 400 (`invalid`, "Invalid paging or filter" unless said).
 */
export function pageRoute<P extends string, Ok extends Answer, Q extends z.ZodObject>(
  route: Declared<P> & { query: Q; page: Ok; cursor?: boolean; invalid?: string },
) {
  const { query, page, cursor = false, invalid = "Invalid paging or filter", ...declared } = route;
  const ok = (cursor ? { ...page, headers: cursorLinkHeader } : page) as Ok;
  return getRoute({ ...declared, request: { query }, ok, errors: { 400: errorDoc(invalid) } });
}

/**
 * The builders above, bound to what every route of one router declares alike (its tags; the
 * operator API's security too), so that a routes file states it once:
 *
 *   const route = routeBuilders({ tags: ["Agreements"] });
 *   const list = route.get({ path: "/agreements", summary, ok });
 */
export function routeBuilders(shared: { tags: string[]; security?: RouteConfig["security"] }) {
  // Each bound builder keeps its builder's type parameters (TypeScript lifts them onto the result).
  const bind =
    <A extends Declared<string>, R>(build: (route: A) => R) =>
    (route: Omit<A, keyof typeof shared>): R =>
      build({ ...route, ...shared } as A);
  return {
    get: bind(getRoute),
    item: bind(itemRoute),
    page: bind(pageRoute),
    create: bind(creationRoute),
    post: bind(postRoute),
    put: bind(putRoute),
    delete: bind(deleteRoute),
  };
}
