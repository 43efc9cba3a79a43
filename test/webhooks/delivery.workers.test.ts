/**
 * Webhook delivery on Workers (issue 15): the outbox written with each change, the queue
 * consumer (driven here with the vitest plugin's createMessageBatch / getQueueResult), the cron
 * (createScheduledController), Standard Webhooks signatures, retries, tenancy. The receiver is a
 * stubbed global fetch that records each request and answers the statuses a test gives it.
 */
import { env } from "cloudflare:workers";
import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult, waitOnExecutionContext } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as schema from "../../src/db/schema";
import worker, { type Env } from "../../src/worker";
import type { WebhookMessage } from "../../src/webhooks/consumer";
import { verify } from "../../src/webhooks/signature";
import { resealWebhookSecrets } from "../../src/webhooks/reseal";
import type { Db } from "../../src/db/client";
import { PREFIX, type Json } from "../support/contract";
import { insertOffering, insertUser, newOrganization, type TestOrganization } from "../support/fixtures";
import { call } from "../support/http";

const db = drizzle(env.DB, { schema });
const QUEUE = "registrar-webhooks";

interface Received {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** The stubbed receiver: records every POST, answers `statuses` in turn (then 200). */
function receiver(statuses: number[] = []) {
  const received: Received[] = [];
  vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    received.push({ url: request.url, headers: Object.fromEntries(request.headers), body: await request.text() });
    return new Response(null, { status: statuses.shift() ?? 200 });
  });
  return received;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

async function subscribe(org: TestOrganization, events: string[], url = `https://hooks.example.com/${org.id}`) {
  const response = await call("POST", `${PREFIX}/webhooks`, { token: org.token, json: { url, events } });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; secret: string };
}

async function register(org: TestOrganization, userId: string, offeringId: string, headers: Record<string, string> = {}) {
  return call("POST", `${PREFIX}/registrations`, { token: org.token, json: { userId, offeringId }, headers });
}

async function get(org: TestOrganization, path: string): Promise<Json> {
  const response = await call("GET", `${PREFIX}${path}`, { token: org.token });
  expect(response.status).toBe(200);
  return (await response.json()) as Json;
}

function eventsOf(org: TestOrganization) {
  return db.select().from(schema.events).where(eq(schema.events.organizationId, org.id));
}

function deliveriesOf(webhookId: string) {
  return db.select().from(schema.webhookDeliveries).where(eq(schema.webhookDeliveries.webhookId, webhookId));
}

let messageCount = 0;

/** The Worker's bindings, with WEBHOOK_SECRETS_KEY and WEBHOOK_SECRETS_PREVIOUS_KEY as a deploy would set them. */
type Bindings = Env;

function withKeys(current: string, previous?: string): Bindings {
  return { ...env, WEBHOOK_SECRETS_KEY: current, WEBHOOK_SECRETS_PREVIOUS_KEY: previous };
}

/** Runs the Worker's queue handler on one batch; its ack/retry result. */
async function consume(bodies: WebhookMessage[], bindings: Bindings = env) {
  const batch = createMessageBatch<WebhookMessage>(
    QUEUE,
    bodies.map((body) => ({ id: `m${++messageCount}`, timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, bindings);
  return getQueueResult(batch, ctx);
}

const drain = (bindings: Bindings = env) => consume([{ kind: "drain" }], bindings);

async function verified(secret: string, received: Received, body = received.body): Promise<boolean> {
  return verify(
    secret,
    { id: received.headers["webhook-id"] ?? "", timestamp: received.headers["webhook-timestamp"] ?? "", signature: received.headers["webhook-signature"] ?? "" },
    body,
    Math.floor(Date.now() / 1000),
  );
}

describe("delivery of registration.created", () => {
  it("one signed POST with the registration as GET returns it; the delivery is delivered", async () => {
    const org = await newOrganization();
    const hook = await subscribe(org, ["registration.created"]);
    const received = receiver();
    const [userId, offeringId] = [await insertUser(org.id), await insertOffering(org.id)];
    const created = await register(org, userId, offeringId);
    const registrationId = created.headers.get("Location")?.split("/").pop() ?? "";

    const result = await drain();
    expect(result.explicitAcks).toHaveLength(1);
    expect(received).toHaveLength(1);
    const [delivery] = received;
    if (delivery === undefined) throw new Error("no delivery");
    expect(delivery.url).toBe(`https://hooks.example.com/${org.id}`);
    expect(delivery.headers["content-type"]).toBe("application/json");
    expect(delivery.headers["webhook-id"]).toMatch(/^[0-9a-f]{32}$/);
    expect(delivery.headers["webhook-timestamp"]).toMatch(/^\d{10}$/);
    expect(delivery.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(await verified(hook.secret, delivery)).toBe(true);

    const body = JSON.parse(delivery.body) as Json;
    expect(body).toEqual({
      type: "registration.created",
      timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      data: await get(org, `/registrations/${registrationId}`),
    });

    const deliveries = (await get(org, `/webhooks/${hook.id}/deliveries`)).results as Json[];
    expect(deliveries).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f]{32}$/),
        eventId: delivery.headers["webhook-id"],
        type: "registration.created",
        status: "delivered",
        attempts: 1,
        lastStatusCode: 200,
        lastAttemptDate: expect.any(String),
      },
    ]);
    // A second drain finds nothing left to send.
    await drain();
    expect(received).toHaveLength(1);
  });

  it("a tampered body, another secret or an old timestamp fails verification", async () => {
    const org = await newOrganization();
    const hook = await subscribe(org, ["registration.created"]);
    const received = receiver();
    await register(org, await insertUser(org.id), await insertOffering(org.id));
    await drain();
    const [delivery] = received;
    if (delivery === undefined) throw new Error("no delivery");
    expect(await verified(hook.secret, delivery, delivery.body.replace("registration.created", "registration.graded"))).toBe(false);
    expect(await verified(hook.secret, delivery, `${delivery.body} `)).toBe(false);
    const other = await subscribe(org, ["user.created"]);
    expect(await verified(other.secret, delivery)).toBe(false);
    const headers = { id: delivery.headers["webhook-id"] ?? "", timestamp: delivery.headers["webhook-timestamp"] ?? "", signature: delivery.headers["webhook-signature"] ?? "" };
    expect(await verify(hook.secret, headers, delivery.body, Number(headers.timestamp) + 3600)).toBe(false);
  });

  it("a receiver answering 500 then 200 gets the same webhook-id twice; the retry waits 5 s", async () => {
    const org = await newOrganization();
    const hook = await subscribe(org, ["registration.created"]);
    const received = receiver([500, 200]);
    await register(org, await insertUser(org.id), await insertOffering(org.id));
    await drain();
    const [pending] = await deliveriesOf(hook.id);
    expect(pending).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500 });
    const queued = await consume([{ kind: "deliver", deliveryId: pending?.id ?? "" }]);
    expect(queued.explicitAcks).toHaveLength(1);
    expect(received.map((r) => r.headers["webhook-id"])).toEqual([received[0]?.headers["webhook-id"], received[0]?.headers["webhook-id"]]);
    expect(received[0]?.body).toBe(received[1]?.body);
    const [done] = await deliveriesOf(hook.id);
    expect(done).toMatchObject({ status: "delivered", attempts: 2, lastStatusCode: 200, nextAttemptAt: null });
  });

  it("a failed delivery is retried with the backoff: 5 s, 20 s, 80 s", async () => {
    const org = await newOrganization();
    const hook = await subscribe(org, ["registration.created"]);
    receiver([503, 503, 503]);
    await register(org, await insertUser(org.id), await insertOffering(org.id));
    await drain();
    const [row] = await deliveriesOf(hook.id);
    // (getQueueResult does not report a retry's delay: the delivery row holds the same schedule.)
    const wait = async () => {
      const [now] = await deliveriesOf(hook.id);
      return ((now?.nextAttemptAt ?? 0) - (now?.lastAttemptAt ?? 0)) / 1000;
    };
    expect(await wait()).toBe(5);
    const first = await consume([{ kind: "deliver", deliveryId: row?.id ?? "" }]);
    expect(first.retryMessages).toEqual([{ msgId: expect.any(String) }]);
    expect(await wait()).toBe(20);
    const second = await consume([{ kind: "deliver", deliveryId: row?.id ?? "" }]);
    expect(second.retryMessages).toEqual([{ msgId: expect.any(String) }]);
    expect(await wait()).toBe(80);
  });

  it("after 24 hours of failures the delivery is failed and the message acknowledged", async () => {
    const org = await newOrganization();
    const hook = await subscribe(org, ["registration.created"]);
    receiver([500, 500]);
    await register(org, await insertUser(org.id), await insertOffering(org.id));
    await drain();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 24 * 3600 * 1000);
    const [row] = await deliveriesOf(hook.id);
    const result = await consume([{ kind: "deliver", deliveryId: row?.id ?? "" }]);
    expect(result.explicitAcks).toHaveLength(1);
    const [failed] = await deliveriesOf(hook.id);
    expect(failed).toMatchObject({ status: "failed", attempts: 2, lastStatusCode: 500, nextAttemptAt: null });
    vi.useRealTimers();
    const listed = (await get(org, `/webhooks/${hook.id}/deliveries`)).results as Json[];
    expect(listed[0]).toMatchObject({ status: "failed", attempts: 2 });
    expect(listed[0]).not.toHaveProperty("nextAttemptDate");

    // POST …/retry: pending again with a fresh window, and the same event is sent again.
    const retry = await call("POST", `${PREFIX}/webhooks/${hook.id}/deliveries/${row?.id ?? ""}/retry`, { token: org.token });
    expect([retry.status, await retry.text()]).toEqual([202, ""]);
    const received = receiver();
    await drain();
    expect(received).toHaveLength(1);
    const [again] = await deliveriesOf(hook.id);
    expect(again).toMatchObject({ status: "delivered", attempts: 3 });
  });
});

describe("the outbox", () => {
  it("25 concurrent identical POSTs give exactly one registration.created", async () => {
    const org = await newOrganization();
    const hook = await subscribe(org, ["registration.created"]);
    const [userId, offeringId] = [await insertUser(org.id), await insertOffering(org.id)];
    const statuses = await Promise.all(Array.from({ length: 25 }, () => register(org, userId, offeringId).then((r) => r.status)));
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(await eventsOf(org)).toHaveLength(1);
    expect(await deliveriesOf(hook.id)).toHaveLength(1);
  });

  it("a refused request writes no event: unavailable, unknown references, an idempotent replay", async () => {
    const org = await newOrganization();
    await subscribe(org, ["registration.created", "user.updated", "offering.updated"]);
    const [userId, offeringId] = [await insertUser(org.id), await insertOffering(org.id)];
    expect((await register(org, userId, offeringId, { "Idempotency-Key": "k1" })).status).toBe(201);
    expect((await register(org, userId, offeringId, { "Idempotency-Key": "k1" })).status).toBe(201);
    expect((await register(org, userId, offeringId)).status).toBe(400);
    expect((await register(org, "0123456789abcdef0123456789abcdef", offeringId)).status).toBe(400);
    const twin = await insertUser(org.id, { email: "taken@example.test" });
    expect((await call("PUT", `${PREFIX}/users/${userId}`, { token: org.token, json: { email: "TAKEN@example.test" } })).status).toBe(400);
    expect((await call("PUT", `${PREFIX}/offerings/${offeringId}`, { token: org.token, json: { registrationBeginDate: "2030-01-01", registrationEndDate: "2029-01-01" } })).status).toBe(400);
    expect(twin).toMatch(/^[0-9a-f]{32}$/);
    expect((await eventsOf(org)).map((event) => event.type)).toEqual(["registration.created"]);
  });

  it("types nobody subscribes to, and disabled or deleted webhooks, write nothing", async () => {
    const org = await newOrganization();
    const off = await subscribe(org, ["user.created"]);
    expect((await call("PUT", `${PREFIX}/webhooks/${off.id}`, { token: org.token, json: { enabled: false } })).status).toBe(204);
    const gone = await subscribe(org, ["user.created"]);
    expect((await call("DELETE", `${PREFIX}/webhooks/${gone.id}`, { token: org.token })).status).toBe(204);
    await subscribe(org, ["offering.deleted"]);
    await insertUser(org.id);
    await register(org, await insertUser(org.id), await insertOffering(org.id));
    expect(await eventsOf(org)).toEqual([]);
  });

  it("another organization's webhook receives nothing", async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    const theirs = await subscribe(other, ["registration.created", "user.created"]);
    const received = receiver();
    await register(org, await insertUser(org.id), await insertOffering(org.id));
    await drain();
    expect(received.filter((r) => r.url.includes(other.id))).toEqual([]);
    expect(await deliveriesOf(theirs.id)).toEqual([]);
  });
});

describe("event data is the resource as GET returns it at the time of the change", () => {
  async function eventData(org: TestOrganization, type: string): Promise<Json[]> {
    const received = receiver();
    await drain();
    vi.unstubAllGlobals();
    return received
      .filter((r) => r.url.endsWith(org.id))
      .map((r) => JSON.parse(r.body) as { type: string; data: Json })
      .filter((e) => e.type === type)
      .map((e) => e.data);
  }

  it("users: created, updated, deleted", async () => {
    const org = await newOrganization();
    await subscribe(org, ["user.created", "user.updated", "user.deleted"]);
    const response = await call("POST", `${PREFIX}/users`, { token: org.token, json: { firstName: "Ada", lastName: "L", email: "ada@example.test", tags: ["a", "b"] } });
    const id = response.headers.get("Location")?.split("/").pop() ?? "";
    expect(await eventData(org, "user.created")).toEqual([await get(org, `/users/${id}`)]);
    await call("PUT", `${PREFIX}/users/${id}`, { token: org.token, json: { lastName: "Lovelace", tags: [] } });
    const updated = await get(org, `/users/${id}`);
    expect(await eventData(org, "user.updated")).toEqual([updated]);
    await call("DELETE", `${PREFIX}/users/${id}`, { token: org.token });
    expect(await eventData(org, "user.deleted")).toEqual([updated]);
  });

  it("offerings: created (with categories), updated, deleted", async () => {
    const org = await newOrganization();
    await subscribe(org, ["offering.created", "offering.updated", "offering.deleted"]);
    const category = await call("POST", `${PREFIX}/offeringcategories`, { token: org.token, json: { name: "Safety" } });
    const categoryId = category.headers.get("Location")?.split("/").pop() ?? "";
    const response = await call("POST", `${PREFIX}/offerings`, {
      token: org.token,
      json: { title: "Forklift", offeringCategoryIds: [categoryId], allowRetake: true, passingGrade: 80.5, seatLimit: 3, registrationEndDate: "2030-12-31", price: 12.5 },
    });
    const id = response.headers.get("Location")?.split("/").pop() ?? "";
    expect(await eventData(org, "offering.created")).toEqual([await get(org, `/offerings/${id}`)]);
    await call("PUT", `${PREFIX}/offerings/${id}`, { token: org.token, json: { title: "Forklift 2", offeringCategoryIds: [], allowRetake: false } });
    const updated = await get(org, `/offerings/${id}`);
    expect(await eventData(org, "offering.updated")).toEqual([updated]);
    await call("DELETE", `${PREFIX}/offerings/${id}`, { token: org.token });
    expect(await eventData(org, "offering.deleted")).toEqual([updated]);
  });

  it("registrations: graded, ejected", async () => {
    const org = await newOrganization();
    await subscribe(org, ["registration.graded", "registration.ejected"]);
    const offeringId = await insertOffering(org.id);
    const graded = (await register(org, await insertUser(org.id), offeringId)).headers.get("Location")?.split("/").pop() ?? "";
    const ejected = (await register(org, await insertUser(org.id), offeringId)).headers.get("Location")?.split("/").pop() ?? "";
    await call("PUT", `${PREFIX}/registrations/${graded}`, { token: org.token, json: { grade: 91.5, graderComment: "well done" } });
    expect(await eventData(org, "registration.graded")).toEqual([await get(org, `/registrations/${graded}`)]);
    await call("PUT", `${PREFIX}/registrations/${ejected}`, { token: org.token, json: { status: "ejected" } });
    expect(await eventData(org, "registration.ejected")).toEqual([await get(org, `/registrations/${ejected}`)]);
    // Ejecting again is refused: no second event.
    expect((await call("PUT", `${PREFIX}/registrations/${ejected}`, { token: org.token, json: { status: "ejected" } })).status).toBe(400);
    expect(await eventData(org, "registration.ejected")).toEqual([]);
  });

  it("registrations made by a batch: one registration.created each; a refused atomic batch none", async () => {
    const org = await newOrganization();
    await subscribe(org, ["registration.created"]);
    const offeringId = await insertOffering(org.id);
    const [first, second] = [await insertUser(org.id), await insertUser(org.id)];
    const batch = (registrations: Json[], atomic = false) =>
      call("POST", `${PREFIX}/registrations/batch`, { token: org.token, json: { registrations, atomic } });
    const answer = (await (await batch([{ userId: first, offeringId }, { userId: first, offeringId }, { userId: second, offeringId }])).json()) as {
      results: { status: number; id?: string }[];
    };
    expect(answer.results.map((entry) => entry.status)).toEqual([201, 400, 201]);
    const made = await Promise.all(answer.results.flatMap((entry) => (entry.id === undefined ? [] : [get(org, `/registrations/${entry.id}`)])));
    const delivered = await eventData(org, "registration.created");
    expect(delivered.sort((a, b) => String(a.id).localeCompare(String(b.id)))).toEqual(made.sort((a, b) => String(a.id).localeCompare(String(b.id))));
    const third = await insertUser(org.id);
    expect((await batch([{ userId: third, offeringId }, { userId: first, offeringId }], true)).status).toBe(409);
    expect(await eventData(org, "registration.created")).toEqual([]);
  });

  it("userfield values: userfieldvalues.updated with the values as GET returns them; a refused PUT none", async () => {
    const org = await newOrganization();
    await subscribe(org, ["userfieldvalues.updated"]);
    const userId = await insertUser(org.id);
    const field = await call("POST", `${PREFIX}/userfields`, { token: org.token, json: { name: "Employee Number", type: "integer" } });
    const fieldId = field.headers.get("Location")?.split("/").pop() ?? "";
    const put = (json: Json) => call("PUT", `${PREFIX}/users/${userId}/userfieldvalues`, { token: org.token, json });
    expect((await put({ [fieldId]: 42 })).status).toBe(204);
    expect(await eventData(org, "userfieldvalues.updated")).toEqual([{ userId, values: await get(org, `/users/${userId}/userfieldvalues`) }]);
    expect((await put({ [fieldId]: "not a number" })).status).toBe(400);
    expect(await eventData(org, "userfieldvalues.updated")).toEqual([]);
  });
});

describe("the cron", () => {
  it("re-enqueues deliveries whose send after the commit never happened, once", async () => {
    const org = await newOrganization();
    const hook = await subscribe(org, ["registration.created"]);
    await register(org, await insertUser(org.id), await insertOffering(org.id));
    const [row] = await deliveriesOf(hook.id);
    const sent: unknown[] = [];
    const queue = { sendBatch: async (messages: Iterable<unknown>) => void sent.push(...messages), send: async () => undefined };
    const run = async (at: number) => {
      const ctx = createExecutionContext();
      await worker.scheduled(createScheduledController({ scheduledTime: at, cron: "* * * * *" }), { ...env, WEBHOOK_QUEUE: queue as never });
      await waitOnExecutionContext(ctx);
    };
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 2 * 60_000);
    await run(Date.now());
    expect(sent).toContainEqual({ body: { kind: "deliver", deliveryId: row?.id }, delaySeconds: 0 });
    const count = sent.length;
    await run(Date.now());
    expect(sent).toHaveLength(count);
    const [claimed] = await db.select().from(schema.webhookDeliveries).where(and(eq(schema.webhookDeliveries.id, row?.id ?? "")));
    expect(claimed?.enqueuedAt).not.toBeNull();
  });
});

const DAY = 24 * 3600 * 1000;

/** One cron tick at the current (possibly frozen) time, with a queue that only records. */
async function cronTick(bindings: Bindings = env): Promise<void> {
  const queue = { sendBatch: async () => undefined, send: async () => undefined };
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: "* * * * *" }), { ...bindings, WEBHOOK_QUEUE: queue as never });
  await waitOnExecutionContext(ctx);
}

describe("the cron: the webhook history's end", () => {
  it("removes an event and its deliveries 30 days after the event; a younger one stays", async () => {
    const org = await newOrganization();
    const hook = await subscribe(org, ["registration.created"]);
    receiver();
    const offeringId = await insertOffering(org.id);
    const now = Date.now();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(now - 31 * DAY);
    await register(org, await insertUser(org.id), offeringId);
    await drain();
    vi.setSystemTime(now - 29 * DAY);
    await register(org, await insertUser(org.id), offeringId);
    await drain();
    const [, young] = (await eventsOf(org)).sort((a, b) => a.createdAt - b.createdAt);
    vi.setSystemTime(now);

    await cronTick();

    expect((await eventsOf(org)).map((event) => event.id)).toEqual([young?.id]);
    expect((await deliveriesOf(hook.id)).map((delivery) => delivery.eventId)).toEqual([young?.id]);
    const listed = (await get(org, `/webhooks/${hook.id}/deliveries`)).results as Json[];
    expect(listed.map((delivery) => delivery.eventId)).toEqual([young?.id]);
  });

  it("keeps an old event while a delivery of it is pending, and removes it once delivered", async () => {
    const org = await newOrganization();
    const hook = await subscribe(org, ["registration.created"]);
    receiver();
    const now = Date.now();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(now - 31 * DAY);
    await register(org, await insertUser(org.id), await insertOffering(org.id));
    vi.setSystemTime(now);

    await cronTick();
    const [pending] = await deliveriesOf(hook.id);
    expect(pending?.status).toBe("pending");
    expect(await eventsOf(org)).toHaveLength(1);

    await consume([{ kind: "deliver", deliveryId: pending?.id ?? "" }]);
    expect((await deliveriesOf(hook.id))[0]?.status).toBe("delivered");
    await cronTick();
    expect(await eventsOf(org)).toEqual([]);
    expect(await deliveriesOf(hook.id)).toEqual([]);
  });
});

describe("signing secrets at rest (WEBHOOK_SECRETS_KEY)", () => {
  function storedSecret(webhookId: string) {
    return db
      .select({ secret: schema.webhooks.secret })
      .from(schema.webhooks)
      .where(eq(schema.webhooks.id, webhookId))
      .then(([row]) => row?.secret ?? "");
  }

  async function deliverOne(org: TestOrganization, hookId: string, bindings: Bindings = env) {
    const before = new Set((await deliveriesOf(hookId)).map((delivery) => delivery.id));
    const received = receiver();
    await register(org, await insertUser(org.id), await insertOffering(org.id));
    await drain(bindings);
    return { received, delivery: (await deliveriesOf(hookId)).find((delivery) => !before.has(delivery.id)) };
  }

  /** One registration.created is delivered to the webhook, signed with `secret`. */
  async function expectDeliveredSignedWith(org: TestOrganization, hookId: string, secret: string, bindings: Bindings = env) {
    const { received, delivery } = await deliverOne(org, hookId, bindings);
    expect(received).toHaveLength(1);
    expect(await verified(secret, received[0] as Received)).toBe(true);
    expect(delivery?.status).toBe("delivered");
  }

  it("stores the secret sealed to its webhook, and deliveries sign with the secret the 201 gave", async () => {
    const org = await newOrganization();
    const hook = await subscribe(org, ["registration.created"]);
    const stored = await storedSecret(hook.id);
    expect(stored).toMatch(/^sealed:v1:[A-Za-z0-9_-]{8}:[A-Za-z0-9_-]+$/);
    expect(stored).not.toContain(hook.secret.slice("whsec_".length));

    await expectDeliveredSignedWith(org, hook.id, hook.secret);
  });

  it("a webhook stored before sealing (the secret as issued) still signs with it", async () => {
    const org = await newOrganization();
    const hook = await subscribe(org, ["registration.created"]);
    await db.update(schema.webhooks).set({ secret: hook.secret }).where(eq(schema.webhooks.id, hook.id));

    await expectDeliveredSignedWith(org, hook.id, hook.secret);
  });

  it("a sealed secret copied to another webhook's row does not open there: nothing is sent, the delivery stays pending", async () => {
    // `other` receives the user.created of the fixture's user, signed with its own secret.
    const org = await newOrganization();
    const other = await subscribe(org, ["user.created"], "https://hooks.example.com/other");
    const hook = await subscribe(org, ["registration.created"]);
    await db.update(schema.webhooks).set({ secret: await storedSecret(other.id) }).where(eq(schema.webhooks.id, hook.id));

    const { received, delivery } = await deliverOne(org, hook.id);
    expect(received.map((request) => request.url)).toEqual(["https://hooks.example.com/other"]);
    expect(await verified(other.secret, received[0] as Received)).toBe(true);
    expect(delivery).toMatchObject({ status: "pending", attempts: 0 });
  });

  describe("a key rotation (WEBHOOK_SECRETS_PREVIOUS_KEY)", () => {
    const before = env.WEBHOOK_SECRETS_KEY ?? "";
    const rotated = "test-webhook-secrets-key-rotated";

    it("a secret sealed with the previous key still signs, and the cron seals it with the new key", async () => {
      const org = await newOrganization();
      const hook = await subscribe(org, ["registration.created"]);
      const sealedBefore = await storedSecret(hook.id);

      await expectDeliveredSignedWith(org, hook.id, hook.secret, withKeys(rotated, before));
      await cronTick(withKeys(rotated, before));

      const sealedAfter = await storedSecret(hook.id);
      expect(sealedAfter).toMatch(/^sealed:v1:[A-Za-z0-9_-]{8}:[A-Za-z0-9_-]+$/);
      expect(sealedAfter.slice(0, 19)).not.toBe(sealedBefore.slice(0, 19));
      expect(sealedAfter).not.toContain(hook.secret.slice("whsec_".length));
      // The previous key is gone: what the cron sealed opens with the new key alone.
      await expectDeliveredSignedWith(org, hook.id, hook.secret, withKeys(rotated));
      expect(await resealWebhookSecrets(db as unknown as Db, { current: rotated, previous: before })).toMatchObject({ resealed: 0, done: true });
    });

    it("a secret stored as issued is sealed by the cron with the current key", async () => {
      const org = await newOrganization();
      const hook = await subscribe(org, ["registration.created"]);
      await db.update(schema.webhooks).set({ secret: hook.secret }).where(eq(schema.webhooks.id, hook.id));

      await cronTick();

      expect(await storedSecret(hook.id)).toMatch(/^sealed:v1:[A-Za-z0-9_-]{8}:[A-Za-z0-9_-]+$/);
      await expectDeliveredSignedWith(org, hook.id, hook.secret);
    });

    it("a secret sealed with a key that is neither is left as it is, and its delivery waits", async () => {
      const org = await newOrganization();
      const hook = await subscribe(org, ["registration.created"]);
      const sealed = await storedSecret(hook.id);

      await cronTick(withKeys(rotated));

      expect(await storedSecret(hook.id)).toBe(sealed);
      const { received, delivery } = await deliverOne(org, hook.id, withKeys(rotated));
      expect(received).toEqual([]);
      expect(delivery).toMatchObject({ status: "pending", attempts: 0 });
    });
  });
});
