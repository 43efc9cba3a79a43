/**
 * Authenticated encryption of short values with a key derived from a configured secret: the
 * seal of `X-D1-Bookmark` (src/http/read-your-writes.ts) and webhook signing secrets at rest
 * (src/webhooks/secret-at-rest.ts). AES-256-GCM (WebCrypto, on Workers and Deno alike):
 *
 *   sealed = iv (12 random bytes) ‖ AES-GCM(key, iv, aad, plaintext) (with its 16-byte tag)
 *
 * The additional data binds a sealed value to what it belongs to (an organization, a webhook):
 * moved anywhere else, it does not open.
 */

export const IV_BYTES = 12;
export const TAG_BYTES = 16;

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

/**
 * The AES-GCM key of `secret` for one purpose (HKDF-SHA256, `purpose` as its info), cached per
 * both: one secret serves several purposes without one key opening another's values.
 */
export function aeadKey(secret: string, purpose: string): Promise<CryptoKey> {
  const cacheKey = `${purpose}\u0000${secret}`;
  let key = keys.get(cacheKey);
  if (key === undefined) {
    key = crypto.subtle
      .importKey("raw", encoder.encode(secret), "HKDF", false, ["deriveKey"])
      .then((material) =>
        crypto.subtle.deriveKey(
          { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: encoder.encode(purpose) },
          material,
          { name: "AES-GCM", length: 256 },
          false,
          ["encrypt", "decrypt"],
        ),
      );
    keys.set(cacheKey, key);
  }
  return key;
}

/** `plaintext` sealed to `aad`, with a fresh random iv (so equal plaintexts seal differently). */
export async function seal(key: CryptoKey, plaintext: Uint8Array, aad: string): Promise<Uint8Array<ArrayBuffer>> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  // Copied into a plain ArrayBuffer: the DOM and Deno typings disagree on TextEncoder's buffer type.
  const data = new Uint8Array(plaintext);
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: encoder.encode(aad) }, key, data));
  const out = new Uint8Array(IV_BYTES + sealed.byteLength);
  out.set(iv);
  out.set(sealed, IV_BYTES);
  return out;
}

/** The plaintext, or null when `sealed` is not a value of this key and `aad` (tampered, truncated, moved). */
export async function open(key: CryptoKey, sealed: Uint8Array<ArrayBuffer>, aad: string): Promise<Uint8Array | null> {
  if (sealed.byteLength < IV_BYTES + TAG_BYTES) return null;
  try {
    return new Uint8Array(
      await crypto.subtle.decrypt({ name: "AES-GCM", iv: sealed.slice(0, IV_BYTES), additionalData: encoder.encode(aad) }, key, sealed.slice(IV_BYTES)),
    );
  } catch {
    return null;
  }
}

/** Bytes as base64url without padding (RFC 4648 §5): safe in headers and stored text. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** The bytes of a base64url text; throws on text that is not base64. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
