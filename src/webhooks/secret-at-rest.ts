/**
 * Webhook signing secrets at rest. Every delivery needs the secret itself (for the HMAC), so it
 * cannot be stored as a hash; with WEBHOOK_SECRETS_KEY set it is stored sealed (src/lib/crypto.ts),
 * bound to its webhook's id, so a copy of the database (a backup, an export, a read-only
 * credential) holds no usable secret, and a sealed value copied to another webhook's row does
 * not open there.
 *
 *   webhooks.secret = "sealed:v1:" base64url(iv ‖ AES-GCM(key, iv, aad = webhook id, secret))
 *
 * Without the key (local development), and for rows written before it was set, the column holds
 * the secret as issued (`whsec_…`), which is read as it is. The key is needed as long as sealed
 * rows exist: without it they cannot be opened (deliveries wait, replays fail).
 */
import { aeadKey, fromBase64Url, open, seal, toBase64Url } from "../lib/crypto";

const SEALED = "sealed:v1:";
const PURPOSE = "registrar webhook secrets v1";

/** What `webhooks.secret` stores for `secret` of webhook `webhookId`. */
export async function secretAtRest(secret: string, webhookId: string, key: string | undefined): Promise<string> {
  if (key === undefined) return secret;
  return SEALED + toBase64Url(await seal(await aeadKey(key, PURPOSE), new TextEncoder().encode(secret), webhookId));
}

/** The secret a stored value holds; throws when it is sealed and does not open with `key`. */
export async function secretFromRest(stored: string, webhookId: string, key: string | undefined): Promise<string> {
  if (!stored.startsWith(SEALED)) return stored;
  if (key === undefined) throw new Error("a webhook secret is sealed, and WEBHOOK_SECRETS_KEY is not set");
  let sealed: Uint8Array<ArrayBuffer>;
  try {
    sealed = fromBase64Url(stored.slice(SEALED.length));
  } catch {
    throw new Error("a sealed webhook secret is malformed");
  }
  const plaintext = await open(await aeadKey(key, PURPOSE), sealed, webhookId);
  if (plaintext === null) throw new Error("a sealed webhook secret does not open with WEBHOOK_SECRETS_KEY");
  return new TextDecoder().decode(plaintext);
}
