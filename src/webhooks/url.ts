/**
 * Which URLs a webhook may point at (SSRF): https on a public host. IP literals in loopback,
 * private, link-local (cloud metadata lives there), CGNAT, benchmark, multicast or reserved
 * ranges, and names that cannot be public (`localhost`, single labels, `.local`, `.internal`,
 * `.localhost`, metadata names) are refused. With the setting ALLOW_LOCAL_WEBHOOKS=true (local
 * development only) http or https to `localhost`, `127.0.0.1` or `[::1]` is allowed; everything
 * else still is not. A public name that resolves to a private address (DNS rebinding) is not
 * caught here: a Worker cannot resolve names, and Cloudflare's outbound fetch does not reach
 * private networks anyway.
 */
const MAX_URL = 2048;

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);
const NON_PUBLIC_SUFFIXES = [".localhost", ".local", ".internal", ".localdomain", ".home.arpa", ".arpa"];
const METADATA_NAMES = new Set(["metadata", "metadata.google.internal", "instance-data"]);

function ipv4(host: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((n) => n <= 255) ? parts : null;
}

function publicIpv4([a, b]: number[]): boolean {
  if (a === undefined || b === undefined) return false;
  if (a === 0 || a === 10 || a === 127 || a >= 224) return false; // this network, private, loopback, multicast/reserved
  if (a === 169 && b === 254) return false; // link-local, incl. 169.254.169.254 metadata
  if (a === 172 && b >= 16 && b <= 31) return false;
  if (a === 192 && b === 168) return false;
  if (a === 100 && b >= 64 && b <= 127) return false; // CGNAT
  if (a === 198 && (b === 18 || b === 19)) return false; // benchmarking
  if (a === 192 && b === 0) return false; // IETF protocol assignments, 192.0.0.0/24 and TEST-NET-1
  return true;
}

/** The WHATWG parser has already normalised the literal (`[…]`, compressed, lower case). */
function publicIpv6(bracketed: string): boolean {
  const host = bracketed.slice(1, -1);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
  if (mapped?.[1] !== undefined) {
    const v4 = ipv4(mapped[1]);
    return v4 !== null && publicIpv4(v4);
  }
  // ::ffff:7f00:1 is how the parser writes a mapped IPv4 address: refuse every mapped form.
  if (host.startsWith("::ffff:") || host === "::" || host === "::1") return false;
  const first = parseInt(host.split(":")[0] || "0", 16);
  if ((first & 0xfe00) === 0xfc00) return false; // unique local fc00::/7
  if ((first & 0xffc0) === 0xfe80) return false; // link-local fe80::/10
  if ((first & 0xff00) === 0xff00) return false; // multicast
  if (host.startsWith("fd00:ec2::")) return false; // AWS metadata over IPv6 (inside fc00::/7 anyway)
  return true;
}

function publicHost(host: string): boolean {
  if (host.startsWith("[")) return publicIpv6(host);
  const v4 = ipv4(host);
  if (v4 !== null) return publicIpv4(v4);
  const name = host.endsWith(".") ? host.slice(0, -1) : host;
  if (!name.includes(".") || METADATA_NAMES.has(name)) return false;
  return !NON_PUBLIC_SUFFIXES.some((suffix) => name.endsWith(suffix));
}

/** Whether `value` may be a webhook's url under the given setting. */
export function acceptableWebhookUrl(value: string, allowLocal: boolean): boolean {
  if (value.length > MAX_URL) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username !== "" || url.password !== "") return false;
  if (allowLocal && LOCAL_HOSTS.has(url.hostname) && (url.protocol === "http:" || url.protocol === "https:")) return true;
  return url.protocol === "https:" && publicHost(url.hostname);
}
