/**
 * Webhooks end to end through `wrangler dev` (issue 15): the real Queue, its consumer in the same
 * Worker, and a receiver on loopback. Subscribe, register: a verified delivery; 500 then 200:
 * the same webhook-id twice; a tampered body fails verification; another organization's webhook
 * receives nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verify } from "../../src/webhooks/signature";
import { startReceiver, type Received } from "../support/webhook-receiver";
import { ADMIN_TOKEN, startDevServer, type DevServer } from "./dev-server";

let dev: DevServer;
let closeReceiver: () => Promise<void>;
let receiver = "";
const received: Received[] = [];
const answers = new Map<string, number[]>();

beforeAll(async () => {
  ({ origin: receiver, close: closeReceiver } = await startReceiver(received, answers));
  dev = await startDevServer({ migrate: true, vars: { ALLOW_LOCAL_WEBHOOKS: "true" } });
});

afterAll(async () => {
  await dev?.stop();
  await closeReceiver?.();
});

async function api(token: string, method: string, path: string, json?: unknown) {
  const response = await fetch(`${dev.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(json === undefined ? {} : { "Content-Type": "application/json" }) },
    body: json === undefined ? null : JSON.stringify(json),
  });
  const text = await response.text();
  return { status: response.status, location: response.headers.get("Location") ?? "", body: text === "" ? null : (JSON.parse(text) as Record<string, unknown>) };
}

async function organization() {
  const created = await api(ADMIN_TOKEN, "POST", "/admin/v1/organizations", { name: "Hooks" });
  const { id, token } = created.body as { id: string; token: string };
  const user = await api(token, "POST", "/dc/api/v5/users", { firstName: "A", lastName: "B", email: `${id}@example.test` });
  const offering = await api(token, "POST", "/dc/api/v5/offerings", { title: "Course" });
  return { id, token, userId: user.location.split("/").pop() ?? "", offeringId: offering.location.split("/").pop() ?? "" };
}

async function receivedAt(path: string, count: number): Promise<Received[]> {
  for (;;) {
    const here = received.filter((r) => r.path === path);
    if (here.length >= count) return here;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const headersOf = (r: Received) => ({ id: r.headers["webhook-id"] ?? "", timestamp: r.headers["webhook-timestamp"] ?? "", signature: r.headers["webhook-signature"] ?? "" });

describe("webhooks through wrangler dev", () => {
  it("subscribe, register: a verified delivery of the registration as GET returns it; tampering fails", { timeout: 10_000 }, async () => {
    const org = await organization();
    const other = await organization();
    const hook = await api(org.token, "POST", "/dc/api/v5/webhooks", { url: `${receiver}/${org.id}`, events: ["registration.created"] });
    await api(other.token, "POST", "/dc/api/v5/webhooks", { url: `${receiver}/${other.id}`, events: ["registration.created"] });
    const secret = (hook.body as { secret: string }).secret;
    const registration = await api(org.token, "POST", "/dc/api/v5/registrations", { userId: org.userId, offeringId: org.offeringId });
    expect(registration.status).toBe(201);
    const [delivery] = await receivedAt(`/${org.id}`, 1);
    if (delivery === undefined) throw new Error("unreachable");
    const now = Math.floor(Date.now() / 1000);
    expect(await verify(secret, headersOf(delivery), delivery.body, now)).toBe(true);
    expect(await verify(secret, headersOf(delivery), delivery.body.replace("active", "ejected"), now)).toBe(false);
    const read = await api(org.token, "GET", registration.location);
    expect(JSON.parse(delivery.body)).toEqual({ type: "registration.created", timestamp: expect.any(String), data: read.body });
    expect(received.filter((r) => r.path === `/${other.id}`)).toEqual([]);
  });

  it("a receiver answering 500 then 200 gets the same webhook-id twice", { timeout: 30_000 }, async () => {
    const org = await organization();
    answers.set(`/${org.id}`, [500]);
    await api(org.token, "POST", "/dc/api/v5/webhooks", { url: `${receiver}/${org.id}`, events: ["registration.created"] });
    await api(org.token, "POST", "/dc/api/v5/registrations", { userId: org.userId, offeringId: org.offeringId });
    const [first, second] = await receivedAt(`/${org.id}`, 2);
    expect(second?.headers["webhook-id"]).toBe(first?.headers["webhook-id"]);
    expect(second?.body).toBe(first?.body);
  });
});
