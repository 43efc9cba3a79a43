/** Access tokens: random 256-bit values, stored and looked up only as their SHA-256. */
import { toHex } from "../db/ids";

export function newToken(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(32)));
}

export async function hashToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  return toHex(new Uint8Array(digest));
}
