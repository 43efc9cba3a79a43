/**
 * createApp(): the one Hono app both runtimes serve. Middleware order is the contract's order:
 * request id and log line, then authentication, then path and method, then body, then the route.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { methodNotAllowed } from "hono/method-not-allowed";
import { adminRoutes } from "./admin/routes";
import { agreementRoutes } from "./agreements/routes";
import { bearerAuth, type RateLimit } from "./auth/bearer-auth";
import type { Db } from "./db/client";
import { API_PREFIXES, type AppEnv, type Settings } from "./http/app-env";
import { apiError, errorResponse, handleError, pathNotFound, validationHook } from "./http/errors";
import { normalisedRequest, wire } from "./http/wire";
import { issueBookmark, resumeFromBookmark, type Sessions } from "./http/read-your-writes";
import { offeringCategoryRoutes } from "./offering-categories/routes";
import { registrationRoutes } from "./registrations/routes";
import { userRoutes } from "./users/routes";
import { userfieldCategoryRoutes } from "./userfield-categories/routes";
import { userfieldValueRoutes } from "./userfield-values/routes";
import { userfieldRoutes } from "./userfields/routes";
import { webhookRoutes } from "./webhooks/routes";
import { offeringRoutes } from "./offerings/routes";
import { docsPage, DOCS_PATH } from "./openapi/docs-page";
import { OPENAPI_PATH, OPERATOR_API_DOCUMENT, RESOURCE_API_DOCUMENT, withOpenApi } from "./openapi/routes";

/** What an entry file provides: the database and the settings of the request's environment. */
export interface AppDeps {
  database(c: Context): Db;
  settings(c: Context): Settings;
  /**
   * Counts the request under `key` (a token hash, or the client IP after a failed
   * authentication) and says whether it is within the limit. Absent: no rate limit.
   */
  rateLimit?: RateLimit;
  /**
   * Told after every successful write of the resource API, once its batch has committed: the
   * outbox may hold new deliveries (a queue message on Workers, a wake-up of the loop on Deno).
   * It must not call D1 within the request. Absent: deliveries wait for the next sweep.
   */
  committed?(c: Context): void;
  /** Counts a failed operator authentication under `key` (per client address). Absent: no limit. */
  adminRateLimit?: RateLimit;
  /** The client's address; absent: "unknown". */
  clientAddress?: (c: Context) => string;
  /** The database sessions of read replication (Workers); absent: one database, nothing to wait for. */
  sessions?: Sessions;
}

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The resource API, mounted under each base path. */
function resourceApi(rateLimit: RateLimit | undefined, sessions: Sessions | undefined, committed: AppDeps["committed"]) {
  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const resume = resumeFromBookmark(sessions);
  // Only the document itself is public: `<prefix>/users/openapi.json` still needs a token.
  const isDocument = (path: string) => API_PREFIXES.some((prefix) => path === `${prefix}${OPENAPI_PATH}`);
  api.use("*", issueBookmark(sessions));
  api.use("*", bearerAuth({ except: isDocument, rateLimit }));
  api.use("*", async (c, next) => (c.var.organizationId === undefined ? next() : resume(c, next)));
  if (committed !== undefined) {
    api.use("*", async (c, next) => {
      await next();
      if (WRITES.has(c.req.method) && c.res.status >= 200 && c.res.status < 300) committed(c);
    });
  }
  const routed = api
    .route("/", registrationRoutes())
    .route("/", userRoutes())
    .route("/", offeringRoutes())
    .route("/", offeringCategoryRoutes())
    .route("/", agreementRoutes())
    .route("/", userfieldCategoryRoutes())
    .route("/", userfieldRoutes())
    .route("/", userfieldValueRoutes())
    .route("/", webhookRoutes());
  return withOpenApi(routed, RESOURCE_API_DOCUMENT, true);
}

export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use("*", wire());
  app.use("*", async (c, next) => {
    c.set("settings", deps.settings(c));
    c.set("db", deps.database(c));
    c.set("clientAddress", deps.clientAddress?.(c) ?? "unknown");
    await next();
  });
  // Without ADMIN_TOKEN the operator API does not exist: 404 for every path and method under it.
  app.use("/admin/v1/*", async (c, next) => (c.var.settings.adminToken ? next() : errorResponse(pathNotFound())));
  app.use(
    "*",
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) => {
        // Hono copies the replaced 404's headers onto the new response: drop its error code first.
        c.res.headers.delete("X-Error-Code");
        return errorResponse({ ...apiError("method_not_allowed"), headers: { Allow: methods.join(", ") } });
      },
    }),
  );

  app.get(DOCS_PATH, docsPage);
  const api = resourceApi(deps.rateLimit, deps.sessions, deps.committed);
  // Chained so that the type of the result describes every route (AppType, for hono/client).
  const routed = app
    .route("/admin/v1", withOpenApi(adminRoutes(deps.adminRateLimit), OPERATOR_API_DOCUMENT, false))
    .route(API_PREFIXES[0], api)
    .route(API_PREFIXES[1], api);

  app.notFound(() => errorResponse(pathNotFound()));
  app.onError(handleError);
  // Before any routing, for every entry and `app.request` alike (API.md §10: trailing slash, `?`).
  const dispatch = routed.fetch;
  routed.fetch = (request, ...rest) => dispatch(normalisedRequest(request), ...rest);
  return routed;
}

export type App = ReturnType<typeof createApp>;

/**
 * The app's routes as a type, for a typed client: `hc<AppType>(baseUrl)` from `hono/client`
 * (README, "Typed client").
 */
export type AppType = App;
