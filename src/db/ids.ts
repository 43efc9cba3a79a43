/** Resource ids: 32 lowercase hex characters from 16 random bytes. */
const ID_PATTERN = /^[0-9a-f]{32}$/;

export function newId(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(16)));
}

/** A malformed id can never name a resource; callers answer 404 without asking the database. */
export function isId(value: string): boolean {
  return ID_PATTERN.test(value);
}

export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += byte.toString(16).padStart(2, "0");
  return out;
}
