/**
 * What the service does with WebCrypto (on Workers and Deno alike): the hex strings it makes
 * (random ids and tokens, and the digests it stores or compares, all lowercase), and the
 * sealing of short values with a key derived from a configured secret (the seal of
 * `X-D1-Bookmark`, src/http/read-your-writes.ts; webhook signing secrets at rest,
 * src/webhooks/secret-at-rest.ts).
 */

/** Bytes as lowercase hex. */
export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += byte.toString(16).padStart(2, "0");
  return out;
}

const ID_PATTERN = /^[0-9a-f]{32}$/;

/** A resource id: 32 lowercase hex characters from 16 random bytes. */
export function newId(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(16)));
}

/** A malformed id can never name a resource; callers answer 404 without asking the database. */
export function isId(value: string): boolean {
  return ID_PATTERN.test(value);
}

/** An access token: a random 256-bit value, stored and looked up only as its SHA-256 (hashToken). */
export function newToken(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(32)));
}

export async function sha256Hex(text: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))));
}

/** What a token is stored and looked up as. */
export function hashToken(token: string): Promise<string> {
  return sha256Hex(token);
}

/** The most PBKDF2 iterations the Workers runtime allows. */
export const PBKDF2_ITERATIONS = 100_000;

/** PBKDF2-SHA256 of a secret: slow on purpose, for anything that must not be guessed quickly. */
export async function pbkdf2Hex(secret: string, salt: Uint8Array<ArrayBuffer>, iterations = PBKDF2_ITERATIONS): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, 256);
  return toHex(new Uint8Array(bits));
}

/*
 * --- Sealing ------------------------------------------------------------------------------------
 * AES-256-GCM, the key by HKDF-SHA256 of a secret:
 *
 *   sealed = iv (12 random bytes) ‖ AES-GCM(key, iv, aad, plaintext) (with its 16-byte tag)
 *
 * The additional data binds a sealed value to what it belongs to (an organization, a webhook):
 * moved anywhere else, it does not open.
 */
export const IV_BYTES = 12;
export const TAG_BYTES = 16;

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

/** What `make` gives for one secret and purpose, made once per isolate or process. */
function perSecret<T>(cache: Map<string, Promise<T>>, secret: string, purpose: string, make: () => Promise<T>): Promise<T> {
  const cacheKey = `${purpose}\u0000${secret}`;
  let made = cache.get(cacheKey);
  if (made === undefined) {
    made = make();
    cache.set(cacheKey, made);
  }
  return made;
}

/**
 * The AES-GCM key of `secret` for one purpose (HKDF-SHA256, `purpose` as its info), cached per
 * both: one secret serves several purposes without one key opening another's values.
 */
export function aeadKey(secret: string, purpose: string): Promise<CryptoKey> {
  return perSecret(keys, secret, purpose, () =>
    crypto.subtle
      .importKey("raw", encoder.encode(secret), "HKDF", false, ["deriveKey"])
      .then((material) =>
        crypto.subtle.deriveKey(
          { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: encoder.encode(purpose) },
          material,
          { name: "AES-GCM", length: 256 },
          false,
          ["encrypt", "decrypt"],
        ),
      ),
  );
}

/**
 * A configured secret and, while it is being rotated, the one before it: values are sealed with
 * `current` only; a value sealed with `previous` still opens until it is sealed again.
 */
export interface KeyRing {
  readonly current?: string | undefined;
  readonly previous?: string | undefined;
}

const keyIds = new Map<string, Promise<string>>();

/**
 * A short public name of `secret` for one purpose (8 base64url characters of an HMAC of the
 * purpose under it): says which key sealed a value without trying each, and reveals nothing of it.
 */
export function keyId(secret: string, purpose: string): Promise<string> {
  return perSecret(keyIds, secret, purpose, () =>
    crypto.subtle
      .importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"])
      .then((key) => crypto.subtle.sign("HMAC", key, encoder.encode(purpose)))
      .then((mac) => toBase64Url(new Uint8Array(mac).slice(0, 6))),
  );
}

/** `plaintext` sealed to `aad`, with a fresh random iv (so equal plaintexts seal differently). */
export async function seal(key: CryptoKey, plaintext: Uint8Array, aad: string): Promise<Uint8Array<ArrayBuffer>> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  // Copied into a plain ArrayBuffer: the DOM and Deno typings disagree on TextEncoder's buffer type.
  const data = new Uint8Array(plaintext);
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: encoder.encode(aad) }, key, data));
  const out = new Uint8Array(IV_BYTES + sealed.byteLength);
  out.set(iv);
  out.set(sealed, IV_BYTES);
  return out;
}

/** The plaintext, or null when `sealed` is not a value of this key and `aad` (tampered, truncated, moved). */
export async function open(key: CryptoKey, sealed: Uint8Array<ArrayBuffer>, aad: string): Promise<Uint8Array | null> {
  if (sealed.byteLength < IV_BYTES + TAG_BYTES) return null;
  try {
    return new Uint8Array(
      await crypto.subtle.decrypt({ name: "AES-GCM", iv: sealed.slice(0, IV_BYTES), additionalData: encoder.encode(aad) }, key, sealed.slice(IV_BYTES)),
    );
  } catch {
    return null;
  }
}

/** Bytes as base64 (RFC 4648 §4, padded). */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The bytes of a base64 text; throws on text that is not base64. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Bytes as base64url without padding (RFC 4648 §5): safe in headers, URLs and stored text. */
export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** The bytes of a base64url text; throws on text that is not base64. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  return fromBase64(text.replaceAll("-", "+").replaceAll("_", "/"));
}
