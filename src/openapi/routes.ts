/**
 * `GET <base>/openapi.json`: the OpenAPI 3.1 document of a router, generated once per isolate from
 * the router's own route definitions. `servers` names the base path the request came in on, so the
 * document read under `/api/v5` points at `/api/v5`.
 */
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../http/app-env";
import { authErrors, errorDoc, publicErrors } from "../http/route";
import { type DocumentInfo, generateDocument } from "./document";

export const OPENAPI_PATH = "/openapi.json";

/** The public document: the resource API under `/dc/api/v5` and `/api/v5`. */
export const RESOURCE_API_DOCUMENT: DocumentInfo = {
  title: "registrar: DigitalChalk REST API v5 compatible",
  description: [
    "Users, offerings, offering categories, agreements and registrations of one organization,",
    "compatible with DigitalChalk REST API v5. Served under `/dc/api/v5` and `/api/v5`; a `Location`",
    "header or paging link uses the base path the request came in on.",
    "",
    "**Authentication:** `Authorization: Bearer <token>` on every request except this document.",
    "",
    "**Errors** are `{\"errors\": [\"...\"]}` and/or `{\"fieldErrors\": {\"field\": \"...\"}}`, always",
    "with `X-Error-Code`, a stable snake_case reason for programs. An unknown path answers `404`",
    '`{"errors":["Not found"]}`; a known path with another method `405` with `Allow`.',
    "",
    "**Lists** take `limit` (1-100, default 15) and `offset`, and answer",
    "`{\"results\": [...], \"next\": \"<link>\", \"previous\": \"<link>\"}`: the links are in the body,",
    "relative, with only `offset` changed; `next` only when more results exist.",
    "",
    "**Dates** are UTC ISO-8601 (`2012-03-01T06:03:10Z`); fields without a value are omitted.",
  ].join("\n"),
  securityScheme: "Bearer",
  bookmarks: true,
};

/** The operator API under `/admin/v1`: a separate document, behind the admin token like its routes. */
export const OPERATOR_API_DOCUMENT: DocumentInfo = {
  title: "registrar operator API",
  description:
    "Organizations, their access tokens and agreements. Authenticated with the `ADMIN_TOKEN` secret; " +
    "without it configured, every `/admin/v1` path answers 404. A token value is shown once, in the " +
    "response that created it.",
  securityScheme: "AdminBearer",
  bookmarks: false,
};

const documents = new WeakMap<object, ReturnType<typeof generateDocument>>();

/**
 * Serves the router's document at `/openapi.json` and registers its bearer security scheme.
 * Call it after the router's routes are defined and before the router is mounted.
 */
export function withOpenApi<R extends OpenAPIHono<AppEnv>>(router: R, info: DocumentInfo, isPublic: boolean): R {
  router.openAPIRegistry.registerComponent("securitySchemes", info.securityScheme, {
    type: "http",
    scheme: "bearer",
    description: isPublic ? "An access token of the organization." : "The `ADMIN_TOKEN` secret.",
  });
  const route = createRoute({
    method: "get",
    path: OPENAPI_PATH,
    tags: ["Documentation"],
    summary: "This OpenAPI 3.1 document",
    ...(isPublic ? { security: [] } : { security: [{ [info.securityScheme]: [] }] }),
    responses: {
      200: {
        description: "The OpenAPI 3.1 document; `servers` names the base path of the request.",
        content: { "application/json": { schema: z.looseObject({ openapi: z.string() }) } },
      },
      ...(isPublic ? publicErrors : { 404: errorDoc("`ADMIN_TOKEN` is not configured"), ...authErrors }),
    },
  });
  router.openapi(route, (c) => {
    let document = documents.get(router);
    if (document === undefined) {
      document = generateDocument(router, info);
      documents.set(router, document);
    }
    const base = c.req.path.slice(0, -OPENAPI_PATH.length);
    const { openapi, info: documentInfo, ...rest } = document;
    return c.json({ openapi, info: documentInfo, servers: [{ url: base }], ...rest }, 200);
  });
  return router;
}
