import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface Env {
      DB: D1Database;
      ADMIN_TOKEN?: string;
      TEST_MIGRATIONS: D1Migration[];
      /** wrangler.toml's limiter (1000 requests a minute). */
      RATE_LIMITER: RateLimit;
      /** vitest.config.ts: the same kind of binding with a limit of 5 a minute. */
      RATE_LIMITER_TEST: RateLimit;
      /** vitest.config.ts: a queue no consumer reads (tests run the handler themselves). */
      WEBHOOK_QUEUE: Queue<import("../src/webhooks/consumer").WebhookMessage>;
      BOOKMARK_SECRET?: string;
      WEBHOOK_SECRETS_KEY?: string;
      /** vitest.config.ts: wide for the suite (every file asks from one address). */
      ADMIN_RATE_LIMITER: RateLimit;
      /** vitest.config.ts: the contract's operator limit, 10 a minute. */
      ADMIN_RATE_LIMITER_TEST: RateLimit;
    }
    /** Types `exports` of cloudflare:workers as the Worker under test. */
    interface GlobalProps {
      mainModule: typeof import("../src/worker");
    }
  }
}
