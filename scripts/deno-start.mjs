#!/usr/bin/env node
// `npm run start:deno [-- <deno serve flags>]`: the same app under Deno, on a local SQLite file.
//
//   npm run start:deno                    http://127.0.0.1:8000
//   npm run start:deno -- --port 8001     another port
//   npm run start:deno -- --host 0.0.0.0  every interface (only behind a proxy you trust)
//
// Runs `deno serve src/deno.ts` with Deno from node_modules (the `deno` npm package): nothing is
// downloaded. At start src/deno.ts applies the migrations and, into an empty database, the demo
// data (token `demo-token`). Environment: DB_PATH (default ./data/registrar.sqlite), ADMIN_TOKEN,
// TOKEN_CACHE_TTL_SECONDS, DEMO_DATA=off (README, "Running on Deno").
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { constants } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { denoServeArgs } from "./deno-serve-args.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const deno = path.join(root, "node_modules", ".bin", process.platform === "win32" ? "deno.cmd" : "deno");
if (!existsSync(deno)) {
  console.error("[start:deno] Deno is not installed: run `npm install` first.");
  process.exit(1);
}

const args = denoServeArgs({ entry: "src/deno.ts", host: "127.0.0.1", port: 8000, extra: process.argv.slice(2) });
const child = spawn(deno, args, {
  cwd: root,
  stdio: "inherit",
  env: { DENO_NO_UPDATE_CHECK: "1", ...process.env },
});
// Ctrl-C reaches Deno directly (same process group); a signal sent to this process alone is
// passed on, and this process exits when Deno has.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}
child.on("error", (error) => {
  console.error(`[start:deno] could not run Deno: ${error.message}`);
  process.exit(1);
});
child.on("exit", (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
