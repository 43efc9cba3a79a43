/** Resource ids: 32 lowercase hex characters from 16 random bytes. */
import { toHex } from "../lib/hex";

const ID_PATTERN = /^[0-9a-f]{32}$/;

export function newId(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(16)));
}

/** A malformed id can never name a resource; callers answer 404 without asking the database. */
export function isId(value: string): boolean {
  return ID_PATTERN.test(value);
}
