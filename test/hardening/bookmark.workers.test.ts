/**
 * Issue 13, cases 4 and 5 at the root (src/http/read-your-writes.ts): the seal opens only for its
 * organization and key, and a 429 after authentication carries a bookmark too.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bookmarkKey, openBookmark, openSentBookmark, sealBookmark } from "../../src/http/read-your-writes";
import worker from "../../src/worker";
import { newOrganization } from "../support/fixtures";
import { BASE } from "../support/http";
import { PREFIX } from "./support";

const D1_BOOKMARK = "0000000a-0000000b-00004e5e-2c3a3fa8a0f1e57bf0bc3e5fbaad7b3d";

describe("sealBookmark / openBookmark", () => {
  it("opens for the organization it was sealed to, and for no other", async () => {
    const key = await bookmarkKey("secret");
    const token = await sealBookmark(key, D1_BOOKMARK, "org-a");
    expect(await openBookmark(key, token, "org-a")).toBe(D1_BOOKMARK);
    expect(await openBookmark(key, token, "org-b")).toBeNull();
    expect(await openBookmark(await bookmarkKey("other secret"), token, "org-a")).toBeNull();
  });

  it("property: any change to a token makes it not open", async () => {
    const key = await bookmarkKey("secret");
    const token = await sealBookmark(key, D1_BOOKMARK, "org-a");
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: token.length - 1 }), fc.constantFrom(..."ABCabc019-_"), async (at, char) => {
        fc.pre(token[at] !== char);
        const changed = `${token.slice(0, at)}${char}${token.slice(at + 1)}`;
        // The last character carries 2 spare bits in base64url: only a change of the bytes must fail.
        const opened = await openBookmark(key, changed, "org-a");
        if (at < token.length - 1) expect(opened).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it("a rotation: a token sealed with BOOKMARK_PREVIOUS_SECRET still opens, for its organization only; without it, not", async () => {
    const token = await sealBookmark(await bookmarkKey("old secret"), D1_BOOKMARK, "org-a");
    const rotating = { bookmarkSecret: "new secret", bookmarkPreviousSecret: "old secret" };
    expect(await openSentBookmark(rotating, token, "org-a")).toBe(D1_BOOKMARK);
    expect(await openSentBookmark(rotating, token, "org-b")).toBeNull();
    expect(await openSentBookmark({ bookmarkSecret: "new secret" }, token, "org-a")).toBeNull();
    const current = await sealBookmark(await bookmarkKey("new secret"), D1_BOOKMARK, "org-a");
    expect(await openSentBookmark(rotating, current, "org-a")).toBe(D1_BOOKMARK);
  });

  it("every token has the same length, whatever the bookmark", async () => {
    const key = await bookmarkKey("secret");
    const lengths = new Set(
      await Promise.all(["", "0-0", D1_BOOKMARK, "f".repeat(127)].map(async (b) => (await sealBookmark(key, b, "o")).length)),
    );
    expect([...lengths]).toEqual([208]);
  });
});

describe("a 429 after authentication", () => {
  it("carries the bookmark", async () => {
    const org = await newOrganization();
    let last: Response | undefined;
    for (let i = 0; i < 8; i++) {
      const ctx = createExecutionContext();
      last = await worker.fetch(
        new Request(`${BASE}${PREFIX}/users`, { headers: { Authorization: `Bearer ${org.token}` } }),
        { ...env, RATE_LIMITER: env.RATE_LIMITER_TEST },
        ctx,
      );
      await waitOnExecutionContext(ctx);
    }
    expect(last?.status).toBe(429);
    expect(last?.headers.get("X-D1-Bookmark")).toMatch(/^[A-Za-z0-9_-]{208}$/);
  });
});
