/**
 * The text rule (API.md §1, src/lib/text-rule.ts) on a webhook's strings: `url` (single-line:
 * the URL parser would silently drop a tab or line feed, or rewrite a lone surrogate, so the
 * string checked and the string stored would differ) and the multi-line `description`.
 */
import { describe, expect, it } from "vitest";
import { expectError, invalid } from "../support/contract";
import { newOrganization } from "../support/fixtures";
import { call, parts } from "../support/http";
import { HOOK, postWebhook, subscribe } from "../support/webhooks";
import { PREFIX, read } from "./support";

const notAllowed = (field: string) => `${field} contains characters that are not allowed`;
const BAD_LIST = Object.entries({ "a lone surrogate": "\udc00", "U+0000": "\u0000", "a tab": "\t", "a line feed": "\n" });
const ASTRAL = "\u{1F600} \u{1D11E} e\u0301";
const utf8 = (value: unknown) => new TextEncoder().encode(String(value));

describe("POST and PUT /webhooks: url", () => {
  it.each(BAD_LIST)("refuses %s in the url, on POST and on PUT", async (_what, text) => {
    const org = await newOrganization();
    const url = `https://hooks.exa${text}mple.com/registrar`;
    await expectError(await postWebhook(org, { ...HOOK, url }), 400, "validation_failed", { fieldErrors: { url: notAllowed("url") } });
    const { id } = await subscribe(org);
    const location = `${PREFIX}/webhooks/${id}`;
    expect(await parts(await call("PUT", location, { token: org.token, json: { url } }))).toEqual(invalid({ url: notAllowed("url") }));
    expect((await read(org.token, location)).url).toBe(HOOK.url);
  });

  it("keeps an astral path byte-identical", async () => {
    const org = await newOrganization();
    const url = `https://hooks.example.com/${ASTRAL}`;
    const { id } = await subscribe(org, { ...HOOK, url });
    expect(utf8((await read(org.token, `${PREFIX}/webhooks/${id}`)).url)).toEqual(utf8(url));
  });
});

describe("POST and PUT /webhooks: description", () => {
  it.each(BAD_LIST.slice(0, 2))("refuses %s in the description, on POST and on PUT", async (_what, text) => {
    const org = await newOrganization();
    const description = `LMS ${text} sync`;
    await expectError(await postWebhook(org, { ...HOOK, description }), 400, "validation_failed", {
      fieldErrors: { description: notAllowed("description") },
    });
    const { id } = await subscribe(org);
    const location = `${PREFIX}/webhooks/${id}`;
    expect(await parts(await call("PUT", location, { token: org.token, json: { description } }))).toEqual(
      invalid({ description: notAllowed("description") }),
    );
    expect((await read(org.token, location)).description).toBe(HOOK.description);
  });

  it("is multi-line, and astral text comes back byte-identical", async () => {
    const org = await newOrganization();
    const description = `${ASTRAL}\r\n\tline two\n`;
    const { id } = await subscribe(org, { ...HOOK, description });
    expect(utf8((await read(org.token, `${PREFIX}/webhooks/${id}`)).description)).toEqual(utf8(description));
  });
});
