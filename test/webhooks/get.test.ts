/** Contract tests of GET /webhooks/<id> (issue 15): never the secret; tenancy; a deleted webhook is gone (DELETE /webhooks/<id>). */
import { describe, expect, it } from "vitest";
import { authenticationTests } from "../support/common-tests";
import { expectError, ISO_SECOND, NOT_FOUND, PREFIX, UNKNOWN_ID } from "../support/contract";
import { newOrganization } from "../support/fixtures";
import { call, parts } from "../support/http";
import { HOOK, subscribe } from "../support/webhooks";

describe("GET /webhooks/<id>", () => {
  authenticationTests({ method: "GET", path: `${PREFIX}/webhooks/${UNKNOWN_ID}` });

  it("the webhook without its secret; events deduplicated; enabled by default", async () => {
    const org = await newOrganization();
    const { id } = await subscribe(org, { ...HOOK, events: ["user.created", "registration.created", "user.created"] });
    const { status, body } = await parts(await call("GET", `${PREFIX}/webhooks/${id}`, { token: org.token }));
    expect(status).toBe(200);
    expect(body).toEqual({
      id,
      url: HOOK.url,
      events: ["user.created", "registration.created"],
      description: "LMS",
      enabled: true,
      createdDate: expect.stringMatching(ISO_SECOND),
    });
  });

  it("404 for an unknown, malformed, deleted or another organization's webhook", async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    const { id } = await subscribe(org);
    for (const path of [UNKNOWN_ID, "nope"]) {
      await expectError(await call("GET", `${PREFIX}/webhooks/${path}`, { token: org.token }), 404, "not_found", NOT_FOUND);
    }
    await expectError(await call("GET", `${PREFIX}/webhooks/${id}`, { token: other.token }), 404, "not_found", NOT_FOUND);
    expect((await call("DELETE", `${PREFIX}/webhooks/${id}`, { token: org.token })).status).toBe(204);
    await expectError(await call("GET", `${PREFIX}/webhooks/${id}`, { token: org.token }), 404, "not_found", NOT_FOUND);
    await expectError(await call("DELETE", `${PREFIX}/webhooks/${id}`, { token: org.token }), 404, "not_found", NOT_FOUND);
  });
});
