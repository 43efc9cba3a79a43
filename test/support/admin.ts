/** What the operator API tests (test/admin/) share. */
import { call } from "./http";

/** Bits of randomness a token's alphabet and length can carry at most. */
export function tokenBits(token: string): number {
  if (/^[0-9a-f]+$/.test(token) || /^[0-9A-F]+$/.test(token)) return token.length * 4;
  if (/^[A-Za-z0-9_-]+$/.test(token) || /^[A-Za-z0-9+/]+=*$/.test(token)) return token.replace(/=+$/, "").length * 6;
  return 0;
}

/** The status of GET /dc/api/v5/registrations with the token: 200 while it authenticates. */
export async function listWith(token: string): Promise<number> {
  return (await call("GET", "/dc/api/v5/registrations", { token })).status;
}
