/** The /webhooks resource (issue 15): subscribe, read, list, update, delete, errors, tenancy. */
import { describe, expect, it } from "vitest";
import { expectError, ID, ISO_SECOND, NOT_FOUND, PREFIX, type Json } from "../support/contract";
import { newOrganization, type TestOrganization } from "../support/fixtures";
import { call, parts } from "../support/http";
import { onWorkers } from "../support/runtime";

const UNKNOWN_ID = "0123456789abcdef0123456789abcdef";
const URL_ERROR = { fieldErrors: { url: "url must be an https URL on a public host" } };
const EVENTS_ERROR = {
  fieldErrors: {
    events:
      "events must name at least one of registration.created, registration.graded, registration.ejected, user.created, user.updated, user.deleted, offering.created, offering.updated, offering.deleted, userfieldvalues.updated",
  },
};
// Nothing is ever delivered in this file: no webhook here sees an event of its types.
const HOOK = { url: "https://hooks.example.com/registrar", events: ["registration.created"], description: "LMS" };

async function subscribe(org: TestOrganization, json: Json = HOOK): Promise<{ id: string; secret: string }> {
  const response = await call("POST", `${PREFIX}/webhooks`, { token: org.token, json });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; secret: string };
}

describe("POST /webhooks", () => {
  it("201 with Location and a body holding the id and the secret: whsec_ and base64 of 32 bytes", async () => {
    const org = await newOrganization();
    const response = await call("POST", `${PREFIX}/webhooks`, { token: org.token, json: HOOK });
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

describe("GET /webhooks/<id>", () => {
  it("the webhook without its secret; events deduplicated; enabled by default", async () => {
    const org = await newOrganization();
    const { id } = await subscribe(org, { ...HOOK, events: ["user.created", "registration.created", "user.created"] });
    const { status, body } = await parts(await call("GET", `${PREFIX}/webhooks/${id}`, { token: org.token }));
    expect(status).toBe(200);
    expect(body).toEqual({
      id,
      url: HOOK.url,
      events: ["user.created", "registration.created"],
      description: "LMS",
      enabled: true,
      createdDate: expect.stringMatching(ISO_SECOND),
    });
  });

  it("404 for an unknown, malformed, deleted or another organization's webhook", async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    const { id } = await subscribe(org);
    for (const path of [UNKNOWN_ID, "nope"]) {
      await expectError(await call("GET", `${PREFIX}/webhooks/${path}`, { token: org.token }), 404, "not_found", NOT_FOUND);
    }
    await expectError(await call("GET", `${PREFIX}/webhooks/${id}`, { token: other.token }), 404, "not_found", NOT_FOUND);
    expect((await call("DELETE", `${PREFIX}/webhooks/${id}`, { token: org.token })).status).toBe(204);
    await expectError(await call("GET", `${PREFIX}/webhooks/${id}`, { token: org.token }), 404, "not_found", NOT_FOUND);
    await expectError(await call("DELETE", `${PREFIX}/webhooks/${id}`, { token: org.token }), 404, "not_found", NOT_FOUND);
  });
});

describe("GET /webhooks", () => {
  it("the organization's webhooks, oldest first, paged, never a secret", async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    const a = await subscribe(org);
    const b = await subscribe(org);
    await subscribe(other);
    const { body } = await parts(await call("GET", `${PREFIX}/webhooks?limit=1`, { token: org.token }));
    const page = body as { results: Json[]; next?: string };
    expect(page.results.map((hook) => hook.id)).toEqual([a.id]);
    expect(page.next).toBe(`${PREFIX}/webhooks?limit=1&offset=1`);
    const all = (await parts(await call("GET", `${PREFIX}/webhooks`, { token: org.token }))).body as { results: Json[] };
    expect(all.results.map((hook) => hook.id).sort()).toEqual([a.id, b.id].sort());
    expect(JSON.stringify(all)).not.toContain("whsec_");
  });
});

describe("PUT /webhooks/<id>", () => {
  it("partial update: 204, then GET shows it", async () => {
    const org = await newOrganization();
    const { id } = await subscribe(org);
    const put = await call("PUT", `${PREFIX}/webhooks/${id}`, {
      token: org.token,
      json: { events: ["offering.updated"], enabled: false, description: "" },
    });
    expect(put.status).toBe(204);
    const { body } = await parts(await call("GET", `${PREFIX}/webhooks/${id}`, { token: org.token }));
    expect(body).toEqual({ id, url: HOOK.url, events: ["offering.updated"], enabled: false, createdDate: expect.stringMatching(ISO_SECOND) });
  });

  it("the same url and events rules; 404 for another organization's", async () => {
    const org = await newOrganization();
    const { id } = await subscribe(org);
    await expectError(await call("PUT", `${PREFIX}/webhooks/${id}`, { token: org.token, json: { url: "https://10.1.2.3/" } }), 400, "validation_failed", URL_ERROR);
    await expectError(await call("PUT", `${PREFIX}/webhooks/${id}`, { token: org.token, json: { events: [] } }), 400, "validation_failed", EVENTS_ERROR);
    const other = await newOrganization();
    await expectError(await call("PUT", `${PREFIX}/webhooks/${id}`, { token: other.token, json: { enabled: false } }), 404, "not_found", NOT_FOUND);
  });
});

describe("GET /webhooks/<id>/deliveries and POST …/retry", () => {
  it("an empty page for a new webhook; 404 for an unknown one or another organization's", async () => {
    const org = await newOrganization();
    const { id } = await subscribe(org);
    expect(await parts(await call("GET", `${PREFIX}/webhooks/${id}/deliveries`, { token: org.token }))).toEqual({
      status: 200,
      contentType: "application/json",
      errorCode: null,
      body: { results: [] },
    });
    await expectError(await call("GET", `${PREFIX}/webhooks/${UNKNOWN_ID}/deliveries`, { token: org.token }), 404, "not_found", NOT_FOUND);
    const other = await newOrganization();
    await expectError(await call("GET", `${PREFIX}/webhooks/${id}/deliveries`, { token: other.token }), 404, "not_found", NOT_FOUND);
    await expectError(
      await call("POST", `${PREFIX}/webhooks/${id}/deliveries/${UNKNOWN_ID}/retry`, { token: org.token }),
      404,
      "not_found",
      NOT_FOUND,
    );
  });
});
