/**
 * Standard Webhooks signatures: `webhook-signature: v1,<base64 HMAC-SHA256>` of
 * `<webhook-id>.<webhook-timestamp>.<body>`, keyed by the bytes of the secret
 * (`whsec_<base64>`). Used by delivery, by `npm run webhook:listen` and by the tests.
 */
import { fromBase64, toBase64 } from "../lib/crypto";

const PREFIX = "whsec_";

/** A new secret: 32 random bytes. */
export function newWebhookSecret(): string {
  return PREFIX + toBase64(crypto.getRandomValues(new Uint8Array(32)));
}

async function hmacKey(secret: string): Promise<CryptoKey> {
  const encoded = secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret;
  return crypto.subtle.importKey("raw", fromBase64(encoded), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

function signedContent(id: string, timestamp: string, body: string): Uint8Array<ArrayBuffer> {
  const encoded = new TextEncoder().encode(`${id}.${timestamp}.${body}`);
  // Copied into a plain ArrayBuffer: the DOM and Deno typings disagree on TextEncoder's buffer type.
  const bytes = new Uint8Array(encoded.length);
  bytes.set(encoded);
  return bytes;
}

/** The `webhook-signature` value. */
export async function sign(secret: string, id: string, timestamp: string, body: string): Promise<string> {
  const mac = await crypto.subtle.sign("HMAC", await hmacKey(secret), signedContent(id, timestamp, body));
  return `v1,${toBase64(new Uint8Array(mac))}`;
}

/**
 * Whether one of the space-separated `v1,` signatures matches (constant time, by WebCrypto's
 * verify) and the timestamp is within `toleranceSeconds` of `nowSeconds` (replay protection).
 */
export async function verify(
  secret: string,
  headers: { id: string; timestamp: string; signature: string },
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): Promise<boolean> {
  const timestamp = Number(headers.timestamp);
  if (!/^\d{1,12}$/.test(headers.timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const key = await hmacKey(secret);
  const content = signedContent(headers.id, headers.timestamp, body);
  for (const candidate of headers.signature.split(" ")) {
    const [version, value] = candidate.split(",", 2);
    if (version !== "v1" || value === undefined) continue;
    let mac: Uint8Array<ArrayBuffer>;
    try {
      mac = fromBase64(value);
    } catch {
      continue;
    }
    if (await crypto.subtle.verify("HMAC", key, mac, content)) return true;
  }
  return false;
}
