/**
 * Password storage: PBKDF2-SHA256 through WebCrypto (available on Workers and Deno alike)
 * with a random 16-byte salt. 100,000 iterations is the most the Workers runtime allows.
 */
import { PBKDF2_ITERATIONS as ITERATIONS, pbkdf2Hex as derive, toHex } from "../lib/crypto";

/** `pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>` */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return `pbkdf2-sha256$${ITERATIONS}$${toHex(salt)}$${await derive(password, salt, ITERATIONS)}`;
}
