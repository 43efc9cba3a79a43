/** The digests the service stores or compares, through WebCrypto (Workers and Deno alike). */
import { toHex } from "./hex";

/** The most PBKDF2 iterations the Workers runtime allows. */
export const PBKDF2_ITERATIONS = 100_000;

export async function sha256Hex(text: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))));
}

/** PBKDF2-SHA256 of a secret: slow on purpose, for anything that must not be guessed quickly. */
export async function pbkdf2Hex(secret: string, salt: Uint8Array<ArrayBuffer>, iterations = PBKDF2_ITERATIONS): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, 256);
  return toHex(new Uint8Array(bits));
}
