/**
 * Stands in for zod's `locales/index.js` in the deployed bundle only (wrangler.toml `[alias]`).
 * `@hono/zod-openapi` re-exports zod's `z` namespace as a value, so every locale zod ships
 * (about 250 KB minified) would otherwise be bundled. The API speaks English only: its validation
 * messages are the contract's own (API.md), and zod's English locale is its default.
 */
export { default as en } from "zod/v4/locales/en.js";
