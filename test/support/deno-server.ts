/**
 * globalSetup of the "deno" test project: starts the app under `deno serve` (Deno from
 * node_modules) on a free loopback port, with a fresh SQLite file in a temporary folder and
 * ADMIN_TOKEN=test-admin-token, waits until it answers, hands its URL to the tests
 * (`inject("denoBaseUrl")`, see transport.deno.ts), and stops it afterwards. The server is
 * scripts/deno-test-server.ts: src/deno.ts plus the fixtures' statement endpoint.
 *
 * The server is always stopped: by the teardown below (SIGTERM, then SIGKILL), by this process's
 * exit hook, and, should this process die without either, by the server itself when its stdin
 * closes (scripts/deno-test-server.ts).
 */
import { spawn, type ChildProcessByStdio } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable, Writable } from "node:stream";
import type { TestProject } from "vitest/node";
import { denoServeArgs } from "../../scripts/deno-serve-args.mjs";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DENO = path.join(ROOT, "node_modules", ".bin", process.platform === "win32" ? "deno.cmd" : "deno");
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 5_000;

type Server = ChildProcessByStdio<Writable, Readable, Readable>;

/** Lines the server wrote, kept to explain a failed start; info log lines are dropped. */
function collect(server: Server, lines: string[], onLine: (line: string) => void): void {
  for (const stream of [server.stdout, server.stderr]) {
    let rest = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      const parts = (rest + chunk).split("\n");
      rest = parts.pop() ?? "";
      for (const line of parts) {
        onLine(line);
        if (line.startsWith('{"level":"info"')) continue;
        lines.push(line);
        if (lines.length > 200) lines.shift();
      }
    });
  }
}

function stop(server: Server): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => server.kill("SIGKILL"), STOP_TIMEOUT_MS);
    server.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    server.kill("SIGTERM");
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(tmpdir(), "registrar-deno-"));
  // Opens the fixtures' statement endpoint of scripts/deno-test-server.ts to this run only.
  const fixtureSecret = randomBytes(32).toString("hex");
  const server: Server = spawn(
    DENO,
    denoServeArgs({ entry: "scripts/deno-test-server.ts", host: "127.0.0.1", port: 0 }),
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DB_PATH: path.join(dir, "registrar.sqlite"),
        ADMIN_TOKEN: "test-admin-token",
        BOOKMARK_SECRET: "test-bookmark-secret",
        WEBHOOK_SECRETS_KEY: "test-webhook-secrets-key",
        // The shared server answers every test file from one address; the limit of 10 is checked
        // on Workers (test/hardening/admin-rate-limit.workers.test.ts) and by hand on Deno.
        ADMIN_AUTH_FAILURES_PER_MINUTE: "1000000",
        TOKEN_CACHE_TTL_SECONDS: "",
        // test/webhooks/end-to-end.test.ts delivers to a receiver on loopback.
        ALLOW_LOCAL_WEBHOOKS: "true",
        FIXTURE_SQL_SECRET: fixtureSecret,
        NO_COLOR: "1",
        DENO_NO_UPDATE_CHECK: "1",
      },
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  const killOnExit = () => server.kill("SIGKILL");
  process.once("exit", killOnExit);

  const teardown = async () => {
    process.off("exit", killOnExit);
    await stop(server);
    await rm(dir, { recursive: true, force: true });
  };

  const output: string[] = [];
  let started = false;
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`deno serve did not start within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
      collect(server, output, (line) => {
        // Once running, what the server says beyond its request log reaches the test output
        // (e.g. the log line of a 500, or an uncaught error).
        if (started && line !== "" && !line.startsWith('{"level":"info"')) process.stderr.write(`[deno] ${line}\n`);
        // "deno serve: Listening on http://127.0.0.1:41234/"
        const listening = /Listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(line);
        if (listening?.[1]) {
          clearTimeout(timer);
          resolve(listening[1]);
        }
      });
      server.once("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      server.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`deno serve exited before listening (${signal ?? `exit code ${code}`})`));
      });
    });
    // Listening is not yet answering: wait for a real response from the app.
    const response = await fetch(`${url}/admin/v1/organizations`, { method: "POST" });
    await response.arrayBuffer();
    if (response.status !== 401) throw new Error(`deno serve answers ${response.status}, expected 401 without a token`);
    project.provide("denoBaseUrl", url);
    project.provide("denoFixtureSecret", fixtureSecret);
    started = true;
    return teardown;
  } catch (error) {
    await teardown();
    throw new Error(`could not start the Deno server:\n${output.join("\n")}`, { cause: error });
  }
}
