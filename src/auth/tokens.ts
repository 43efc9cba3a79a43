/** Access tokens: random 256-bit values, stored and looked up only as their SHA-256. */
import { sha256Hex } from "../lib/digests";
import { toHex } from "../lib/hex";

export function newToken(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(32)));
}

export function hashToken(token: string): Promise<string> {
  return sha256Hex(token);
}
