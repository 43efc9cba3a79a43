/**
 * The body rules of every POST and PUT (API.md §1), checked before any field:
 * 415 for a non-JSON Content-Type, 413 past 64 KiB (read incrementally, never buffered
 * beyond the limit), 400 for invalid JSON or UTF-8, 400 for JSON that is not an object.
 * The parsed object is handed to the route's schema validator without a second parse, with the
 * compatibility rules of API.md §10 applied (`withPresentValues`, below): `null` is absent and
 * `""` clears, unless the route opts out with `bodyRules({ nulls: "keep" })` (a body where null
 * has a meaning of its own: userfield values, where null clears); `aliases` reads older property
 * names as current ones (`bodyRules({ aliases: { studentId: "userId" } })`).
 */
import type { HonoRequest, MiddlewareHandler } from "hono";
import type { AppEnv } from "./app-env";
import { apiError, errorResponse } from "./errors";

// --- The media type ------------------------------------------------------------------------------
// `application/json` with the parameters of RFC 9110 §8.3.1,
// `type "/" subtype *( OWS ";" OWS [ parameter ] )`, so optional whitespace around `;` and empty
// parameters (`application/json;`) are accepted.
const OWS = "[ \\t]*";
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const QUOTED_STRING = '"(?:[\\t \\x21\\x23-\\x5b\\x5d-\\x7e\\x80-\\xff]|\\\\[\\t \\x21-\\x7e\\x80-\\xff])*"';
const PARAMETER = `${TOKEN}=(?:${TOKEN}|${QUOTED_STRING})`;

// Surrounding whitespace is allowed too: a field value's own leading and trailing OWS is not part of it.
const JSON_MEDIA_TYPE = new RegExp(`^${OWS}application/json(?:${OWS};${OWS}(?:${PARAMETER})?)*${OWS}$`, "i");

/** Whether a Content-Type header value names JSON. */
export function isJsonMediaType(header: string | undefined): boolean {
  return header !== undefined && JSON_MEDIA_TYPE.test(header);
}

/*
 * --- What a body property's value means (API.md §10) ---------------------------------------------
 * Decided once for every POST and PUT before any schema sees the body:
 *
 * - `null` is absent: DigitalChalk's own server reads bodies into typed objects, where null and
 *   absent are the same, and .NET and Java serialisers send every property (`"username":null`).
 *   So a null property is dropped.
 * - `""` is the one way to clear an optional field, whatever its type (`"seatLimit": ""`,
 *   `"registrationEndDate": ""`). It reaches the schemas as `null`, which every clearable field
 *   accepts (`.nullable()`) and a required one answers with its "is required" message.
 *
 * Only the top-level properties: nested values (list items, option objects) are the field's own.
 */
export type JsonObject = Record<string, unknown>;

/** The body as the schemas read it: nulls dropped, `""` turned into null (clear). */
export function withPresentValues(body: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(body)) {
    if (value === null) continue;
    out[key] = value === "" ? null : value;
  }
  return out;
}

/**
 * The body with older property names read as their current ones (`studentId` is `userId`):
 * the current name wins when both are given.
 */
export function withAliases(body: JsonObject, aliases: Readonly<Record<string, string>>): JsonObject {
  const out = { ...body };
  for (const [older, current] of Object.entries(aliases)) {
    if (!(older in out)) continue;
    if (!(current in out)) out[current] = out[older];
    delete out[older];
  }
  return out;
}

// --- The body rules ----------------------------------------------------------------------------

export const MAX_BODY_BYTES = 64 * 1024;

/** The body, or null when it is longer than `limit`. */
async function readAtMost(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array | null> {
  if (body === null) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/**
 * The route's own media-type gate (@hono/zod-openapi) has a narrower grammar than RFC 9110 (no
 * whitespace before `;`, no empty parameter) and would answer its own 415. Once the body is read,
 * the request it sees names plain `application/json`: every refusal stays the one above.
 */
function withPlainJsonMediaType(req: HonoRequest): void {
  const headers = new Headers(req.raw.headers);
  headers.set("content-type", "application/json");
  // The body stream is consumed already; the parsed value is cached above.
  req.raw = new Request(req.raw.url, { method: req.raw.method, headers });
}

export interface BodyRulesOptions {
  /** `"keep"`: the body's nulls and `""` reach the schema as sent (default: null is absent, `""` clears). */
  nulls?: "absent" | "keep";
  /** Older property name → current name; the current one wins when both are given. */
  aliases?: Readonly<Record<string, string>>;
}

export function bodyRules(options: BodyRulesOptions = {}): MiddlewareHandler<AppEnv> {
  return async function bodyRules(c, next) {
    const contentType = c.req.header("content-type");
    if (!isJsonMediaType(contentType)) return errorResponse(apiError("unsupported_media_type"));
    const declared = Number(c.req.header("content-length"));
    if (declared > MAX_BODY_BYTES) return errorResponse(apiError("payload_too_large"));

    const bytes = await readAtMost(c.req.raw.body, MAX_BODY_BYTES);
    if (bytes === null) return errorResponse(apiError("payload_too_large"));
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes));
    } catch {
      return errorResponse(apiError("invalid_json"));
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      return errorResponse(apiError("invalid_body"));
    }
    if (options.nulls !== "keep") value = withPresentValues(value as JsonObject);
    if (options.aliases !== undefined) value = withAliases(value as JsonObject, options.aliases);
    // The stream is consumed. The parsed value goes where later readers look: Hono's body cache,
    // and `c.req.json()` itself, which would otherwise stringify the cache and parse it again
    // (twice the work, and a stack overflow on deeply nested bodies).
    c.req.bodyCache.json = Promise.resolve(value);
    Object.defineProperty(c.req, "json", { value: () => Promise.resolve(value), configurable: true });
    if (contentType?.toLowerCase() !== "application/json") withPlainJsonMediaType(c.req);
    await next();
  };
}
