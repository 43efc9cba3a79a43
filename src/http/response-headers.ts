/**
 * Headers added to a response after it was made. Hono's `c.header()` copies the whole Response
 * on every call once a handler has answered, and a Workers Response copy is not free (it was
 * the largest native cost of a request in bench/profile.mjs), so headers are set in place. Only
 * a response with immutable headers (one from fetch(), say) is copied, once.
 */
import type { Context } from "hono";

/** Sets `headers` on the context's finished response. */
export function setResponseHeaders(c: Context, headers: Record<string, string>): void {
  try {
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  } catch {
    // The first set throws when the headers are immutable; Hono's way makes a mutable copy.
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
  }
}

/** `response` with the header set: the same object when its headers are mutable, else a copy. */
export function withHeader(response: Response, name: string, value: string): Response {
  try {
    response.headers.set(name, value);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    copy.headers.set(name, value);
    return copy;
  }
}
