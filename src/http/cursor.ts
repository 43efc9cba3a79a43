/**
 * The keyset cursor of a list ordered by (createdDate, id): an opaque `after` parameter naming
 * the last row a client has seen. A page after a cursor is a seek in the list's index, so it
 * costs the same at any depth, unlike `offset`, which SQLite can only count row by row.
 */
import { z } from "@hono/zod-openapi";
import { fromBase64Url, toBase64Url } from "../lib/crypto";
import { parsedWith } from "./parsed";

import type { Cursor } from "../db/page";

const CURSOR_MESSAGE = "after is not a valid cursor";

// "<createdAt ms>.<id>" in base64url: opaque to clients, and still only digits and an id inside.
const DECODED = /^(\d{1,15})\.([0-9A-Za-z_-]{1,64})$/;
const ENCODED = /^[0-9A-Za-z_-]{1,120}$/;

export function encodeCursor(cursor: Cursor): string {
  return toBase64Url(new TextEncoder().encode(`${cursor.createdAt}.${cursor.id}`));
}

export function decodeCursor(text: string): Cursor | null {
  if (!ENCODED.test(text)) return null;
  let decoded: string;
  try {
    decoded = new TextDecoder().decode(fromBase64Url(text));
  } catch {
    return null;
  }
  const match = DECODED.exec(decoded);
  if (match === null) return null;
  // Only the canonical spelling is a cursor, so one position has one cursor.
  const cursor = { createdAt: Number(match[1]), id: match[2] as string };
  return encodeCursor(cursor) === text ? cursor : null;
}

const parseCursor = parsedWith(decodeCursor, CURSOR_MESSAGE);

/** The `after` query parameter: validates with its own message, yields a Cursor. */
export const afterParam = z
  .string({ error: "after must be given once" })
  .optional()
  .transform((value, ctx): Cursor | undefined => (value === undefined ? undefined : parseCursor(value, ctx)))
  .openapi({
    type: "string",
    description:
      "Keyset paging (an extension of DigitalChalk v5): only rows after this cursor, then `offset` and `limit` " +
      "as usual. Take it from the `Link: <…>; rel=\"next\"` header of a list response; it is opaque.",
  });
