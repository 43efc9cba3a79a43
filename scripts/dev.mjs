#!/usr/bin/env node
// `npm run dev [-- <wrangler dev args>]`: everything a fresh checkout needs to serve locally.
//
//   1. creates .dev.vars from .dev.vars.example when it is missing (ADMIN_TOKEN=demo-admin-token);
//   2. applies the migrations to the LOCAL D1 (never remote);
//   3. loads scripts/demo-data.sql into the local D1 (INSERT OR IGNORE: re-running adds nothing);
//   4. starts `wrangler dev`, passing the extra arguments through (e.g. `-- --port 8788`), and
//      triggers the cron every minute (webhook re-enqueue; /__scheduled of --test-scheduled).
//
// Steps 2-4 use the same local state: wrangler's default (.wrangler/state), or the directory given
// with `--persist-to`, which is forwarded to every step (so are `--config`/`-c` and `--env`/`-e`).
// Plain Node, no dependencies. Run it through npm so that Node 22 and wrangler from node_modules
// are first on the PATH.
import { spawn } from "node:child_process";
import { appendFileSync, copyFileSync, existsSync, readFileSync } from "node:fs";
import { constants } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const wrangler = path.join(root, "node_modules", ".bin", process.platform === "win32" ? "wrangler.cmd" : "wrangler");
const devArgs = process.argv.slice(2);

function log(message) {
  console.log(`[dev] ${message}`);
}

function fail(message) {
  console.error(`[dev] ${message}`);
  process.exit(1);
}

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  fail(`wrangler needs Node >= 22.12 but this is ${process.version}. Run \`npm run dev\` (npm puts Node 22 from node_modules first on the PATH).`);
}
if (!existsSync(wrangler)) fail("wrangler is not installed: run `npm install` first.");

/** The arguments of `wrangler dev` that also decide which local database the d1 commands use. */
function stateArgs(args) {
  const shared = ["--persist-to", "--config", "-c", "--env", "-e"];
  const out = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const withValue = shared.find((flag) => arg.startsWith(`${flag}=`));
    if (withValue) out.push(arg);
    else if (shared.includes(arg) && i + 1 < args.length) out.push(arg, args[++i]);
  }
  return out;
}

const env = {
  // Local only: no placeholder-`Request.cf` download from workers.cloudflare.com (miniflare's default).
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_SEND_ERROR_REPORTS: "false",
};

function run(args, { interactive = false, quiet = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(wrangler, args, {
      cwd: root,
      // Without a TTY (and with CI=true) wrangler answers its confirmation prompts itself.
      stdio: interactive ? "inherit" : ["ignore", quiet ? "pipe" : "inherit", quiet ? "pipe" : "inherit"],
      env: interactive ? env : { ...env, CI: "true" },
      shell: process.platform === "win32",
    });
    let output = "";
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve({ code, signal, output }));
    if (interactive) {
      // Ctrl-C reaches wrangler directly (same process group); a signal sent to this process only
      // is passed on, and this process exits when wrangler has shut down.
      for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
        process.on(sig, () => {
          if (child.exitCode === null && child.signalCode === null) child.kill(sig);
        });
      }
    }
  });
}

async function step(description, args, { quiet = false } = {}) {
  log(description);
  const { code, signal, output } = await run(args, { quiet });
  if (code !== 0) {
    if (quiet) process.stderr.write(output);
    fail(`${description} failed (${signal ?? `exit code ${code}`}): wrangler ${args.join(" ")}`);
  }
}

const devVars = path.join(root, ".dev.vars");
const devVarsExample = path.join(root, ".dev.vars.example");
if (!existsSync(devVars)) {
  copyFileSync(devVarsExample, devVars);
  log("created .dev.vars from .dev.vars.example (ADMIN_TOKEN=demo-admin-token)");
} else {
  // A .dev.vars from before a secret was added gets that secret's local value.
  const names = (text) => new Set([...text.matchAll(/^([A-Z_][A-Z0-9_]*)=/gm)].map((m) => m[1]));
  const have = names(readFileSync(devVars, "utf8"));
  const missing = readFileSync(devVarsExample, "utf8")
    .split("\n")
    .filter((line) => /^[A-Z_][A-Z0-9_]*=/.test(line) && !have.has(line.slice(0, line.indexOf("="))));
  if (missing.length > 0) {
    appendFileSync(devVars, `\n${missing.join("\n")}\n`);
    log(`added to .dev.vars from .dev.vars.example: ${missing.map((line) => line.split("=")[0]).join(", ")}`);
  }
}

const local = ["--local", ...stateArgs(devArgs)];
await step("applying migrations to the local D1", ["d1", "migrations", "apply", "DB", ...local]);
await step("loading the demo data into the local D1 (scripts/demo-data.sql, idempotent)", [
  "d1",
  "execute",
  "DB",
  ...local,
  "--file",
  path.join("scripts", "demo-data.sql"),
], { quiet: true });

// The webhook queue and its consumer run in wrangler dev itself (miniflare). Cron Triggers do
// not fire there on their own: `--test-scheduled` exposes /__scheduled, and this process calls it
// every minute, like the deployed `[triggers] crons = ["* * * * *"]`.
const portIndex = devArgs.indexOf("--port");
const port = portIndex >= 0 ? devArgs[portIndex + 1] : "8787";
const cron = setInterval(() => {
  fetch(`http://localhost:${port}/__scheduled?cron=*+*+*+*+*`).then((r) => r.body?.cancel(), () => undefined);
}, 60_000);
cron.unref();

log(`starting wrangler dev --test-scheduled ${devArgs.join(" ")}`.trimEnd());
const { code, signal } = await run(["dev", "--test-scheduled", ...devArgs], { interactive: true });
process.exit(code ?? 128 + (constants.signals[signal] ?? 0));
