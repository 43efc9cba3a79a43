#!/usr/bin/env node
/**
 * `npm run webhook:listen [-- --port 9000] [-- --secret whsec_…]`: a local webhook receiver for
 * the README's tour. Verifies each delivery's Standard Webhooks signature (the secret from
 * --secret or WEBHOOK_SECRET; without one it only prints), answers 204 (or 401 when the
 * signature does not verify) and prints the event. Deduplicates by webhook-id, as a receiver
 * must (delivery is at least once). Subscribe it with
 *   {"url":"http://127.0.0.1:9000/","events":[…]}   (needs ALLOW_LOCAL_WEBHOOKS=true, set in .dev.vars)
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { port: { type: "string", default: "9000" }, secret: { type: "string" } } });
const secret = values.secret ?? process.env.WEBHOOK_SECRET;
const seen = new Set();

function verified(id, timestamp, signatures, body) {
  if (!secret) return null;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest();
  return signatures.split(" ").some((candidate) => {
    const [version, value] = candidate.split(",", 2);
    if (version !== "v1" || !value) return false;
    const given = Buffer.from(value, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

createServer((request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    const id = request.headers["webhook-id"] ?? "";
    const ok = verified(id, request.headers["webhook-timestamp"] ?? "", request.headers["webhook-signature"] ?? "", body);
    const repeat = seen.has(id);
    if (ok !== false) seen.add(id);
    const label = ok === null ? "unverified (no secret given)" : ok ? "verified" : "SIGNATURE INVALID";
    console.log(`${new Date().toISOString()} ${id} ${label}${repeat ? " (repeat, ignored)" : ""}`);
    if (!repeat) console.log(body);
    response.statusCode = ok === false ? 401 : 204;
    response.end();
  });
}).listen(Number(values.port), "127.0.0.1", () => {
  console.log(`listening on http://127.0.0.1:${values.port}/ ${secret ? "(verifying signatures)" : "(pass --secret to verify)"}`);
});
