/** The types every router and middleware shares, and the API's base paths. Nothing here knows the runtime. */
import type { Db } from "../db/client";
import type { KeyRing } from "../lib/crypto";

/** Every resource is served under both; links use the one the request came in on. */
export const API_PREFIXES = ["/dc/api/v5", "/api/v5"] as const;

export interface Settings {
  /** The operator API's secret; when unset, /admin/v1 does not exist. */
  adminToken: string | undefined;
  /** How long a resolved access token is trusted per isolate (at most 60 s). */
  tokenCacheTtlMs: number;
  /** ALLOW_LOCAL_WEBHOOKS=true (local development only): webhooks may point at localhost. */
  allowLocalWebhooks: boolean;
  /** Seals `X-D1-Bookmark` (BOOKMARK_SECRET); unset: a random key of this isolate or process. */
  bookmarkSecret?: string | undefined;
  /** During a rotation of BOOKMARK_SECRET, the one it replaced: still opens the bookmarks clients send. */
  bookmarkPreviousSecret?: string | undefined;
  /**
   * Seal webhook signing secrets at rest: WEBHOOK_SECRETS_KEY, and during a rotation
   * WEBHOOK_SECRETS_PREVIOUS_KEY; no current key: stored as issued.
   */
  webhookSecretsKeys?: KeyRing | undefined;
}

export interface AppEnv {
  Variables: {
    db: Db;
    settings: Settings;
    requestId: string;
    /** The client's address as the entry knows it (`cf-connecting-ip` on Workers), for rate limits. */
    clientAddress: string;
    /** The organization of the authenticated token; set by `bearerAuth`. */
    organizationId: string;
    /** The client's bookmark, when it opened and the request continued from it. */
    resumedAt: string | undefined;
  };
}
