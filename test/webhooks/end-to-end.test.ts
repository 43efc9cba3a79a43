/**
 * Webhooks end to end on Deno (issue 15): the real server process, its in-process delivery loop,
 * and a receiver on loopback that answers what each test tells it. (On Workers the same flow is
 * test/webhooks/delivery.workers.test.ts, with the queue handler driven by the test.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verify } from "../../src/webhooks/signature";
import { PREFIX, type Json } from "../support/contract";
import { insertOffering, insertUser, newOrganization, type TestOrganization } from "../support/fixtures";
import { call } from "../support/http";
import { onWorkers } from "../support/runtime";
import { startReceiver, type Received } from "../support/webhook-receiver";

let closeReceiver: () => Promise<void>;
let origin = "";
const received: Received[] = [];
/** Per path: the statuses to answer in turn (then 200). */
const answers = new Map<string, number[]>();

beforeAll(async () => {
  if (onWorkers) return;
  ({ origin, close: closeReceiver } = await startReceiver(received, answers));
});

afterAll(async () => {
  if (!onWorkers) await closeReceiver();
});

/** Waits (up to the test's timeout) until `count` requests have reached `path`. */
async function receivedAt(path: string, count: number): Promise<Received[]> {
  for (;;) {
    const here = received.filter((r) => r.path === path);
    if (here.length >= count) return here;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function subscribe(org: TestOrganization, path: string, events = ["registration.created"]) {
  const response = await call("POST", `${PREFIX}/webhooks`, { token: org.token, json: { url: `${origin}${path}`, events } });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; secret: string };
}

function headersOf(r: Received) {
  return { id: r.headers["webhook-id"] ?? "", timestamp: r.headers["webhook-timestamp"] ?? "", signature: r.headers["webhook-signature"] ?? "" };
}

describe.skipIf(onWorkers)("webhooks end to end (Deno)", () => {
  it("subscribe, register: a verified delivery of the registration as GET returns it", { timeout: 10_000 }, async () => {
    const org = await newOrganization();
    const hook = await subscribe(org, `/${org.id}`);
    const response = await call("POST", `${PREFIX}/registrations`, {
      token: org.token,
      json: { userId: await insertUser(org.id), offeringId: await insertOffering(org.id) },
    });
    const [delivery] = await receivedAt(`/${org.id}`, 1);
    if (delivery === undefined) throw new Error("unreachable");
    expect(delivery.headers["content-type"]).toBe("application/json");
    expect(await verify(hook.secret, headersOf(delivery), delivery.body, Math.floor(Date.now() / 1000))).toBe(true);
    expect(await verify(hook.secret, headersOf(delivery), delivery.body.replace("active", "passed"), Math.floor(Date.now() / 1000))).toBe(false);
    const registration = await call("GET", response.headers.get("Location") ?? "", { token: org.token });
    expect(JSON.parse(delivery.body)).toEqual({ type: "registration.created", timestamp: expect.any(String), data: await registration.json() });
  });

  it("a receiver answering 500 then 200 gets the same webhook-id twice", { timeout: 20_000 }, async () => {
    const org = await newOrganization();
    const path = `/${org.id}`;
    answers.set(path, [500]);
    const hook = await subscribe(org, path);
    await call("POST", `${PREFIX}/registrations`, { token: org.token, json: { userId: await insertUser(org.id), offeringId: await insertOffering(org.id) } });
    const [first, second] = await receivedAt(path, 2);
    expect(second?.headers["webhook-id"]).toBe(first?.headers["webhook-id"]);
    expect(second?.body).toBe(first?.body);
    // The attempt is recorded right after the receiver answers: wait for the row to say so.
    for (;;) {
      const list = (await (await call("GET", `${PREFIX}/webhooks/${hook.id}/deliveries`, { token: org.token })).json()) as { results: Json[] };
      if (list.results[0]?.status === "delivered") {
        expect(list.results[0]).toMatchObject({ attempts: 2, lastStatusCode: 200 });
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  it("25 concurrent identical POSTs: one registration.created; another organization's webhook gets nothing", { timeout: 10_000 }, async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    const hook = await subscribe(org, `/${org.id}`);
    const theirs = await subscribe(other, `/${other.id}`);
    const [userId, offeringId] = [await insertUser(org.id), await insertOffering(org.id)];
    const statuses = await Promise.all(
      Array.from({ length: 25 }, () => call("POST", `${PREFIX}/registrations`, { token: org.token, json: { userId, offeringId } }).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    await receivedAt(`/${org.id}`, 1);
    const deliveries = (await (await call("GET", `${PREFIX}/webhooks/${hook.id}/deliveries`, { token: org.token })).json()) as { results: Json[] };
    expect(deliveries.results).toHaveLength(1);
    const none = (await (await call("GET", `${PREFIX}/webhooks/${theirs.id}/deliveries`, { token: other.token })).json()) as { results: Json[] };
    expect(none.results).toEqual([]);
    expect(received.filter((r) => r.path === `/${other.id}`)).toEqual([]);
  });
});
