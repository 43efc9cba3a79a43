/**
 * The Idempotency-Key header and the fingerprint of the request it is sent with. Two requests
 * are "the same request" when their method, route (without the base path) and JSON body
 * (canonical: keys sorted, insignificant whitespace dropped) are equal.
 */
import { pbkdf2Hex, sha256Hex } from "../lib/digests";

const VISIBLE_ASCII = /^[\x21-\x7e]{1,255}$/;

/** Whether an Idempotency-Key header is well-formed: 1 to 255 visible ASCII characters. */
export function isIdempotencyKey(header: string): boolean {
  return VISIBLE_ASCII.test(header);
}

/** A piece of output text on the work stack (as opposed to a value still to write). */
class Text {
  constructor(readonly text: string) {}
}

/**
 * JSON with every object's keys in code-point order, so key order and spacing do not count.
 * Iterative: a body may nest tens of thousands of levels deep within 64 KiB.
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  const work: unknown[] = [value];
  while (work.length > 0) {
    const item = work.pop();
    if (item instanceof Text) {
      out.push(item.text);
    } else if (Array.isArray(item)) {
      out.push("[");
      work.push(new Text("]"));
      for (let i = item.length - 1; i >= 0; i--) {
        work.push(item[i]);
        if (i > 0) work.push(new Text(","));
      }
    } else if (item !== null && typeof item === "object") {
      const entries = Object.entries(item as Record<string, unknown>)
        .filter(([, field]) => field !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      out.push("{");
      work.push(new Text("}"));
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, field] = entries[i] as [string, unknown];
        work.push(field, new Text(`${JSON.stringify(key)}:`));
        if (i > 0) work.push(new Text(","));
      }
    } else {
      out.push(JSON.stringify(item) ?? "null");
    }
  }
  return out.join("");
}

/**
 * A password is not put into a fast hash, which would make the stored fingerprint a quick way
 * to guess it: it enters as PBKDF2 of itself (as slow as the stored password hashes), salted
 * per organization and key.
 */
async function slowDigest(secret: string, salt: string): Promise<string> {
  const saltBytes = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(salt)));
  return pbkdf2Hex(secret, saltBytes);
}

export interface RequestFingerprint {
  method: string;
  /** The route without its base path, e.g. `/registrations`. */
  route: string;
  body: unknown;
  /** Top-level body fields holding secrets (passwords). */
  secretFields?: readonly string[];
  /** Salt for the secrets: the organization and the key. */
  salt: string;
}

/** SHA-256 (hex) of method, route and canonical body. */
export async function requestHash(request: RequestFingerprint): Promise<string> {
  let body = request.body;
  const secrets = (request.secretFields ?? []).filter(
    (field) => body !== null && typeof body === "object" && typeof (body as Record<string, unknown>)[field] === "string",
  );
  if (secrets.length > 0) {
    const copy = { ...(body as Record<string, unknown>) };
    for (const field of secrets) copy[field] = { pbkdf2: await slowDigest(copy[field] as string, request.salt) };
    body = copy;
  }
  return sha256Hex(`${request.method}\n${request.route}\n${canonicalJson(body)}`);
}
