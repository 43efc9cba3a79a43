/**
 * `X-D1-Bookmark` (API.md §1): every response to an authenticated request carries a bookmark
 * sealed to the organization (src/lib/sealed-bookmark.ts), whatever its status; a bookmark the
 * client sends back is honoured only when it opens for this organization, else ignored.
 *
 * The entry owns the database session (D1's Sessions API on Workers; nothing on Deno) and tells
 * the app only two things through `Sessions`. Authentication itself runs in the request's first,
 * unconstrained session: the organization, and so the seal, is known only after it.
 */
import type { Context, MiddlewareHandler } from "hono";
import type { Db } from "../db/client";
import { bookmarkKey, openBookmark, sealBookmark } from "../lib/sealed-bookmark";
import type { AppEnv } from "./app-env";
import { setResponseHeaders } from "./response-headers";

export const BOOKMARK_HEADER = "X-D1-Bookmark";

/** What an entry with read replicas provides. */
export interface Sessions {
  /** The position of the request's session now (a D1 bookmark), or null when it has none yet. */
  current(c: Context): string | null;
  /** Continues the request in a session at least as fresh as `bookmark`; its database. */
  resume(c: Context, bookmark: string): Db;
}

/** Before authentication: seals the bookmark onto the response once a request was authenticated. */
export function issueBookmark(sessions: Sessions | undefined): MiddlewareHandler<AppEnv> {
  return async function issueBookmark(c, next) {
    // Errors inside are already responses here (Hono's compose hands them to onError).
    await next();
    const organizationId = c.var.organizationId;
    if (organizationId === undefined) return;
    const position = sessions?.current(c) ?? c.var.resumedAt ?? "";
    const key = await bookmarkKey(c.var.settings.bookmarkSecret);
    setResponseHeaders(c, { [BOOKMARK_HEADER]: await sealBookmark(key, position, organizationId) });
  };
}

/** After authentication: a bookmark sent by the client that opens for this organization is honoured. */
export function resumeFromBookmark(sessions: Sessions | undefined): MiddlewareHandler<AppEnv> {
  return async function resumeFromBookmark(c, next) {
    const sent = c.req.header(BOOKMARK_HEADER);
    if (sent !== undefined && sessions !== undefined) {
      const key = await bookmarkKey(c.var.settings.bookmarkSecret);
      const bookmark = await openBookmark(key, sent, c.var.organizationId);
      if (bookmark !== null && bookmark !== "") {
        c.set("db", sessions.resume(c, bookmark));
        c.set("resumedAt", bookmark);
      }
    }
    await next();
  };
}
