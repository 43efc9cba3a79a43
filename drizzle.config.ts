import { defineConfig } from "drizzle-kit";

// drizzle-kit only generates SQL here; wrangler is the one that applies it (locally, remotely, in tests).
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/db/schema.ts",
  out: "./migrations",
});
