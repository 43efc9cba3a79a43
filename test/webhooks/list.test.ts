/** Contract tests of GET /webhooks (issue 15): oldest first, paged, the organization's own, never a secret. */
import { describe, expect, it } from "vitest";
import { authenticationTests } from "../support/common-tests";
import { PREFIX, type Json } from "../support/contract";
import { newOrganization } from "../support/fixtures";
import { call, parts } from "../support/http";
import { subscribe } from "../support/webhooks";

describe("GET /webhooks", () => {
  authenticationTests({ method: "GET", path: `${PREFIX}/webhooks` });

  it("the organization's webhooks, oldest first, paged, never a secret", async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    const a = await subscribe(org);
    const b = await subscribe(org);
    await subscribe(other);
    const { body } = await parts(await call("GET", `${PREFIX}/webhooks?limit=1`, { token: org.token }));
    const page = body as { results: Json[]; next?: string };
    expect(page.results.map((hook) => hook.id)).toEqual([a.id]);
    expect(page.next).toBe(`${PREFIX}/webhooks?limit=1&offset=1`);
    const all = (await parts(await call("GET", `${PREFIX}/webhooks`, { token: org.token }))).body as { results: Json[] };
    expect(all.results.map((hook) => hook.id).sort()).toEqual([a.id, b.id].sort());
    expect(JSON.stringify(all)).not.toContain("whsec_");
  });
});
