import { defineConfig } from "vitest/config";

// Tests that run in Node, not in workerd, against a real `wrangler dev` server: the OpenAPI
// documents checked by an OpenAPI validator (it compiles schemas with `new Function`, which the
// Workers runtime forbids) and the /docs page in headless Chromium. `npm run test:node`, part of
// `npm test`. The Workers-runtime tests are vitest.config.ts (`test/**/*.test.ts`).
export default defineConfig({
  test: {
    name: "node",
    environment: "node",
    include: ["test/node/**/*.spec.ts"],
    // One wrangler dev per file; starting it takes a few seconds.
    hookTimeout: 120_000,
    testTimeout: 120_000,
  },
});
