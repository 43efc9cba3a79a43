/**
 * Against a real `wrangler dev` (the Worker as deployed, with its static assets):
 *  - the OpenAPI documents, checked by an OpenAPI 3.1 validator (@seriousme/openapi-schema-validator,
 *    the official JSON Schemas of the specification, with every $ref resolved);
 *  - the /docs page in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core):
 *    Swagger UI renders POST /registrations from the Worker's own assets, nothing from elsewhere.
 *    Skipped, saying so, where /usr/bin/chromium is missing (`apt-get install -y chromium`).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, type DevServer, ROOT, startDevServer } from "./dev-server";

// Debian's chromium package; CHROMIUM=<path> points elsewhere (or nowhere, to see the skip).
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const SCREENSHOT = path.join(ROOT, "test-results", "docs-post-registrations.png");
const OVERVIEW = path.join(ROOT, "test-results", "docs-overview.png");

let server: DevServer;

beforeAll(async () => {
  server = await startDevServer();
});

afterAll(async () => {
  await server?.stop();
});

async function documentAt(path: string, token?: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${server.url}${path}`, {
    headers: token === undefined ? {} : { Authorization: `Bearer ${token}` },
  });
  expect(response.status, path).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

async function validate(document: Record<string, unknown>) {
  const validator = new Validator();
  const result = await validator.validate(document);
  return { valid: result.valid, errors: result.errors, version: validator.version };
}

describe("the OpenAPI documents are valid OpenAPI 3.1", () => {
  it.each(["/dc/api/v5/openapi.json", "/api/v5/openapi.json"])("%s", async (path) => {
    const document = await documentAt(path);
    const result = await validate(document);
    expect(result.errors).toBeUndefined();
    expect(result).toMatchObject({ valid: true, version: "3.1" });
  });

  it("/admin/v1/openapi.json (the operator API's, behind the admin token)", async () => {
    const result = await validate(await documentAt("/admin/v1/openapi.json", ADMIN_TOKEN));
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it("the validator does find faults (a dangling $ref, a response without a description)", async () => {
    const document = await documentAt("/dc/api/v5/openapi.json");
    const dangling = structuredClone(document) as { paths: Record<string, Record<string, { responses: object }>> };
    dangling.paths["/registrations"]!.post!.responses = { 401: { $ref: "#/components/responses/Nope" } };
    expect((await validate(dangling)).valid).toBe(false);
    const undescribed = structuredClone(document) as typeof dangling;
    undescribed.paths["/registrations"]!.post!.responses = { 201: {} };
    expect((await validate(undescribed)).valid).toBe(false);
  });
});

describe("the /docs assets", () => {
  it.each([
    ["/docs/vendor/swagger-ui-bundle.js", "text/javascript"],
    ["/docs/vendor/swagger-ui.css", "text/css"],
    ["/docs/init.js", "text/javascript"],
  ])("%s is a static asset of the Worker, with the assets' headers", async (path, type) => {
    const response = await fetch(`${server.url}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toContain(type);
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("X-Request-Id")).toBeNull(); // served before the Worker
    await response.body?.cancel();
  });

  it("the page itself comes from the Worker, and _headers is not served", async () => {
    const page = await fetch(`${server.url}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get("X-Request-Id")).not.toBeNull();
    await page.body?.cancel();
    const headersFile = await fetch(`${server.url}/_headers`);
    expect(headersFile.status).toBe(404);
    await headersFile.body?.cancel();
  });
});

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(`[docs.spec] SKIPPED the browser test: ${CHROMIUM} is missing (apt-get install -y chromium).`);
}

describe.skipIf(!hasChromium)(`the /docs page in headless Chromium (${CHROMIUM})`, () => {
  it("renders POST /registrations from the Worker's own assets and screenshots it", async () => {
    const profile = mkdtempSync(path.join(tmpdir(), "registrar-chromium-"));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 1000 },
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    const origin = new URL(server.url).origin;
    const foreign: string[] = [];
    const failures: string[] = [];
    const problems: string[] = [];
    try {
      // Nothing may come from anywhere but the Worker: anything else is recorded and refused.
      await context.route("**/*", (route) => {
        const url = route.request().url();
        if (url.startsWith(`${origin}/`) || url.startsWith("data:")) return route.continue();
        foreign.push(url);
        return route.abort();
      });
      const page = context.pages()[0] ?? (await context.newPage());
      page.on("console", (message) => {
        if (message.type() === "error") problems.push(message.text());
      });
      page.on("pageerror", (error) => problems.push(error.message));
      page.on("response", (response) => {
        if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
      });

      const response = await page.goto(`${server.url}/docs`, { waitUntil: "load" });
      expect(response?.status()).toBe(200);
      const operation = page.locator(".opblock-post", {
        has: page.locator('.opblock-summary-path[data-path="/registrations"]'),
      });
      await operation.first().waitFor({ state: "visible", timeout: 30_000 });
      await expect(page.locator(".info .title").first().textContent()).resolves.toContain("registrar");

      mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: OVERVIEW });

      // Open it: the request body and the documented responses render.
      await operation.first().locator(".opblock-summary").first().click();
      await page.locator(".opblock-post.is-open .responses-table").first().waitFor({ state: "visible" });
      const body = await operation.first().textContent();
      expect(body).toContain("Register a user into an offering");
      expect(body).toContain("Location");
      expect(body).toContain("X-Error-Code");

      await operation.first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: SCREENSHOT });
      expect(existsSync(SCREENSHOT)).toBe(true);

      expect(foreign).toEqual([]);
      expect(failures).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
