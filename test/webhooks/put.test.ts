/** Contract tests of PUT /webhooks/<id> (issue 15): partial update, the same URL and events rules as POST. */
import { describe, expect, it } from "vitest";
import { authenticationTests } from "../support/common-tests";
import { expectError, ISO_SECOND, NOT_FOUND, PREFIX, UNKNOWN_ID } from "../support/contract";
import { newOrganization } from "../support/fixtures";
import { call, parts } from "../support/http";
import { EVENTS_ERROR, HOOK, subscribe, URL_ERROR } from "../support/webhooks";

describe("PUT /webhooks/<id>", () => {
  authenticationTests({ method: "PUT", path: `${PREFIX}/webhooks/${UNKNOWN_ID}`, json: { enabled: false } });

  it("partial update: 204, then GET shows it", async () => {
    const org = await newOrganization();
    const { id } = await subscribe(org);
    const put = await call("PUT", `${PREFIX}/webhooks/${id}`, {
      token: org.token,
      json: { events: ["offering.updated"], enabled: false, description: "" },
    });
    expect(put.status).toBe(204);
    const { body } = await parts(await call("GET", `${PREFIX}/webhooks/${id}`, { token: org.token }));
    expect(body).toEqual({ id, url: HOOK.url, events: ["offering.updated"], enabled: false, createdDate: expect.stringMatching(ISO_SECOND) });
  });

  it("the same url and events rules; 404 for another organization's", async () => {
    const org = await newOrganization();
    const { id } = await subscribe(org);
    await expectError(await call("PUT", `${PREFIX}/webhooks/${id}`, { token: org.token, json: { url: "https://10.1.2.3/" } }), 400, "validation_failed", URL_ERROR);
    await expectError(await call("PUT", `${PREFIX}/webhooks/${id}`, { token: org.token, json: { events: [] } }), 400, "validation_failed", EVENTS_ERROR);
    const other = await newOrganization();
    await expectError(await call("PUT", `${PREFIX}/webhooks/${id}`, { token: other.token, json: { enabled: false } }), 404, "not_found", NOT_FOUND);
  });
});
