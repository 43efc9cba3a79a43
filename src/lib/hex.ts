/**
 * The hex strings the service makes: random ids and tokens, and the digests it stores or compares
 * (WebCrypto, on Workers and Deno alike). All lowercase.
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
