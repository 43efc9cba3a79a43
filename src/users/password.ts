/**
 * Password storage: PBKDF2-SHA256 through WebCrypto (available on Workers and Deno alike)
 * with a random 16-byte salt. 100,000 iterations is the most the Workers runtime allows.
 */
import { toHex } from "../db/ids";

const ITERATIONS = 100_000;

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, 256);
  return toHex(new Uint8Array(bits));
}

/** `pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>` */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return `pbkdf2-sha256$${ITERATIONS}$${toHex(salt)}$${await derive(password, salt, ITERATIONS)}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iterations, saltHex, hash] = stored.split("$");
  if (scheme !== "pbkdf2-sha256" || !iterations || !saltHex || !hash) return false;
  const salt = new Uint8Array((saltHex.match(/../g) ?? []).map((byte) => parseInt(byte, 16)));
  const derived = await derive(password, salt, Number(iterations));
  let difference = derived.length ^ hash.length;
  for (let i = 0; i < Math.min(derived.length, hash.length); i++) difference |= derived.charCodeAt(i) ^ hash.charCodeAt(i);
  return difference === 0;
}
