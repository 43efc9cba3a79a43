import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface Env {
      DB: D1Database;
      ADMIN_TOKEN?: string;
      TEST_MIGRATIONS: D1Migration[];
    }
    /** Types `exports` of cloudflare:workers as the Worker under test. */
    interface GlobalProps {
      mainModule: typeof import("../src/worker");
    }
  }
}
