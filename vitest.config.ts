import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";

// One set of contract tests, two runtimes (API.md §8):
//
// - "workers": inside the real Workers runtime (workerd via Miniflare) against a real local D1
//   with the real migrations, applied by test/apply-migrations.ts. Storage is isolated per file.
//   Requests go through the Worker's own fetch entry.
// - "deno": the same test files in Node, over real HTTP to `deno serve src/deno.ts` on loopback
//   (started and stopped by test/support/deno-server.ts, with its own SQLite file). Only the
//   transport differs: test/support/transport.ts is swapped for transport.deno.ts.
//
// Workers-only: files that use the Workers runtime itself (cloudflare:workers / cloudflare:test:
// D1 query plans and round trips, the Worker's env) are named below or end in `.workers.test.ts`;
// single tests that need what the API cannot do are marked `workersOnly` (test/support/runtime.ts)
// and show as skipped in "deno".

const ROOT = import.meta.dirname;
const TESTS = "test/**/*.test.ts";
const WORKERS_ONLY_FILES = [
  "test/**/*.workers.test.ts",
  "test/platform/round-trips.test.ts",
  "test/platform/query-plans.test.ts",
];

// The Worker's one-JSON-line-per-request log is asserted where it matters; elsewhere it is noise.
const onConsoleLog = (log: string) => !log.startsWith('{"level":"info"');

/** In "deno", test/support's `./transport` is the HTTP one. */
function denoTransport(): Plugin {
  const support = path.join(ROOT, "test", "support");
  const replacement = path.join(support, "transport.deno.ts");
  return {
    name: "registrar:deno-transport",
    enforce: "pre",
    resolveId(source, importer) {
      if (source === "./transport" && importer !== undefined && path.dirname(importer) === support) return replacement;
      return null;
    },
  };
}

/**
 * Test files that import cloudflare:* cannot load in Node: they run on Workers only even when
 * not listed above (a note names them, so that a contract file does not leave "deno" unnoticed).
 */
function unlistedWorkersOnlyFiles(): string[] {
  const listed = (file: string) => file.endsWith(".workers.test.ts") || WORKERS_ONLY_FILES.includes(`test/${file}`);
  const files = readdirSync(path.join(ROOT, "test"), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".test.ts") && !listed(file))
    .filter((file) => /from\s+["']cloudflare:/.test(readFileSync(path.join(ROOT, "test", file), "utf8")))
    .map((file) => `test/${file}`);
  if (files.length > 0) {
    console.warn(`[vitest.config.ts] Workers-only (they import cloudflare:*), not run against Deno: ${files.join(", ")}`);
  }
  return files;
}

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(ROOT, "migrations"));
  const alsoWorkersOnly = unlistedWorkersOnlyFiles();
  return {
    test: {
      // Set here as well: vitest reads console handling from the root configuration.
      onConsoleLog,
      projects: [
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: {
                // ALLOW_LOCAL_WEBHOOKS is pinned off whatever a local .dev.vars says (the Deno server has it on).
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  ADMIN_TOKEN: "test-admin-token",
                  BOOKMARK_SECRET: "test-bookmark-secret",
                  WEBHOOK_SECRETS_KEY: "test-webhook-secrets-key",
                  ALLOW_LOCAL_WEBHOOKS: "false",
                },
                ratelimits: {
                  // A small limit of its own for test/http/rate-limit.workers.test.ts (RATE_LIMITER stays 1000/min).
                  RATE_LIMITER_TEST: { namespace_id: "9001", simple: { limit: 5, period: 60 } },
                  // Every test file asks from the same address: the operator limit of 10 would trip
                  // the suite, so it is wide here, and the real one (10) is ADMIN_RATE_LIMITER_TEST,
                  // given explicitly by test/hardening/admin-rate-limit.workers.test.ts.
                  ADMIN_RATE_LIMITER: { namespace_id: "9011", simple: { limit: 1_000_000, period: 60 } },
                  ADMIN_RATE_LIMITER_TEST: { namespace_id: "9012", simple: { limit: 10, period: 60 } },
                },
                // No consumer runs by itself in tests: the webhook tests hand batches to the queue
                // handler themselves (createMessageBatch), so nothing delivers behind a test's back.
                queueProducers: { WEBHOOK_QUEUE: "registrar-webhooks-test" },
                queueConsumers: {},
              },
            }),
          ],
          test: {
            name: "workers",
            include: [TESTS],
            setupFiles: ["./test/apply-migrations.ts"],
            onConsoleLog,
          },
        },
        {
          plugins: [denoTransport()],
          test: {
            name: "deno",
            environment: "node",
            // The files only talk HTTP to one server: one Node worker may run file after file.
            isolate: false,
            include: [TESTS],
            exclude: [...WORKERS_ONLY_FILES, ...alsoWorkersOnly],
            globalSetup: ["./test/support/deno-server.ts"],
            onConsoleLog,
          },
        },
      ],
    },
  };
});
