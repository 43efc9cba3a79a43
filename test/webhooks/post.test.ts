/** Contract tests of POST /webhooks (issue 15; API.md §3 for Idempotency-Key): the subscription, its URL and events rules, the secret shown in the 201 (and again on a replay). */
import { describe, expect, it } from "vitest";
import { newId } from "../../src/lib/crypto";
import { authenticationTests } from "../support/common-tests";
import { expectError, ID, PREFIX, type Json } from "../support/contract";
import { newOrganization } from "../support/fixtures";
import { call, parts } from "../support/http";
import { onWorkers } from "../support/runtime";
import { EVENTS_ERROR, HOOK, postWebhook, subscribe, URL_ERROR } from "../support/webhooks";

describe("POST /webhooks", () => {
  authenticationTests({ method: "POST", path: `${PREFIX}/webhooks`, json: HOOK });

  it("201 with Location and a body holding the id and the secret: whsec_ and base64 of 32 bytes", async () => {
    const org = await newOrganization();
    const response = await postWebhook(org);
    const body = (await response.json()) as { id: string; secret: string };
    expect(response.status).toBe(201);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(response.headers.get("Location")).toBe(`${PREFIX}/webhooks/${body.id}`);
    expect(Object.keys(body).sort()).toEqual(["id", "secret"]);
    expect(body.id).toMatch(ID);
    expect(body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(atob(body.secret.slice(6)).length).toBe(32);
  });

  it("Location uses the base path of the request", async () => {
    const org = await newOrganization();
    const response = await call("POST", "/api/v5/webhooks", { token: org.token, json: HOOK });
    expect(response.headers.get("Location")).toMatch(/^\/api\/v5\/webhooks\/[0-9a-f]{32}$/);
  });

  it("every webhook has its own secret", async () => {
    const org = await newOrganization();
    const [a, b] = [await subscribe(org), await subscribe(org)];
    expect(a.secret).not.toBe(b.secret);
  });

  const refusedUrls = [
    "http://hooks.example.com/x",
    "ftp://hooks.example.com/x",
    "not a url",
    "https://10.0.0.5/x",
    "https://172.16.1.1/x",
    "https://192.168.1.10/x",
    "https://169.254.169.254/latest/meta-data",
    "https://[fe80::1]/x",
    "https://[fd00::1]/x",
    "https://[::ffff:127.0.0.1]/x",
    "https://0x0a000001/x",
    "https://metadata.google.internal/x",
    "https://printer.local/x",
    "https://intranet/x",
    "https://user:pass@hooks.example.com/x",
  ];
  for (const url of refusedUrls) {
    it(`refuses ${url}`, async () => {
      const org = await newOrganization();
      await expectError(await call("POST", `${PREFIX}/webhooks`, { token: org.token, json: { ...HOOK, url } }), 400, "validation_failed", URL_ERROR);
    });
  }

  // ALLOW_LOCAL_WEBHOOKS: unset in the Workers tests, `true` in the Deno test server.
  for (const url of ["https://localhost/x", "http://localhost:8080/x", "http://127.0.0.1:9/x", "https://[::1]/x"]) {
    it(`${url}: ${onWorkers ? "refused without" : "allowed with"} ALLOW_LOCAL_WEBHOOKS=true`, async () => {
      const org = await newOrganization();
      const response = await call("POST", `${PREFIX}/webhooks`, { token: org.token, json: { ...HOOK, url } });
      if (onWorkers) await expectError(response, 400, "validation_failed", URL_ERROR);
      else expect(response.status).toBe(201);
    });
  }

  it("with ALLOW_LOCAL_WEBHOOKS, still no private or metadata address, nor another local name", async () => {
    const org = await newOrganization();
    for (const url of ["http://10.0.0.1/x", "http://169.254.169.254/x", "http://localhost.example.com/x", "http://127.0.0.2/x"]) {
      await expectError(await call("POST", `${PREFIX}/webhooks`, { token: org.token, json: { ...HOOK, url } }), 400, "validation_failed", URL_ERROR);
    }
  });

  it("url is required", async () => {
    const org = await newOrganization();
    await expectError(
      await call("POST", `${PREFIX}/webhooks`, { token: org.token, json: { events: HOOK.events } }),
      400,
      "validation_failed",
      { fieldErrors: { url: "url is required" } },
    );
  });

  for (const events of [undefined, [], ["registration.deleted"], "registration.created", [1]]) {
    it(`events ${JSON.stringify(events)}: the list of event types`, async () => {
      const org = await newOrganization();
      await expectError(
        await call("POST", `${PREFIX}/webhooks`, { token: org.token, json: { url: HOOK.url, events } }),
        400,
        "validation_failed",
        EVENTS_ERROR,
      );
    });
  }

  it("a refused request creates nothing", async () => {
    const org = await newOrganization();
    await call("POST", `${PREFIX}/webhooks`, { token: org.token, json: { ...HOOK, url: "http://x" } });
    expect(await parts(await call("GET", `${PREFIX}/webhooks`, { token: org.token }))).toMatchObject({ status: 200, body: { results: [] } });
  });
});

describe("POST /webhooks with Idempotency-Key", () => {
  const KEY_REUSED = { errors: ["Idempotency-Key was already used with a different request"] };
  const BAD_KEY = { errors: ["Idempotency-Key must be 1 to 255 visible ASCII characters"] };
  const key = () => `hook-${newId()}`;

  it("a repeat of the same request answers the original 201 again: the same Location, id and secret; one webhook", async () => {
    const org = await newOrganization();
    const headers = { "Idempotency-Key": key() };
    const first = await postWebhook(org, HOOK, headers);
    const again = await postWebhook(org, HOOK, headers);
    const firstBody = (await first.json()) as { id: string; secret: string };
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(again.headers.get("Location")).toBe(first.headers.get("Location"));
    expect(again.headers.get("Location")).toBe(`${PREFIX}/webhooks/${firstBody.id}`);
    expect(await again.json()).toEqual(firstBody);
    const list = (await parts(await call("GET", `${PREFIX}/webhooks`, { token: org.token }))).body as { results: Json[] };
    expect(list.results.map((hook) => hook.id)).toEqual([firstBody.id]);
  });

  it("the same key with a different body is 422 idempotency_key_reused and creates nothing", async () => {
    const org = await newOrganization();
    const headers = { "Idempotency-Key": key() };
    const { id } = (await (await postWebhook(org, HOOK, headers)).json()) as { id: string };
    await expectError(await postWebhook(org, { ...HOOK, description: "another" }, headers), 422, "idempotency_key_reused", KEY_REUSED);
    const list = (await parts(await call("GET", `${PREFIX}/webhooks`, { token: org.token }))).body as { results: Json[] };
    expect(list.results.map((hook) => hook.id)).toEqual([id]);
  });

  it("another organization's request under the same key is its own: its own webhook and secret", async () => {
    const [org, other] = [await newOrganization(), await newOrganization()];
    const headers = { "Idempotency-Key": key() };
    const mine = (await (await postWebhook(org, HOOK, headers)).json()) as { id: string; secret: string };
    const response = await postWebhook(other, HOOK, headers);
    const theirs = (await response.json()) as { id: string; secret: string };
    expect(response.status).toBe(201);
    expect(theirs.id).not.toBe(mine.id);
    expect(theirs.secret).not.toBe(mine.secret);
  });

  for (const [what, value] of [["empty", ""], ["256 characters", "k".repeat(256)], ["a space", "a key"], ["non-ASCII", "clé"]] as const) {
    it(`a malformed key (${what}) is 400 invalid_body and creates nothing`, async () => {
      const org = await newOrganization();
      await expectError(await postWebhook(org, HOOK, { "Idempotency-Key": value }), 400, "invalid_body", BAD_KEY);
      expect(await parts(await call("GET", `${PREFIX}/webhooks`, { token: org.token }))).toMatchObject({ status: 200, body: { results: [] } });
    });
  }
});
