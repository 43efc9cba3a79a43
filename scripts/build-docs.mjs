#!/usr/bin/env node
// `npm run build:docs`: copies Swagger UI's browser bundle from node_modules/swagger-ui-dist into
// public/docs/vendor/ (git-ignored), where wrangler serves it as a static asset of the Worker
// (wrangler.toml [assets]). The page /docs and public/docs/init.js load it from there, never from
// a CDN. Run by `npm run dev`, `npm test` and the deploy scripts; cheap to run again.
// Plain Node, no dependencies.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const target = path.join(root, "public", "docs", "vendor");

let source;
try {
  source = path.dirname(createRequire(path.join(root, "package.json")).resolve("swagger-ui-dist/package.json"));
} catch {
  console.error("[build:docs] swagger-ui-dist is not installed: run `npm install` first.");
  process.exit(1);
}

mkdirSync(target, { recursive: true });
// Source maps are not shipped: drop the comments that name them, so no browser asks for them.
const withoutSourceMap = (text) => text.replace(/\n?(\/\/# sourceMappingURL=\S+|\/\*# sourceMappingURL=[^*]*\*\/)\s*$/, "\n");
for (const file of ["swagger-ui-bundle.js", "swagger-ui.css"]) {
  writeFileSync(path.join(target, file), withoutSourceMap(readFileSync(path.join(source, file), "utf8")));
}
// Apache-2.0: the license and notice travel with the copy.
for (const file of ["favicon-16x16.png", "favicon-32x32.png", "LICENSE", "NOTICE"]) {
  if (existsSync(path.join(source, file))) copyFileSync(path.join(source, file), path.join(target, file));
}
const { version } = JSON.parse(readFileSync(path.join(source, "package.json"), "utf8"));
writeFileSync(path.join(target, "VERSION"), `swagger-ui-dist ${version}\n`);
console.log(`[build:docs] Swagger UI ${version} -> ${path.relative(root, target)}/`);
