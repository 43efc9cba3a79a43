/**
 * Webhook signing secrets at rest. Every delivery needs the secret itself (for the HMAC), so it
 * cannot be stored as a hash; with WEBHOOK_SECRETS_KEY set it is stored sealed (src/lib/crypto.ts),
 * bound to its webhook's id, so a copy of the database (a backup, an export, a read-only
 * credential) holds no usable secret, and a sealed value copied to another webhook's row does
 * not open there.
 *
 *   webhooks.secret = "sealed:v1:" keyId ":" base64url(iv ‖ AES-GCM(key, iv, aad = webhook id, secret))
 *
 * The key id names the key that sealed the value. During a rotation WEBHOOK_SECRETS_PREVIOUS_KEY
 * still opens what it sealed, and the cron seals those values again with the current key
 * (src/webhooks/reseal.ts). Without a key (local development), and for rows written before one
 * was set, the column holds the secret as issued (`whsec_…`), which is read as it is.
 */
import { aeadKey, fromBase64Url, keyId, open, seal, toBase64Url, type KeyRing } from "../lib/crypto";

export const SEALED = "sealed:v1:";
const PURPOSE = "registrar webhook secrets v1";

/** What `webhooks.secret` stores for `secret` of webhook `webhookId`: sealed with the current key, if any. */
export async function secretAtRest(secret: string, webhookId: string, keys: KeyRing = {}): Promise<string> {
  if (keys.current === undefined) return secret;
  const sealed = await seal(await aeadKey(keys.current, PURPOSE), new TextEncoder().encode(secret), webhookId);
  return `${await sealedPrefix(keys.current)}${toBase64Url(sealed)}`;
}

/** What every value sealed with `key` begins with. */
export async function sealedPrefix(key: string): Promise<string> {
  return `${SEALED}${await keyId(key, PURPOSE)}:`;
}

/** The secret a stored value holds; throws when it is sealed and no key of `keys` opens it. */
export async function secretFromRest(stored: string, webhookId: string, keys: KeyRing = {}): Promise<string> {
  if (!stored.startsWith(SEALED)) return stored;
  const sealer = await sealerOf(stored, keys);
  if (sealer === undefined) {
    throw new Error("a webhook secret is sealed with neither WEBHOOK_SECRETS_KEY nor WEBHOOK_SECRETS_PREVIOUS_KEY");
  }
  let sealed: Uint8Array<ArrayBuffer>;
  try {
    sealed = fromBase64Url(stored.slice(sealer.prefix.length));
  } catch {
    throw new Error("a sealed webhook secret is malformed");
  }
  const plaintext = await open(await aeadKey(sealer.key, PURPOSE), sealed, webhookId);
  if (plaintext === null) throw new Error("a sealed webhook secret does not open with the key its id names");
  return new TextDecoder().decode(plaintext);
}

/** The key of `keys` whose id the sealed value names, with the prefix that names it. */
async function sealerOf(stored: string, keys: KeyRing): Promise<{ key: string; prefix: string } | undefined> {
  for (const key of [keys.current, keys.previous]) {
    if (key === undefined) continue;
    const prefix = await sealedPrefix(key);
    if (stored.startsWith(prefix)) return { key, prefix };
  }
  return undefined;
}
