/**
 * The OpenAPI 3.1 documents (`<prefix>/openapi.json`, and the operator API's `/admin/v1/openapi.json`)
 * and the /docs page, through the Worker's fetch. The documents must describe exactly the routes
 * the app serves. Their validation against the OpenAPI 3.1 schema runs in Node
 * (test/node/openapi.validate.test.ts): the validator compiles schemas with `new Function`,
 * which the Workers runtime forbids.
 */
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { CATALOGUE } from "../../src/http/errors";
import { call } from "../support/http";
import { ADMIN_TOKEN, newOrganization } from "../support/fixtures";
import { PREFIXES, type Json } from "../support/contract";

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

interface Document extends Json {
  openapi: string;
  servers: { url: string }[];
  paths: Record<string, Record<string, Json>>;
  components: Record<string, Record<string, Json>>;
}

async function documentAt(path: string, token?: string): Promise<Document> {
  const response = await call("GET", path, { token });
  expect(response.status, path).toBe(200);
  expect(response.headers.get("Content-Type")).toBe("application/json");
  return (await response.json()) as Document;
}

/** `METHOD /path/{param}` of every operation of a document. */
function operationsOf(document: Document): string[] {
  return Object.entries(document.paths)
    .flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => METHODS.includes(key))
        .map((method) => `${method.toUpperCase()} ${path}`),
    )
    .sort();
}

function operationEntries(document: Document): [string, Json][] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([key]) => METHODS.includes(key))
      .map(([method, operation]): [string, Json] => [`${method.toUpperCase()} ${path}`, operation]),
  );
}

/** The routes the app really serves (from Hono's route table), below `base`, in OpenAPI spelling. */
function servedRoutes(base: string): string[] {
  const app = createApp({
    database: () => {
      throw new Error("not used");
    },
    settings: () => ({ adminToken: undefined, tokenCacheTtlMs: 0, allowLocalWebhooks: false }),
  });
  const routes = app.routes
    .filter((route) => route.method !== "ALL" && route.path.startsWith(`${base}/`))
    .map((route) => `${route.method} ${route.path.slice(base.length).replaceAll(/:(\w+)/g, "{$1}")}`);
  return [...new Set(routes)].sort();
}

function allServedRoutes(): string[] {
  const app = createApp({
    database: () => {
      throw new Error("not used");
    },
    settings: () => ({ adminToken: undefined, tokenCacheTtlMs: 0, allowLocalWebhooks: false }),
  });
  return [...new Set(app.routes.filter((route) => route.method !== "ALL").map((r) => `${r.method} ${r.path}`))];
}

describe("the public OpenAPI document", () => {
  it.each(PREFIXES)("is served at %s/openapi.json without a token, with servers naming that prefix", async (prefix) => {
    const response = await call("GET", `${prefix}/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/json");
    expect(response.headers.get("X-Request-Id")).toMatch(/^\w+$/);
    const document = (await response.json()) as Document;
    expect(document.openapi).toBe("3.1.0");
    expect(document.servers).toEqual([{ url: prefix }]);
    expect(Object.keys(document).slice(0, 3)).toEqual(["openapi", "info", "servers"]);
  });

  it("is also served to a request with an unknown token (the document needs none)", async () => {
    const response = await call("GET", "/dc/api/v5/openapi.json", { token: "not-a-token" });
    expect(response.status).toBe(200);
  });

  it("is the same document under both prefixes except for servers", async () => {
    const [a, b] = await Promise.all(PREFIXES.map((prefix) => documentAt(`${prefix}/openapi.json`)));
    expect({ ...a, servers: [] }).toEqual({ ...b, servers: [] });
  });

  it.each(PREFIXES)("describes exactly the routes served under %s", async (prefix) => {
    const document = await documentAt(`${prefix}/openapi.json`);
    const served = servedRoutes(prefix);
    expect(served.length).toBeGreaterThan(20);
    expect(operationsOf(document)).toEqual(served);
  });

  it("leaves out the operator API", async () => {
    const document = await documentAt("/dc/api/v5/openapi.json");
    const text = JSON.stringify(document);
    expect(Object.keys(document.paths).some((path) => path.includes("admin"))).toBe(false);
    expect(text).not.toContain("AdminBearer");
    expect(text).not.toContain("/admin/v1");
  });

  it("registers one Bearer security scheme, used by every operation but the document itself", async () => {
    const document = await documentAt("/dc/api/v5/openapi.json");
    expect(document.components.securitySchemes).toEqual({
      Bearer: { type: "http", scheme: "bearer", description: "An access token of the organization." },
    });
    for (const [name, operation] of operationEntries(document)) {
      const expected = name === "GET /openapi.json" ? [] : [{ Bearer: [] }];
      expect(operation.security, name).toEqual(expected);
    }
  });

  it("declares every path parameter, and names every operation's responses with X-Request-Id", async () => {
    const document = await documentAt("/dc/api/v5/openapi.json");
    for (const [name, operation] of operationEntries(document)) {
      const declared = ((operation.parameters ?? []) as Json[])
        .filter((parameter) => parameter.in === "path")
        .map((parameter) => parameter.name)
        .sort();
      const inTemplate = [...name.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
      expect(declared, name).toEqual(inTemplate);
      for (const [status, response] of Object.entries(operation.responses as Record<string, Json>)) {
        const headers = (response.$ref === undefined ? response.headers : undefined) as Json | undefined;
        if (response.$ref === undefined) expect(headers?.["X-Request-Id"], `${name} ${status}`).toBeDefined();
      }
    }
  });

  it("documents the shared errors: 401 everywhere, 413 and 415 where there is a body, errors with X-Error-Code", async () => {
    const document = await documentAt("/dc/api/v5/openapi.json");
    for (const [name, operation] of operationEntries(document)) {
      const responses = operation.responses as Record<string, Json>;
      if (name !== "GET /openapi.json") {
        expect(responses["401"], name).toEqual({ $ref: "#/components/responses/Unauthorized" });
        expect(responses["429"], name).toEqual({ $ref: "#/components/responses/TooManyRequests" });
        expect(responses["503"], name).toEqual({ $ref: "#/components/responses/Unavailable" });
        expect(operation.parameters, name).toContainEqual({ $ref: "#/components/parameters/X-D1-Bookmark" });
      }
      expect(responses["500"], name).toEqual({ $ref: "#/components/responses/InternalError" });
      const hasBody = operation.requestBody !== undefined;
      expect(responses["413"] !== undefined, name).toBe(hasBody);
      expect(responses["415"] !== undefined, name).toBe(hasBody);
      if (hasBody) expect(operation.requestBody, name).toMatchObject({ required: true });
      for (const [status, response] of Object.entries(responses)) {
        if (Number(status) < 400 || response.$ref !== undefined) continue;
        expect(response, `${name} ${status}`).toMatchObject({ headers: { "X-Error-Code": { required: true } } });
        // The Error body, or a named schema that extends it (a refused batch: per-item results beside `errors`).
        const schema = (response.content as Record<string, { schema: { $ref?: string } }>)["application/json"]?.schema;
        const named = document.components.schemas?.[schema?.$ref?.split("/").pop() ?? ""] as { allOf?: Json[] } | undefined;
        const base = schema?.$ref === "#/components/schemas/Error" ? schema : named?.allOf?.[0];
        expect(base, `${name} ${status}`).toEqual({ $ref: "#/components/schemas/Error" });
      }
    }
    // Every code the catalogue holds, and no other, in the shared header and each route's own.
    expect(document.components.headers?.["X-Error-Code"]).toMatchObject({ schema: { type: "string", enum: Object.keys(CATALOGUE) } });
    const badRequest = (document.paths["/registrations"]?.post?.responses as Record<string, Json>)["400"] as Json;
    expect(badRequest.headers).toMatchObject({ "X-Error-Code": { schema: { type: "string", enum: Object.keys(CATALOGUE) } } });
    const unauthorized = document.components.responses?.Unauthorized;
    expect(unauthorized).toMatchObject({
      headers: {
        "X-Error-Code": { $ref: "#/components/headers/X-Error-Code" },
        "X-Request-Id": { $ref: "#/components/headers/X-Request-Id" },
        "WWW-Authenticate": { $ref: "#/components/headers/WWW-Authenticate" },
      },
      content: { "application/json": { example: { errors: ["A valid access token is required"] } } },
    });
    expect(document.components.schemas?.Error).toEqual({
      type: "object",
      properties: {
        errors: { type: "array", items: { type: "string" } },
        fieldErrors: { type: "object", additionalProperties: { type: "string" } },
      },
    });
  });

  it("documents Location on every 201, paging on every list, and the bodies of POST /registrations", async () => {
    const document = await documentAt("/dc/api/v5/openapi.json");
    for (const [name, operation] of operationEntries(document)) {
      const created = (operation.responses as Record<string, Json>)["201"];
      if (created !== undefined) {
        expect(created, name).toMatchObject({ headers: { Location: { required: true, schema: { type: "string" } } } });
      }
      const parameters = ((operation.parameters ?? []) as Json[]).map((parameter) => parameter.name);
      if (parameters.includes("limit")) expect(parameters, name).toContain("offset");
    }
    const list = document.paths["/registrations"]?.get as Json;
    expect(list.parameters).toContainEqual(
      expect.objectContaining({ name: "limit", in: "query", schema: expect.objectContaining({ maximum: 100, default: 15 }) }),
    );
    expect(document.components.schemas?.RegistrationPage).toMatchObject({
      properties: { results: { type: "array" }, next: { type: "string" }, previous: { type: "string" } },
      required: ["results"],
    });
    const post = document.paths["/registrations"]?.post as Json;
    expect(post.requestBody).toEqual({
      required: true,
      content: { "application/json": { schema: { $ref: "#/components/schemas/RegistrationCreate" } } },
    });
    expect(document.components.schemas?.RegistrationCreate).toMatchObject({
      type: "object",
      required: ["userId", "offeringId"],
    });
  });

  it("documents what the API really answers (a documented operation is served, with its documented status)", async () => {
    const org = await newOrganization();
    const document = await documentAt("/api/v5/openapi.json");
    for (const [name] of operationEntries(document).filter(([name]) => name.startsWith("GET "))) {
      const path = name.slice(4).replaceAll(/\{(\w+)\}/g, (_, param: string) =>
        param === "type" ? "standard" : "0123456789abcdef0123456789abcdef",
      );
      const response = await call("GET", `/api/v5${path}`, { token: org.token });
      const documented = Object.keys((document.paths[name.slice(4)]?.get as Json).responses as Json);
      expect(documented, `${name} answered ${response.status}`).toContain(String(response.status));
      await response.body?.cancel();
    }
  });
});

describe("the operator API's OpenAPI document", () => {
  it("needs the admin token", async () => {
    const response = await call("GET", "/admin/v1/openapi.json");
    expect(response.status).toBe(401);
    await response.body?.cancel();
  });

  it("describes exactly the routes served under /admin/v1, with servers /admin/v1", async () => {
    const document = await documentAt("/admin/v1/openapi.json", ADMIN_TOKEN);
    expect(document.servers).toEqual([{ url: "/admin/v1" }]);
    expect(operationsOf(document)).toEqual(servedRoutes("/admin/v1"));
    expect(document.components.securitySchemes).toEqual({
      AdminBearer: { type: "http", scheme: "bearer", description: "The `ADMIN_TOKEN` secret." },
    });
    expect(JSON.stringify(document)).not.toContain("X-D1-Bookmark");
  });
});

describe("every route is documented", () => {
  it("serves nothing outside the two documents but /docs", () => {
    const outside = allServedRoutes().filter(
      (route) => ![...PREFIXES, "/admin/v1"].some((base) => route.split(" ")[1]?.startsWith(`${base}/`)),
    );
    expect(outside).toEqual(["GET /docs"]);
  });
});

describe("GET /docs", () => {
  it("is an HTML page, without a token, that loads the public document and only this origin's assets", async () => {
    const response = await call("GET", "/docs");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/html; charset=UTF-8");
    expect(response.headers.get("Content-Security-Policy")).toContain("script-src 'self'");
    expect(response.headers.get("X-Request-Id")).not.toBeNull();
    const page = await response.text();
    expect(page).toContain('data-openapi-url="/dc/api/v5/openapi.json"');
    expect(page).toContain('<script src="/docs/vendor/swagger-ui-bundle.js"></script>');
    expect(page).toContain('<link rel="stylesheet" href="/docs/vendor/swagger-ui.css">');
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it("answers another method with 405", async () => {
    const response = await call("POST", "/docs");
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("GET, HEAD");
    await response.body?.cancel();
  });
});
