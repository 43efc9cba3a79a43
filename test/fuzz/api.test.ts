/**
 * Property-based fuzzing of every endpoint (fast-check, fixed seed, bounded runs; `npm run fuzz`
 * runs longer). Whatever the request, the answer is never a 5xx; every error is
 * `application/json` with an `X-Error-Code` and the contract's error body; every response has
 * the security headers and a safe request id; and (project "workers") a rejected request changes
 * no row of any table. Each property adds the contract's exact answers where the input decides
 * them: body rules, authentication, 405s, 404s for other tenants' ids, list parameters, and the
 * references of POST /registrations. The number of requests sent is printed at the end.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, it, vi } from "vitest";
import { normalizeTags } from "../../src/http/tags";
import { isAllowedText } from "../../src/lib/text-rule";
import { RUNTIME } from "../support/runtime";
import {
  adminAuth,
  anyAuth,
  anyUnicodeText,
  badAuth,
  batchItem,
  bodyless,
  bodySize,
  contentTypeArb,
  encodedSegment,
  extraHeaders,
  fieldRecord,
  hex32,
  hostileString,
  idArb,
  invalidUtf8Body,
  malformedJson,
  methodArb,
  nestedBody,
  protoBody,
  queryArb,
  queryString,
  resourceAuth,
  segmentArb,
  sizedBody,
  wrongValue,
  type AuthPlan,
  type FieldKind,
  type QueryParam,
  type Segment,
} from "./arbitraries";
import { BASE_RUNS, fuzzParameters, SEED, timeoutFor } from "./config";
import { allowedMethods, BODY_ROUTES, LISTS, listMessage, PREFIXES, ROUTES, VALID_PUT_BODY, type Route } from "./endpoints";
import { Fuzzer, fuzzedRequests, fuzzTally, type Observed } from "./harness";
import {
  bodyRules,
  exactly,
  fillPath,
  NOT_FOUND_ID,
  printablePlan,
  Sender,
  sentMethod,
  UNAUTHORIZED,
  type Plan,
} from "./plans";
import { B_MARKER, buildWorld, TokenPool, type World } from "./world";

/** Organization A's token: the plans of every resource-API property send it. */
const AS_A = { header: "Bearer {{A}}", resource: true, admin: false };

/** A JSON POST of organization A to a route with no path parameters, checked as that route. */
function jsonPost(path: string, body: string, ip: string, route: (typeof ROUTES)[number]) {
  return printablePlan({ method: "POST", path, auth: AS_A, contentType: "application/json", body, headers: {}, ip, twin: true, target: { route, params: {} } });
}

let world: World;
let sender: Sender;
const fuzzer = new Fuzzer();

beforeAll(async () => {
  // The Worker (project "workers": in this isolate) logs a JSON line per request; ten thousand
  // of them would bury the report. Lines of other levels (errors: 5xx) still show.
  const log = console.log.bind(console);
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    if (typeof args[0] === "string" && args[0].startsWith('{"level":"info"')) return;
    log(...args);
  });
  world = await buildWorld();
  sender = new Sender(fuzzer, world, new TokenPool(world.a.id, world.a.token));
  await fuzzer.resync();
}, 120_000);

afterAll(() => {
  vi.restoreAllMocks();
  const { byClass, byCollection, refusalsChecked } = fuzzTally();
  console.info(`fuzzed requests by collection (project ${RUNTIME}): ${JSON.stringify(byCollection)}`);
  console.info(
    `fuzzed requests: ${fuzzedRequests()} (project ${RUNTIME}, seed ${SEED}, base runs ${BASE_RUNS}); ` +
      `responses ${JSON.stringify(byClass)}; refused requests followed by an unchanged database: ${refusalsChecked}` +
      (RUNTIME === "workers" ? "" : " (no table check: the database is the server's)"),
  );
});

// ---------------------------------------------------------------------------------------------
// What the generators draw from (built lazily: the world exists only once beforeAll has run)

/** Tenant A's ids of the kind a path parameter names. */
function ownIds(route: Route, param: string): readonly string[] {
  if (route.api === "admin") return [world.a.id];
  if (param === "userId") return world.a.users;
  switch (route.resource) {
    case "users":
      return world.a.users;
    case "offerings":
      return world.a.offerings;
    case "offeringcategories":
      return world.a.categories;
    case "registrations":
      return world.a.registrations;
    case "userfieldcategories":
      return world.a.userfieldCategories;
    case "userfields":
      return world.a.userfields;
    case "webhooks":
      return world.a.webhooks;
    default:
      return [];
  }
}

function otherIds(route: Route): readonly string[] {
  return route.api === "admin" ? [world.b.id] : [...world.bIds];
}

/** Values of id fields in bodies: tenant A's users, offerings, categories, B's, unknown, hostile. */
function referenceIds(): fc.Arbitrary<string> {
  return idArb([...world.a.users, ...world.a.offerings, ...world.a.categories, ...world.a.userfieldCategories], [...world.bIds]);
}

/** A userfield values body: tenant A's fields, B's, unknown and hostile keys; values of every type and none. */
function userfieldValuesRecord(): fc.Arbitrary<Record<string, unknown>> {
  const key = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...world.a.userfields) },
    { weight: 2, arbitrary: idArb([], [...world.b.userfields]) },
    { weight: 1, arbitrary: hostileString },
  );
  const value = fc.oneof(
    fc.constantFrom("M", "L", "yes", "", null, 7, 2.5, true, ["M"], "2026-01-31", "ada@example.test"),
    anyUnicodeText,
    wrongValue,
  );
  return fc.dictionary(key, value, { maxKeys: 5 });
}

const typeValue = fc.oneof({ weight: 4, arbitrary: fc.constantFrom("standard", "custom") }, { weight: 1, arbitrary: hostileString });

/**
 * Segments for a route's parameters. `includeOwn`: false keeps tenant A's own ids out, so that a
 * DELETE never removes the rows the other properties aim at.
 */
function segments(route: Route, includeOwn: boolean, encodedOnly: boolean): fc.Arbitrary<Record<string, Segment>> {
  const names = [...route.template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "");
  const shape: Record<string, fc.Arbitrary<Segment>> = {};
  for (const name of names) {
    const values = name === "type" ? typeValue : idArb(includeOwn ? ownIds(route, name) : [], otherIds(route));
    shape[name] = encodedOnly ? values.map(encodedSegment) : segmentArb(values);
  }
  return fc.record(shape);
}

const prefixArb = fc.constantFrom(...PREFIXES);
const ipArb = fc.ipV4();

function baseOf(route: Route, prefix: string): string {
  return route.api === "admin" ? "/admin/v1" : prefix;
}

/** The fields of a route's body for `method` (any body of the route when it takes none). */
function fieldsOf(route: Route, method?: "POST" | "PUT"): Record<string, FieldKind> {
  return (method === undefined ? undefined : route.bodies?.[method]) ?? route.bodies?.POST ?? route.bodies?.PUT ?? { name: "text" };
}

function bodyArb(route: Route, method?: "POST" | "PUT"): fc.Arbitrary<string | Uint8Array> {
  const fields = fieldsOf(route, method);
  const record = route.keyedBody === "userfieldValues" ? userfieldValuesRecord() : fieldRecord(fields, referenceIds());
  const json = record.map((v) => JSON.stringify(v));
  const names = route.keyedBody === "userfieldValues" ? world.a.userfields.slice(0, 3) : Object.keys(fields);
  return fc.oneof(
    { weight: 8, arbitrary: json },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
    { weight: 3, arbitrary: protoBody(record, names) },
    { weight: 1, arbitrary: nestedBody(names) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...names, "unknownField"), bodySize, fc.constantFrom("a", "é", "€", "😀", "\\u0000"))
        .map(([field, size, filler]) => sizedBody(field, size, filler)),
    },
    { weight: 2, arbitrary: invalidUtf8Body(json) },
    { weight: 2, arbitrary: malformedJson(json) },
  );
}

function withIdempotencyKey(headers: Record<string, string>, method: string): Record<string, string> {
  if (method === "POST") return headers;
  const rest = { ...headers };
  delete rest["Idempotency-Key"];
  return rest;
}

// ---------------------------------------------------------------------------------------------
// Oracles shared by the properties

/** Nothing of tenant B ever reaches tenant A. */
function noLeak(observed: Observed): string[] {
  return observed.text.includes(B_MARKER) ? [`tenant B's data (${B_MARKER}) in a response to tenant A`] : [];
}

const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort().join();

/** The app parses request bodies in this isolate (project "workers"): none may pollute Object.prototype. */
function unpolluted(): string[] {
  const now = Object.getOwnPropertyNames(Object.prototype).sort().join();
  const probe = {} as Record<string, unknown>;
  return now === prototypeKeys && probe.polluted === undefined && probe.isAdmin === undefined
    ? []
    : ["Object.prototype was polluted"];
}

function presence(value: unknown): "missing" | "string" | "other" {
  if (value === undefined || value === null || value === "") return "missing";
  return typeof value === "string" ? "string" : "other";
}

/** POST /registrations without an Idempotency-Key: steps 2 and 3 of API.md §3, exactly. */
function registrationReferences(value: Record<string, unknown>, observed: Observed): string[] {
  const step2: string[] = [];
  for (const field of ["userId", "offeringId"]) {
    const kind = presence(value[field]);
    if (kind === "missing") step2.push(`${field} is required`);
    if (kind === "other") step2.push(`${field} must be a string`);
  }
  if (step2.length > 0) {
    return exactly(observed, { status: 400, code: "validation_failed", body: { errors: step2 } }, "POST /registrations step 2");
  }
  const step3: string[] = [];
  if (!world.aLiveUsers.has(value.userId as string)) step3.push("No user exists with the given userId");
  if (!world.aLiveOfferings.has(value.offeringId as string)) step3.push("No offering exists with the given offeringId");
  if (step3.length > 0) {
    const code = step3[0]!.startsWith("No user") ? "unknown_user" : "unknown_offering";
    return exactly(observed, { status: 400, code, body: { errors: step3 } }, "POST /registrations step 3");
  }
  if (observed.status === 201) return [];
  const unavailable = {
    status: 400,
    code: observed.headers.get("x-error-code") ?? "",
    body: { errors: ["This offering is not available for registration for the given user"] },
  };
  const reasons = ["already_registered", "retake_not_allowed", "registration_not_open", "registration_closed", "offering_ended", "offering_full"];
  return reasons.includes(unavailable.code)
    ? exactly(observed, unavailable, "POST /registrations step 4")
    : [`POST /registrations with tenant A's own user and offering: ${observed.status} ${unavailable.code}`];
}

/** The answer to one item of POST /registrations/batch, where steps 2 and 3 of API.md §3 decide it; null when they pass it. */
function batchItemAnswer(item: unknown): { status: number; errors: string[]; code: string } | null {
  if (item === null || typeof item !== "object" || Array.isArray(item)) {
    return { status: 400, errors: ["Request body must be a JSON object"], code: "invalid_body" };
  }
  const fields = item as Record<string, unknown>;
  const step2: string[] = [];
  for (const field of ["userId", "offeringId"]) {
    const kind = presence(fields[field]);
    if (kind === "missing") step2.push(`${field} is required`);
    if (kind === "other") step2.push(`${field} must be a string`);
  }
  if (step2.length > 0) return { status: 400, errors: step2, code: "validation_failed" };
  const step3: string[] = [];
  if (!world.aLiveUsers.has(fields.userId as string)) step3.push("No user exists with the given userId");
  if (!world.aLiveOfferings.has(fields.offeringId as string)) step3.push("No offering exists with the given offeringId");
  if (step3.length === 0) return null;
  return { status: 400, errors: step3, code: step3[0]!.startsWith("No user") ? "unknown_user" : "unknown_offering" };
}

const AVAILABILITY_CODES = ["already_registered", "retake_not_allowed", "registration_not_open", "registration_closed", "offering_ended", "offering_full"];
const BATCH_SIZE_MESSAGE = "registrations must be an array of 1 to 500 items";

/** JSON with its keys sorted, to compare objects whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/**
 * POST /registrations/batch (without an Idempotency-Key): the list's shape and `atomic` exactly
 * (one 400 listing both), then each item answered as the single POST answers it at steps 2 and 3;
 * an atomic batch with such an item is the 409 that registered nothing.
 */
function batchExpectations(value: Record<string, unknown> | undefined, observed: Observed): string[] {
  if (value === undefined) return [];
  // A body's null is absent and its "" a null (src/http/json-body.ts).
  const read = (key: string) => (value[key] === "" ? null : value[key]);
  const list = read("registrations");
  const atomic = read("atomic");
  const errors: string[] = [];
  if (!Array.isArray(list) || list.length < 1 || list.length > 500) errors.push(BATCH_SIZE_MESSAGE);
  if (atomic !== undefined && typeof atomic !== "boolean" && value.atomic !== null) errors.push("atomic must be a boolean");
  if (errors.length > 0) return exactly(observed, { status: 400, code: "validation_failed", body: { errors } }, "POST /registrations/batch shape");
  const items = list as unknown[];
  const expected = items.map(batchItemAnswer);
  const body = observed.json as { results?: Record<string, unknown>[]; errors?: string[] } | undefined;
  const found: string[] = [];
  const refusedAtomic = atomic === true && expected.some((answer) => answer !== null);
  if (refusedAtomic) {
    if (observed.status !== 409 || canonical(body?.errors) !== canonical(["No registration was made: at least one item was refused"])) {
      found.push(`an atomic batch with a refused item: ${observed.status} ${canonical(body?.errors)}, not the 409`);
    }
  } else if (observed.status !== 200 && observed.status !== 409) {
    return [`POST /registrations/batch of a well-formed list: ${observed.status}`];
  }
  const results = body?.results;
  if (!Array.isArray(results) || results.length !== items.length) return [...found, "the batch's results are not one per item"];
  expected.forEach((answer, i) => {
    const result = results[i];
    if (answer !== null) {
      if (canonical(result) !== canonical(answer)) found.push(`batch item ${i}: ${canonical(result)}, not ${canonical(answer)}`);
    } else if (!(result?.status === 201 || result?.status === 409 || (result?.status === 400 && AVAILABILITY_CODES.includes(String(result.code))))) {
      found.push(`batch item ${i} with tenant A's own user and offering: ${canonical(result)}`);
    }
  });
  return found;
}

/**
 * PUT /users/<own user>/userfieldvalues: every key that is not a live userfield of the tenant
 * (B's, unknown, hostile) is reported exactly, and nothing else but "Invalid value for …" of the
 * tenant's own fields; a user that is not the tenant's is never written.
 */
function userfieldValuesExpectations(userId: string, value: Record<string, unknown> | undefined, observed: Observed): string[] {
  if (value === undefined) return [];
  if (!world.a.users.includes(userId)) {
    return observed.status < 300 ? ["PUT of userfield values of a user that is not the tenant's succeeded"] : [];
  }
  const unknown = Object.keys(value).filter((key) => !world.a.userfields.includes(key));
  const shown = (observed.json as { fieldErrors?: Record<string, string> } | undefined)?.fieldErrors ?? {};
  const found: string[] = [];
  if (observed.status === 204) {
    return unknown.length > 0 ? [`204 for userfield values with keys that name no userfield: ${JSON.stringify(unknown)}`] : [];
  }
  if (observed.status !== 400 || observed.headers.get("x-error-code") !== "validation_failed") {
    return [`PUT userfield values answered ${observed.status}`];
  }
  for (const key of unknown) {
    if (shown[key] !== "No userfield exists with the given id") found.push(`unknown userfield ${JSON.stringify(key)} reported as ${JSON.stringify(shown[key])}`);
  }
  for (const [key, message] of Object.entries(shown)) {
    if (unknown.includes(key)) continue;
    if (!(key in value) || !message.startsWith("Invalid value for ")) found.push(`userfield ${JSON.stringify(key)}: ${JSON.stringify(message)}`);
  }
  return found;
}

async function check<T>(property: fc.IAsyncProperty<[T]>, index: number, weight: number): Promise<void> {
  await fc.assert(property, fuzzParameters(index, weight));
  await fuzzer.flush();
}

// ---------------------------------------------------------------------------------------------

describe(`fuzz (seed ${SEED}, ${BASE_RUNS} base runs)`, () => {
  const BODY_WEIGHT = 3;
  it("POST and PUT bodies: body rules, field types, prototype keys, references", { timeout: timeoutFor(BODY_WEIGHT, 2) }, async () => {
    const plans = fc.constantFrom(...BODY_ROUTES).chain(({ route, method }) =>
      fc
        .record({
          prefix: prefixArb,
          segments: segments(route, false, true),
          contentType: contentTypeArb,
          body: bodyArb(route, method),
          headers: extraHeaders,
          ip: ipArb,
        })
        .map(({ prefix, segments: s, contentType, body, headers, ip }): Plan => {
          const { path, clean } = fillPath(baseOf(route, prefix), route, s);
          const params = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.value]));
          return printablePlan({
            method,
            path,
            auth: route.api === "admin" ? { header: "Bearer {{ADMIN}}", resource: false, admin: true } : AS_A,
            contentType,
            body,
            headers: withIdempotencyKey(headers, method),
            ip,
            twin: route.api === "resource" && clean,
            target: clean ? { route, params } : undefined,
          });
        }),
    );
    // Own ids too, so that valid bodies reach the update of an existing row.
    const ownPlans = fc.constantFrom(...BODY_ROUTES.filter((r) => r.method === "PUT" && r.route.api === "resource")).chain(
      ({ route, method }) =>
        fc
          .record({
            prefix: prefixArb,
            id: fc.constantFrom(...ownIds(route, route.template.includes("{userId}") ? "userId" : "id")),
            type: fc.constantFrom("standard", "custom"),
            contentType: contentTypeArb,
            body: bodyArb(route, method),
            ip: ipArb,
          })
          .map(({ prefix, id, type, contentType, body, ip }): Plan => {
            const segs = { id: encodedSegment(id), userId: encodedSegment(id), type: encodedSegment(type) };
            const { path } = fillPath(prefix, route, segs);
            return printablePlan({
              method,
              path,
              auth: AS_A,
              contentType,
              body,
              headers: {},
              ip,
              twin: true,
              target: { route, params: { id, userId: id, type } },
            });
          }),
    );
    const property = fc.asyncProperty(fc.oneof(plans, ownPlans), async (plan) => {
      await sender.send(plan, (observed) => {
        const found = [...unpolluted()];
        if (plan.auth.resource === true) found.push(...noLeak(observed));
        if (plan.target === undefined) return found;
        const rules = bodyRules(plan, observed);
        found.push(...rules.found);
        const value = rules.value;
        if (value === undefined) return found;
        const { route, params } = plan.target;
        if (route.resource !== undefined && plan.method === "PUT" && !ownIds(route, "id").includes(params.id ?? "")) {
          if (observed.status < 300) found.push("PUT of an id that is not the tenant's succeeded");
        }
        if (route.template === "/registrations" && value !== undefined && !("Idempotency-Key" in plan.headers)) {
          found.push(...registrationReferences(value, observed));
        }
        if (route.template === "/registrations/batch" && !("Idempotency-Key" in plan.headers)) found.push(...batchExpectations(value, observed));
        if (route.keyedBody === "userfieldValues") found.push(...userfieldValuesExpectations(params.userId ?? "", value, observed));
        return found;
      });
    });
    await check(property, 1, BODY_WEIGHT);
  });

  const ID_WEIGHT = 2;
  it("ids in paths: unknown, malformed, hostile and other tenants' ids are one 404", { timeout: timeoutFor(ID_WEIGHT, 2) }, async () => {
    const itemRoutes = ROUTES.filter((route) => route.api === "resource" && /\{(id|userId|type)\}/.test(route.template));
    const plans = fc.constantFrom(...itemRoutes).chain((route) =>
      fc
        .oneof({ weight: 5, arbitrary: fc.constantFrom(...route.methods, "DELETE") }, { weight: 1, arbitrary: methodArb })
        .chain((method) =>
          fc.record({
            prefix: prefixArb,
            method: fc.constant(method),
            segments: segments(route, sentMethod(method) !== "DELETE", true),
            validBody: fc.boolean(),
            body: bodyArb(route, "PUT"),
            ip: ipArb,
          }),
        )
        .map(({ prefix, method, segments: s, validBody, body, ip }): Plan => {
          const { path, clean } = fillPath(prefix, route, s);
          const params = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.value]));
          const sendsBody = !bodyless(method);
          return printablePlan({
            method,
            path,
            auth: AS_A,
            contentType: sendsBody ? "application/json" : undefined,
            body: sendsBody ? (validBody ? JSON.stringify(VALID_PUT_BODY[route.template] ?? {}) : body) : undefined,
            headers: {},
            ip,
            twin: clean,
            target: clean ? { route, params } : undefined,
          });
        }),
    );
    const property = fc.asyncProperty(plans, async (plan) => {
      await sender.send(plan, (observed) => {
        const found = noLeak(observed);
        if (plan.target === undefined) return found;
        const { route, params } = plan.target;
        const method = sentMethod(plan.method);
        if (!allowedMethods(route).includes(method)) return found;
        const validPut = method === "PUT" && plan.body === JSON.stringify(VALID_PUT_BODY[route.template]);
        const ownId = params.id === undefined || ownIds(route, "id").includes(params.id);
        const ownUser = params.userId === undefined || world.a.users.includes(params.userId);
        if (route.resource !== undefined && !ownId && (method !== "PUT" || validPut)) {
          found.push(...exactly(observed, NOT_FOUND_ID, `${method} ${route.template} of an id that is not the tenant's`));
        } else if ((!ownUser || (params.type !== undefined && !["standard", "custom"].includes(params.type))) && (method !== "PUT" || validPut)) {
          if (observed.status !== 404) found.push(`${method} ${route.template} with an unknown user or type: ${observed.status}, not 404`);
        }
        return found;
      });
    });
    await check(property, 2, ID_WEIGHT);
  });

  const LIST_WEIGHT = 2;
  it("lists: random query strings (limit, offset, date filters, filters)", { timeout: timeoutFor(LIST_WEIGHT, 2) }, async () => {
    const refs = fc.oneof(referenceIds(), fc.constantFrom(...world.a.users));
    const lists = [
      ...LISTS.map((list) => ({ list, path: list.path })),
      ...world.a.users.slice(0, 1).map((id) => ({ list: { path: "/users/{id}/agreements", paged: false, dateParams: [], otherParams: [] }, path: `/users/${id}/agreements` })),
    ];
    const plans = fc.constantFrom(...lists).chain(({ list, path }) =>
      fc.record({ prefix: prefixArb, query: queryArb(list, refs), ip: ipArb, method: fc.constantFrom("GET", "GET", "GET", "HEAD") }).map(
        ({ prefix, query, ip, method }) => ({
          list,
          query,
          plan: printablePlan({
            method,
            path: `${prefix}${path}${queryString(query)}`,
            auth: AS_A,
            headers: {},
            ip,
            twin: true,
          }),
        }),
      ),
    );
    const property = fc.asyncProperty(plans, async ({ list, query, plan }) => {
      await sender.send(plan, (observed) => listExpectations(list, query, plan, observed));
    });
    await check(property, 3, LIST_WEIGHT);
  });

  const METHOD_WEIGHT = 2.5;
  it("methods, paths, Authorization headers and Content-Types on every route", { timeout: timeoutFor(METHOD_WEIGHT, 2) }, async () => {
    const routePlans = fc.constantFrom(...ROUTES).chain((route) =>
      fc
        .record({
          method: fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...route.methods) }, { weight: 3, arbitrary: methodArb }),
          prefix: prefixArb,
          auth: route.api === "admin" ? fc.oneof(adminAuth, badAuth, resourceAuth) : anyAuth,
          junk: fc.oneof(
            { weight: 6, arbitrary: fc.constant("") },
            {
              weight: 1,
              arbitrary: fc.constantFrom("/", "//", "/extra", "/..", "/.", "/%2e%2e", "/openapi.json", ";x", "/%2F", "?x=1", "#frag", "/..%2f..%2fadmin%2fv1"),
            },
          ),
          contentType: contentTypeArb,
          headers: extraHeaders,
          ip: ipArb,
        })
        .chain((r) =>
          fc
            .record({
              segments: segments(route, sentMethod(r.method) !== "DELETE", false),
              body: bodyArb(route),
            })
            .map(({ segments: s, body }): Plan => {
              const { path, clean } = fillPath(baseOf(route, r.prefix), route, s);
              const params = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.value]));
              const sendsBody = !bodyless(r.method);
              return printablePlan({
                method: r.method,
                path: path + r.junk,
                auth: r.auth,
                contentType: r.contentType,
                body: sendsBody ? body : undefined,
                headers: r.headers,
                ip: r.ip,
                twin: route.api === "resource" && clean && r.junk === "",
                target: clean && r.junk === "" ? { route, params } : undefined,
              });
            }),
        ),
    );
    const junkPaths = fc
      .record({
        method: methodArb,
        path: fc.oneof(
          fc.constantFrom("/", "/dc/api/v5", "/api/v5", "/dc/api/v5/", "/dc/api/v4/users", "/DC/API/V5/users", "/dc/api/v5x/users", "//dc/api/v5/users", "/dc//api/v5/users", "/admin/v1", "/admin/v1/", "/admin/v2/organizations", "/docs", "/docs/", "/openapi.json", "/dc/api/v5/openapi.json", "/api/v5/openapi.json", "/admin/v1/openapi.json", "/dc/api/v5/users/openapi.json", "/%64c/api/v5/users", "/dc/api/v5/../v5/users", "/dc/api/v5/users/../../../admin/v1/organizations"),
          fc.array(hostileString.map((s) => encodedSegment(s).text), { minLength: 1, maxLength: 4 }).map((parts) => `/${parts.join("/")}`),
          fc
            .tuple(fc.constantFrom("/dc/api/v5/", "/api/v5/", "/admin/v1/"), fc.array(fc.oneof(hostileString, hex32).map((s) => encodedSegment(s).text), { minLength: 1, maxLength: 4 }))
            .map(([base, parts]) => base + parts.join("/")),
        ),
        auth: anyAuth,
        contentType: contentTypeArb,
        body: fc.oneof(fc.jsonValue().map((v) => JSON.stringify(v)), fc.uint8Array({ maxLength: 32 })),
        headers: extraHeaders,
        ip: ipArb,
      })
      .map((r): Plan =>
        printablePlan({
          method: r.method,
          path: r.path,
          auth: r.auth,
          contentType: r.contentType,
          body: bodyless(r.method) ? undefined : r.body,
          headers: r.headers,
          ip: r.ip,
        }),
      );
    const property = fc.asyncProperty(fc.oneof({ weight: 3, arbitrary: routePlans }, { weight: 1, arbitrary: junkPaths }), async (plan) => {
      await sender.send(plan, (observed) => routingExpectations(plan, observed));
    });
    await check(property, 4, METHOD_WEIGHT);
  });

  const ADMIN_WEIGHT = 1;
  it("operator API: ids, bodies and credentials", { timeout: timeoutFor(ADMIN_WEIGHT) }, async () => {
    const adminRoutes = ROUTES.filter((route) => route.api === "admin");
    const plans = fc.constantFrom(...adminRoutes).chain((route) =>
      fc
        .record({
          method: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...route.methods) }, { weight: 1, arbitrary: methodArb }),
          auth: fc.oneof({ weight: 3, arbitrary: adminAuth }, { weight: 2, arbitrary: badAuth }, { weight: 1, arbitrary: resourceAuth }),
          validBody: fc.boolean(),
          body: bodyArb(route),
          ip: ipArb,
        })
        .chain((r) =>
          segments(route, sentMethod(r.method) !== "DELETE", true).map((s): Plan => {
            const { path, clean } = fillPath("/admin/v1", route, s);
            const params = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.value]));
            const sendsBody = !bodyless(r.method);
            const valid = JSON.stringify(VALID_PUT_BODY[route.template] ?? { name: "Fuzzed org" });
            return printablePlan({
              method: r.method,
              path,
              auth: r.auth,
              contentType: sendsBody ? "application/json" : undefined,
              body: sendsBody ? (r.validBody ? valid : r.body) : undefined,
              headers: {},
              ip: r.ip,
              target: clean ? { route, params } : undefined,
            });
          }),
        ),
    );
    const property = fc.asyncProperty(plans, async (plan) => {
      await sender.send(plan, (observed) => {
        const found = routingExpectations(plan, observed);
        if (plan.auth.admin !== true || plan.target === undefined) return found;
        const { route, params } = plan.target;
        const method = sentMethod(plan.method);
        if (!route.methods.includes(method)) return found;
        if (method !== "DELETE") {
          const rules = bodyRules(plan, observed);
          if (rules.found.length > 0 || rules.value === undefined) return [...found, ...rules.found];
        }
        const knownOrg = params.id === world.a.id || params.id === world.b.id;
        const validBody = method === "DELETE" || plan.body === JSON.stringify(VALID_PUT_BODY[route.template] ?? { name: "Fuzzed org" });
        if (params.id !== undefined && !knownOrg && validBody && route.template !== "/tokens/{id}") {
          found.push(...exactly(observed, NOT_FOUND_ID, `${method} ${route.template} of an unknown organization`));
        }
        if (route.template === "/tokens/{id}" && method === "DELETE") {
          found.push(...exactly(observed, NOT_FOUND_ID, "DELETE of an unknown token"));
        }
        return found;
      });
    });
    await check(property, 5, ADMIN_WEIGHT);
  });

  const REFERENCE_WEIGHT = 0.5;
  it("POST /registrations references: own, other tenant's, unknown, malformed, wrong types", { timeout: timeoutFor(REFERENCE_WEIGHT, 2) }, async () => {
    const route = ROUTES.find((r) => r.template === "/registrations")!;
    const reference = (own: readonly string[]) =>
      fc.oneof(
        { weight: 3, arbitrary: idArb(own, [...world.bIds]) },
        { weight: 2, arbitrary: wrongValue },
        { weight: 1, arbitrary: fc.constant(undefined) },
      );
    const plans = fc
      .record({
        prefix: prefixArb,
        userId: reference(world.a.users),
        offeringId: reference(world.a.offerings),
        extra: fc.option(fc.dictionary(hostileString, wrongValue, { maxKeys: 2 }), { freq: 3 }),
        ip: ipArb,
      })
      .map(({ prefix, userId, offeringId, extra, ip }) =>
        jsonPost(`${prefix}/registrations`, JSON.stringify({ ...(extra ?? {}), userId, offeringId }), ip, route),
      );
    const property = fc.asyncProperty(plans, async (plan) => {
      await sender.send(plan, (observed) => {
        const { found, value } = bodyRules(plan, observed);
        return [...noLeak(observed), ...found, ...(value === undefined ? [] : registrationReferences(value, observed))];
      });
    });
    await check(property, 7, REFERENCE_WEIGHT);
  });

  const BATCH_WEIGHT = 0.5;
  it("POST /registrations/batch: lists of references, atomic, list shapes", { timeout: timeoutFor(BATCH_WEIGHT, 2) }, async () => {
    const route = ROUTES.find((r) => r.template === "/registrations/batch")!;
    const refs = idArb([...world.a.users, ...world.a.offerings], [...world.bIds]);
    const list = fc.oneof(
      { weight: 8, arbitrary: fc.array(batchItem(refs), { minLength: 1, maxLength: 8 }) },
      { weight: 1, arbitrary: fc.oneof(wrongValue, fc.constant([])) },
    );
    const plans = fc
      .record({
        prefix: prefixArb,
        registrations: list,
        atomic: fc.option(fc.oneof({ weight: 4, arbitrary: fc.boolean() }, { weight: 1, arbitrary: wrongValue }), { freq: 2 }),
        ip: ipArb,
      })
      .map(({ prefix, registrations, atomic, ip }) =>
        jsonPost(`${prefix}/registrations/batch`, JSON.stringify(atomic === null ? { registrations } : { registrations, atomic }), ip, route),
      );
    const property = fc.asyncProperty(plans, async (plan) => {
      await sender.send(plan, (observed) => {
        const { found, value } = bodyRules(plan, observed);
        return [...noLeak(observed), ...found, ...batchExpectations(value, observed)];
      });
    });
    await check(property, 8, BATCH_WEIGHT);
  });

  const VALUES_WEIGHT = 0.5;
  it("PUT /users/<id>/userfieldvalues: any keys and values, own and other users", { timeout: timeoutFor(VALUES_WEIGHT, 2) }, async () => {
    const route = ROUTES.find((r) => r.keyedBody === "userfieldValues")!;
    const plans = fc
      .record({
        prefix: prefixArb,
        userId: idArb(world.a.users, [...world.bIds]),
        body: fc.oneof({ weight: 4, arbitrary: userfieldValuesRecord().map((v) => JSON.stringify(v)) }, { weight: 1, arbitrary: bodyArb(route, "PUT") }),
        ip: ipArb,
      })
      .map(({ prefix, userId, body, ip }) => {
        const segment = encodedSegment(userId);
        return printablePlan({
          method: "PUT",
          path: `${prefix}/users/${segment.text}/userfieldvalues`,
          auth: AS_A,
          contentType: "application/json",
          body,
          headers: {},
          ip,
          twin: segment.clean,
          target: segment.clean ? { route, params: { userId } } : undefined,
        });
      });
    const property = fc.asyncProperty(plans, async (plan) => {
      await sender.send(plan, (observed) => {
        if (plan.target === undefined) return noLeak(observed);
        const { found, value } = bodyRules(plan, observed);
        return [...noLeak(observed), ...found, ...userfieldValuesExpectations(plan.target.params.userId ?? "", value, observed)];
      });
    });
    await check(property, 9, VALUES_WEIGHT);
  });

  const SIZE_WEIGHT = 0.4;
  it("sizes and nesting: 64 KiB limit, huge strings, deep nesting (with Idempotency-Key)", { timeout: timeoutFor(SIZE_WEIGHT, 2) }, async () => {
    const posts = BODY_ROUTES.filter((r) => r.method === "POST" && r.route.api === "resource");
    const plans = fc.constantFrom(...posts).chain(({ route, method, fields }) =>
      fc
        .record({
          prefix: prefixArb,
          body: fc.oneof(
            fc
              .tuple(fc.constantFrom(...Object.keys(fields), "unknownField"), bodySize, fc.constantFrom("a", "é", "€", "😀"))
              .map(([field, size, filler]) => sizedBody(field, size, filler)),
            nestedBody(Object.keys(fields)),
            fc
              .tuple(fieldRecord(fields, referenceIds()), fc.integer({ min: 1, max: 40_000 }), wrongValue)
              .map(([record, depth, leaf]) => {
                const nested = "[".repeat(depth) + JSON.stringify(leaf) + "]".repeat(depth);
                const text = JSON.stringify(record);
                return text === "{}" ? `{"deep":${nested}}` : `{"deep":${nested},${text.slice(1)}`;
              }),
          ),
          key: fc.option(fc.tuple(fc.constantFrom("size-key", "deep-key"), fc.nat(50)).map(([k, n]) => `${k}-${n}`), { freq: 2 }),
          ip: ipArb,
        })
        .map(({ prefix, body, key, ip }): Plan =>
          printablePlan({
            method,
            path: `${prefix}${route.template}`,
            auth: AS_A,
            contentType: "application/json",
            body,
            headers: key === null ? {} : { "Idempotency-Key": key },
            ip,
            twin: true,
            target: { route, params: {} },
          }),
        ),
    );
    const property = fc.asyncProperty(plans, async (plan) => {
      await sender.send(plan, (observed) => {
        return bodyRules(plan, observed).found;
      });
    });
    await check(property, 6, SIZE_WEIGHT);
  });
});

// ---------------------------------------------------------------------------------------------

function isResourcePath(pathname: string): boolean {
  return PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/** Authentication comes first (401), then path and method (405 with the route's Allow). */
function routingExpectations(plan: Plan, observed: Observed): string[] {
  const found: string[] = [];
  const pathname = new URL(`http://fuzz.test${observed.request.path}`).pathname;
  const resource = isResourcePath(pathname) && !PREFIXES.some((prefix) => pathname === `${prefix}/openapi.json`);
  const admin = pathname.startsWith("/admin/v1/") && pathname !== "/admin/v1/openapi.json";
  const authenticated: AuthPlan["resource"] = resource ? plan.auth.resource : admin ? plan.auth.admin : "unknown";
  if ((resource || admin) && authenticated === false) {
    found.push(...exactly(observed, UNAUTHORIZED, "unauthenticated"));
    if (plan.auth.header === undefined && observed.headers.get("www-authenticate") !== 'Bearer realm="api"') {
      found.push("401 for a missing Authorization header without the plain Bearer challenge");
    }
    return found;
  }
  if (resource && authenticated === true) found.push(...noLeak(observed));
  if (plan.target !== undefined && authenticated === true) {
    const allowed = allowedMethods(plan.target.route);
    const method = sentMethod(plan.method);
    if (!allowed.includes(method)) {
      found.push(...exactly(observed, { status: 405, code: "method_not_allowed", body: { errors: ["Method not allowed"] } }, `${method} on ${plan.target.route.template}`));
      const allow = (observed.headers.get("allow") ?? "").split(",").map((m) => m.trim()).filter(Boolean).sort();
      if (allow.join() !== [...allowed].sort().join()) found.push(`Allow is ${JSON.stringify(allow)}, not ${JSON.stringify(allowed)}`);
    } else if (observed.status === 405) {
      found.push(`405 for ${method}, which ${plan.target.route.template} answers`);
    }
  }
  return found;
}

interface ListLike {
  path: string;
  paged: boolean;
}

const LIST_KEYS = new Set(["results", "next", "previous"]);

const SUBSTRING_FILTERS = new Set(["firstName", "lastName", "username", "email", "title", "name"]);

/** The messages a plain filter may be refused with. */
function boundedFilterMessages(key: string): string[] {
  return [
    `${key} contains characters that are not allowed`,
    ...(SUBSTRING_FILTERS.has(key) ? [`${key} must be at most 255 characters`] : []),
    ...(key === "tag" ? ["tag accepts at most 20 tags"] : []),
  ];
}

/** Which of them this value must get (the first check that fails), or undefined. */
function boundedFilterVerdict(key: string, value: string): string | undefined {
  if (SUBSTRING_FILTERS.has(key) && value.length > 255) return `${key} must be at most 255 characters`;
  if (!isAllowedText(value)) return `${key} contains characters that are not allowed`;
  if (key === "tag" && normalizeTags([value]).length > 20) return "tag accepts at most 20 tags";
  return undefined;
}

/** The idea of each list's answer the query string decides (API.md §6). */
function listExpectations(list: ListLike & { dateParams: readonly string[]; otherParams: readonly string[]; enumParams?: Readonly<Record<string, readonly string[]>>; keyset?: boolean }, query: QueryParam[], plan: Plan, observed: Observed): string[] {
  const found = noLeak(observed);
  if (observed.status !== 200 && observed.status !== 400) return [...found, `a list answered ${observed.status}`];
  const url = new URL(`http://fuzz.test${observed.request.path}`);
  const known = new Set([
    ...(list.paged ? ["limit", "offset"] : []),
    ...list.dateParams,
    ...Object.keys(list.enumParams ?? {}),
    ...(list.keyset ? ["after"] : []),
  ]);
  const errors = observed.status === 400 ? ((observed.json as { errors?: string[] } | undefined)?.errors ?? []) : [];
  if (observed.status === 400) {
    // A plain filter given more than once is refused with its own message.
    const repeated = [...list.otherParams, ...(list.keyset ? ["after"] : [])].filter((key) => url.searchParams.getAll(key).length > 1);
    const allowed = new Set([
      ...[...known].map(listMessage),
      ...repeated.map((key) => `${key} must be given once`),
      ...list.otherParams.flatMap((key) => [...boundedFilterMessages(key)]),
    ]);
    const stray = errors.filter((message) => !allowed.has(message));
    if (stray.length > 0) found.push(`list errors not of its parameters: ${JSON.stringify(stray)}`);
    if (observed.headers.get("x-error-code") !== "validation_failed") found.push("a list's 400 is not validation_failed");
  }
  // Where the contract decides a parameter's validity, its message is there exactly when invalid.
  for (const param of query) {
    if (observed.request.method === "HEAD") break;
    if (!known.has(param.key) || !param.encoded || param.validity === "unknown") continue;
    const all = url.searchParams.getAll(param.key);
    if (all.length !== 1 || all[0] !== param.value) continue;
    const message = listMessage(param.key) ?? "";
    const shown = errors.includes(message);
    if (param.validity === "invalid" && !shown) found.push(`${param.key}=${JSON.stringify(param.value)} was not refused`);
    if (param.validity === "valid" && shown) found.push(`${param.key}=${JSON.stringify(param.value)} was refused`);
  }
  // The bounds and the text rule of plain filters (API.md §1, §6), decided by the value.
  for (const key of list.otherParams) {
    if (observed.request.method === "HEAD") break;
    const all = url.searchParams.getAll(key);
    if (all.length !== 1) continue;
    const expected = boundedFilterVerdict(key, all[0] ?? "");
    for (const message of boundedFilterMessages(key)) {
      const shown = errors.includes(message);
      if (message === expected && !shown) found.push(`${key}=${JSON.stringify(all[0])} was not refused with ${message}`);
      if (message !== expected && shown) found.push(`${key}=${JSON.stringify(all[0])} was refused with ${message}`);
    }
  }
  if (observed.status !== 200 || observed.request.method === "HEAD") return found;
  const body = observed.json as Record<string, unknown> | undefined;
  if (body === undefined || typeof body !== "object" || !Array.isArray(body.results)) return [...found, "a list without results"];
  const extra = Object.keys(body).filter((key) => !LIST_KEYS.has(key));
  if (extra.length > 0) found.push(`a list with keys ${JSON.stringify(extra)}`);
  for (const link of ["next", "previous"]) {
    const value = body[link];
    if (value === undefined) continue;
    if (typeof value !== "string" || !value.startsWith(`${url.pathname}?`)) found.push(`${link} link ${JSON.stringify(value)} is not of ${url.pathname}`);
  }
  for (const item of body.results as Record<string, unknown>[]) {
    const ids = [item.id, item.userId, item.offeringId, ...(Array.isArray(item.offeringCategoryIds) ? item.offeringCategoryIds : [])];
    if (ids.some((id) => typeof id === "string" && world.bIds.has(id))) found.push("tenant B's id in tenant A's list");
  }
  if (list.path === "/offerings") {
    const users = url.searchParams.getAll("userId");
    if (users.length === 1 && !world.aLiveUsers.has(users[0] ?? "") && (body.results as unknown[]).length > 0) {
      found.push("offerings?userId= of a user that is not the tenant's listed offerings");
    }
  }
  return found;
}

