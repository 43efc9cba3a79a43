/**
 * The handler bodies every resource writes the same way: a read by id (404 when absent), a page
 * of a list, and a write that answers 204 or 404. A route passes its domain operation and its
 * representation; what differs stays in the route.
 */
import type { Context, TypedResponse } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { JSONParsed } from "hono/utils/types";
import type { Db } from "../db/client";
import { isId } from "../lib/crypto";
import type { Cursor, Page } from "../db/page";
import type { AppEnv } from "./app-env";
import { errorResponse, fieldErrors, resourceNotFound } from "./errors";
import { cursorPage, pageBody, type PageBody } from "./paging";

/**
 * What `c.json(body, status)` gives. The answers below state it rather than leave it inferred:
 * inferring it for a generic body costs the type checker millions of instantiations whenever it
 * computes this file's declarations (TypeScript's incremental check does), and then fails.
 */
type JsonAnswer<Body, Status extends ContentfulStatusCode> = Response & TypedResponse<JSONParsed<Body>, Status, "json">;

/** The resource as JSON (200), or 404; an id that cannot exist is not looked up. */
export async function readOne<Row, Item>(
  c: Context<AppEnv>,
  id: string,
  read: (db: Db, organizationId: string, id: string) => Promise<Row | undefined>,
  represent: (row: Row) => Item,
): Promise<JsonAnswer<Item, 200> | ReturnType<typeof resourceNotFound>> {
  const row = isId(id) ? await read(c.var.db, c.var.organizationId, id) : undefined;
  if (row === undefined) return resourceNotFound();
  return c.json(represent(row), 200);
}

/** A page of an offset list (`limit`, `offset`; the rest of the query are its filters). */
export async function listPage<Query extends Page, Row, Item>(
  c: Context<AppEnv>,
  query: Query,
  list: (db: Db, organizationId: string, filters: Omit<Query, "limit" | "offset">, page: Page) => Promise<Row[]>,
  represent: (row: Row) => Item,
): Promise<JsonAnswer<PageBody<Item>, 200>> {
  const { limit, offset, ...filters } = query;
  const page = { limit, offset };
  const rows = await list(c.var.db, c.var.organizationId, filters, page);
  return c.json(pageBody(c.req.url, page, rows.map(represent)), 200);
}

/** A page of a keyset list (`after` too), with its `Link` header when there is a next page. */
export async function cursorList<Query extends Page, Row extends Cursor, Item>(
  c: Context<AppEnv>,
  query: Query,
  list: (db: Db, organizationId: string, filters: Omit<Query, "limit" | "offset" | "after">, page: Page) => Promise<Row[]>,
  represent: (row: Row) => Item,
): Promise<JsonAnswer<PageBody<Item>, 200>> {
  const { limit, offset, after, ...filters } = query;
  const page = { limit, offset, after };
  const rows = await list(c.var.db, c.var.organizationId, filters, page);
  const { body, link } = cursorPage(c.req.url, page, rows, represent);
  if (link !== undefined) c.header("Link", link);
  return c.json(body, 200);
}

/** 204 when the write found its resource, else 404; an id that cannot exist is not looked up. */
export async function doneById(id: string, write: (id: string) => Promise<boolean>): Promise<Response> {
  return isId(id) && (await write(id)) ? noContent() : resourceNotFound();
}

/** What a write that may refuse its fields gives. */
export type WriteResult =
  | { ok: true }
  | { ok: false; notFound: true }
  | { ok: false; notFound: boolean; fieldErrors: Record<string, string> };

/** 204, 404 or 400 with the field errors; an id that cannot exist is not looked up. */
export async function writtenById(id: string, write: (id: string) => Promise<WriteResult>): Promise<Response> {
  if (!isId(id)) return resourceNotFound();
  const result = await write(id);
  if (result.ok) return noContent();
  if (result.notFound) return resourceNotFound();
  return errorResponse(fieldErrors(result.fieldErrors));
}

/** `204 No Content` for updates and deletes. */
export function noContent(): Response {
  return new Response(null, { status: 204 });
}
