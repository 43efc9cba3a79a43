/**
 * `X-D1-Bookmark` (API.md §1): every response to an authenticated request carries a bookmark
 * sealed to the organization (the seal: below), whatever its status; a bookmark the
 * client sends back is honoured only when it opens for this organization, else ignored.
 *
 * The entry owns the database session (D1's Sessions API on Workers; nothing on Deno) and tells
 * the app only two things through `Sessions`. Authentication itself runs in the request's first,
 * unconstrained session: the organization, and so the seal, is known only after it.
 */
import type { Context, MiddlewareHandler } from "hono";
import type { Db } from "../db/client";
import { aeadKey, fromBase64Url, IV_BYTES, open, seal, TAG_BYTES, toBase64Url } from "../lib/crypto";
import type { AppEnv, Settings } from "./app-env";
import { setResponseHeaders } from "./wire";

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
      const bookmark = await openSentBookmark(c.var.settings, sent, c.var.organizationId);
      if (bookmark !== null && bookmark !== "") {
        c.set("db", sessions.resume(c, bookmark));
        c.set("resumedAt", bookmark);
      }
    }
    await next();
  };
}

/*
 * --- The seal ------------------------------------------------------------------------------------
 * The read-your-writes bookmark as the client sees it (API.md §1): opaque and sealed to one
 * organization. D1's own bookmark is a database-wide position (a counter every tenant's writes
 * move), so it never leaves the service as is. It travels sealed with AES-256-GCM:
 *
 *   token = base64url( iv (12 random bytes) ‖ AES-GCM(key, iv, aad = organization id, padded bookmark) )
 *
 * - The plaintext is padded to a fixed length, so every token has the same length (208
 *   characters) whatever the bookmark, and a fresh random iv makes every token different: two
 *   tokens say nothing about how far apart they are, or about anyone's activity.
 * - The organization id is the additional authenticated data: a token opens only for the
 *   organization it was issued to. One of another organization, or a tampered one, does not open
 *   (null), and the request then reads as if none had been sent.
 * - The empty bookmark (nothing to wait for) is sealed like any other.
 */
/** D1 bookmarks are hex groups joined by dashes; nothing else is ever sealed. */
const BOOKMARK = /^[0-9a-f-]{0,127}$/i;
const PLAINTEXT_BYTES = 128;
const TOKEN = new RegExp(`^[A-Za-z0-9_-]{${Math.ceil(((IV_BYTES + PLAINTEXT_BYTES + TAG_BYTES) * 4) / 3)}}$`);

const encoder = new TextEncoder();
const decoder = new TextDecoder();

let ephemeral: Promise<CryptoKey> | undefined;

/**
 * The sealing key of a secret (src/lib/crypto.ts), cached per secret. Without a secret: a random
 * key of this isolate or process, never derived from anything guessable; tokens then open only
 * where they were issued (elsewhere they are ignored, which costs freshness, never correctness).
 */
export function bookmarkKey(secret: string | undefined): Promise<CryptoKey> {
  if (secret === undefined || secret === "") {
    ephemeral ??= crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, [
      "encrypt",
      "decrypt",
    ]) as Promise<CryptoKey>;
    return ephemeral;
  }
  return aeadKey(secret, "registrar X-D1-Bookmark v1");
}

/**
 * A bookmark a client sent: opened with BOOKMARK_SECRET or, while it is being rotated, with
 * BOOKMARK_PREVIOUS_SECRET, so a client holding a token issued before the rotation still reads
 * at least that fresh. Responses are always sealed with the current secret.
 */
export async function openSentBookmark(
  secrets: Pick<Settings, "bookmarkSecret" | "bookmarkPreviousSecret">,
  token: string,
  organizationId: string,
): Promise<string | null> {
  const opened = await openBookmark(await bookmarkKey(secrets.bookmarkSecret), token, organizationId);
  if (opened !== null || !secrets.bookmarkPreviousSecret) return opened;
  return openBookmark(await bookmarkKey(secrets.bookmarkPreviousSecret), token, organizationId);
}

/** The token of `bookmark` (a D1 bookmark, or "" for none) for `organizationId`. */
export async function sealBookmark(key: CryptoKey, bookmark: string, organizationId: string): Promise<string> {
  const plaintext = new Uint8Array(PLAINTEXT_BYTES);
  // Anything that is not a D1 bookmark is sealed as none: the padding must stay unambiguous.
  if (BOOKMARK.test(bookmark)) plaintext.set(encoder.encode(bookmark));
  return toBase64Url(await seal(key, plaintext, organizationId));
}

/**
 * The bookmark a token holds ("" for none), or null when it is not a token of this key and
 * organization (another organization's, tampered, truncated, or anything else).
 */
export async function openBookmark(key: CryptoKey, token: string, organizationId: string): Promise<string | null> {
  if (!TOKEN.test(token)) return null;
  const plaintext = await open(key, fromBase64Url(token), organizationId);
  if (plaintext === null) return null;
  const end = plaintext.indexOf(0);
  const bookmark = decoder.decode(plaintext.subarray(0, end === -1 ? plaintext.length : end));
  return BOOKMARK.test(bookmark) ? bookmark : null;
}
