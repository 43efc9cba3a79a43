/**
 * The OpenAPI 3.1 documents, generated from the routes' own zod schemas (the ones that validate).
 *
 * Each route lists every answer it gives, the shared error answers of the layers in front of it
 * included (src/http/route.ts: references to `components.responses`, written here from the error
 * catalogue). What the middleware adds to every operation is added here, once: the request id
 * and read-your-writes headers and parameter.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../http/app-env";
import { apiError, ERROR_CODES, unauthorized, type ApiError } from "../http/errors";

type Document = ReturnType<OpenAPIHono["getOpenAPI31Document"]>;
type Json = Record<string, unknown>;

/** What tells one generated document from another. */
export interface DocumentInfo {
  title: string;
  description: string;
  /** The name of the bearer security scheme its routes use. */
  securityScheme: string;
  /** Whether responses carry `X-D1-Bookmark` and requests may send one (the resource API). */
  bookmarks: boolean;
}

export const API_VERSION = "5";

const ERROR_SCHEMA = { $ref: "#/components/schemas/Error" };
const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"] as const;

const headers: Record<string, Json> = {
  "X-Error-Code": {
    description: "Stable snake_case reason for programs (API.md §1).",
    required: true,
    schema: { type: "string", enum: ERROR_CODES },
  },
  "X-Request-Id": {
    description:
      "The request's id: the incoming `cf-ray` or `X-Request-Id` when acceptable, else a new one. Also in the log line.",
    required: true,
    schema: { type: "string", example: "cb21a4e0285e4b048f17320130172ed7" },
  },
  "X-D1-Bookmark": {
    description:
      "Opaque, sealed to the organization; on every response to an authenticated request. Send it back in " +
      "`X-D1-Bookmark` to read data at least as fresh as this response.",
    schema: { type: "string" },
  },
  "Retry-After": {
    description: "Seconds to wait before trying again.",
    required: true,
    schema: { type: "integer", minimum: 0 },
  },
  "WWW-Authenticate": {
    description: '`Bearer realm="api"`, with `error="invalid_token"` when a token was given but is unknown or revoked.',
    required: true,
    schema: { type: "string" },
  },
};

const parameters: Record<string, Json> = {
  "X-D1-Bookmark": {
    name: "X-D1-Bookmark",
    in: "header",
    required: false,
    description:
      "The `X-D1-Bookmark` of an earlier response: this request then reads data at least as fresh. " +
      "One of another organization, or altered, is ignored.",
    schema: { type: "string" },
  },
};

/** An error answer of the shared layers, its code and example taken from the error itself. */
function errorAnswer(description: string, error: ApiError, extraHeaders: string[] = []): Json {
  const { code, body } = error;
  return {
    description: `${description} \`X-Error-Code: ${code}\`.`,
    headers: Object.fromEntries(
      ["X-Error-Code", "X-Request-Id", ...extraHeaders].map((name) => [name, { $ref: `#/components/headers/${name}` }]),
    ),
    content: { "application/json": { schema: ERROR_SCHEMA, example: body } },
  };
}

const responses: Record<string, Json> = {
  Unauthorized: errorAnswer("The bearer token is missing, unknown or revoked.", unauthorized(false), ["WWW-Authenticate"]),
  PayloadTooLarge: errorAnswer("The body is over 64 KiB.", apiError("payload_too_large")),
  UnsupportedMediaType: errorAnswer("The body is not sent as `Content-Type: application/json`.", apiError("unsupported_media_type")),
  TooManyRequests: errorAnswer("Too many requests.", apiError("rate_limited"), ["Retry-After"]),
  InternalError: errorAnswer("An unexpected failure (logged with the request id).", apiError("internal")),
  Unavailable: errorAnswer(
    "The database is unavailable; a write is then either fully done or not done at all.",
    apiError("unavailable"),
    ["Retry-After"],
  ),
};

const BODY_ERRORS =
  " Also when the body is not valid JSON (`invalid_json`) or not a JSON object (`invalid_body`).";

function isAuthenticated(operation: Json): boolean {
  const security = operation.security as unknown[] | undefined;
  return security === undefined || security.length > 0;
}

/** Adds what every operation shares to one operation of the generated document. */
function completeOperation(operation: Json, info: DocumentInfo): void {
  const authenticated = isAuthenticated(operation);
  const opResponses = operation.responses as Record<string, Json>;
  for (const response of Object.values(opResponses)) {
    if (response.$ref !== undefined) continue;
    response.headers = {
      ...(response.headers as Json),
      "X-Request-Id": { $ref: "#/components/headers/X-Request-Id" },
      ...(authenticated && info.bookmarks ? { "X-D1-Bookmark": { $ref: "#/components/headers/X-D1-Bookmark" } } : {}),
    };
  }
  const badRequest = opResponses["400"];
  if (operation.requestBody !== undefined && badRequest !== undefined && badRequest.$ref === undefined) {
    badRequest.description = `${String(badRequest.description).replace(/\.?$/, ".")}${BODY_ERRORS}`;
  }
  if (authenticated && info.bookmarks) {
    operation.parameters = [...((operation.parameters as unknown[]) ?? []), { $ref: "#/components/parameters/X-D1-Bookmark" }];
  }
}

/** The router's document, without `servers` (the caller adds the base path the request used). */
export function generateDocument(router: OpenAPIHono<AppEnv>, info: DocumentInfo): Document {
  const document = router.getOpenAPI31Document({
    openapi: "3.1.0",
    info: { title: info.title, version: API_VERSION, description: info.description },
  });
  for (const item of Object.values(document.paths ?? {}) as Json[]) {
    for (const method of METHODS) {
      const operation = item[method] as Json | undefined;
      if (operation !== undefined) completeOperation(operation, info);
    }
  }
  const components = (document.components ??= {}) as Json;
  components.headers = {
    ...(components.headers as Json),
    ...Object.fromEntries(
      Object.entries(headers).filter(([name]) => info.bookmarks || name !== "X-D1-Bookmark"),
    ),
  };
  components.responses = { ...(components.responses as Json), ...responses };
  if (info.bookmarks) components.parameters = { ...(components.parameters as Json), ...parameters };
  return document;
}
