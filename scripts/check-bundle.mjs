#!/usr/bin/env node
// `npm run check:bundle [-- --budget KiB] [-- <wrangler deploy flags, e.g. --minify>]`
//
// Builds the Worker exactly as `wrangler deploy` would (`wrangler deploy --dry-run --outdir`,
// offline: nothing is uploaded), gzips the main bundle and fails when it is over the budget
// (default 150 KiB gzipped; Cloudflare's own limits are 3 MiB free / 10 MiB paid, the budget is
// ours, for start-up time). The gzip level is zlib's default, the one wrangler uses for the
// "gzip:" figure it prints. The temp directory is removed afterwards.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const wrangler = path.join(root, "node_modules", ".bin", process.platform === "win32" ? "wrangler.cmd" : "wrangler");

let budgetKiB = 150;
const extra = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === "--budget" || arg.startsWith("--budget=")) {
    const value = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : args[++i];
    budgetKiB = Number(value);
    if (!(budgetKiB > 0)) {
      console.error(`check-bundle: --budget must be a positive number of KiB, got "${value}"`);
      process.exit(2);
    }
  } else {
    extra.push(arg);
  }
}

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(`check-bundle: wrangler needs Node >= 22.12 but this is ${process.version}; run it as \`npm run check:bundle\`.`);
  process.exit(2);
}

const outdir = mkdtempSync(path.join(os.tmpdir(), "registrar-bundle-"));
let code = 0;
try {
  const result = spawnSync(wrangler, ["deploy", "--dry-run", "--outdir", outdir, ...extra], {
    cwd: root,
    encoding: "utf8",
    timeout: 180_000,
    shell: process.platform === "win32",
    env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false", WRANGLER_SEND_ERROR_REPORTS: "false" },
  });
  if (result.status !== 0) {
    console.error(`check-bundle: wrangler deploy --dry-run failed (${result.status ?? result.signal ?? result.error?.message})`);
    console.error(result.stdout, result.stderr);
    code = 2;
  } else {
    const main = readdirSync(outdir).find((file) => /\.m?js$/.test(file));
    if (main === undefined) throw new Error(`no JavaScript bundle in ${outdir}`);
    const file = path.join(outdir, main);
    const raw = statSync(file).size;
    const gzipped = gzipSync(readFileSync(file)).length;
    const kib = (bytes) => (bytes / 1024).toFixed(2);
    const over = gzipped > budgetKiB * 1024;
    console.log(
      `Worker bundle ${main}${extra.length ? ` (${extra.join(" ")})` : ""}: ${kib(raw)} KiB, ${kib(gzipped)} KiB gzipped; ` +
        `budget ${budgetKiB} KiB gzipped: ${over ? "OVER" : "ok"}`,
    );
    if (over) code = 1;
  }
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
process.exit(code);
