/** The success responses without a body (API.md §1), and the base paths they point into. */
import type { Context } from "hono";

/** Every resource is served under both; links use the one the request came in on. */
export const API_PREFIXES = ["/dc/api/v5", "/api/v5"] as const;

export function apiPrefix(c: Context): string {
  return API_PREFIXES.find((prefix) => c.req.path.startsWith(`${prefix}/`)) ?? API_PREFIXES[0];
}

/** `201 Created` with `Location`, an empty body and `Content-Length: 0`, as the source document shows. */
export function created(location: string): Response {
  return new Response(null, {
    status: 201,
    headers: { Location: location, "Content-Type": "application/json", "Content-Length": "0" },
  });
}

/** `204 No Content` for updates and deletes. */
export function noContent(): Response {
  return new Response(null, { status: 204 });
}
