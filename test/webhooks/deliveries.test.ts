/** Contract tests of GET /webhooks/<id>/deliveries and POST /webhooks/<id>/deliveries/<deliveryId>/retry (issue 15) without a delivery; delivery itself is in delivery.workers.test.ts. */
import { describe, expect, it } from "vitest";
import { expectError, NOT_FOUND, PREFIX, UNKNOWN_ID } from "../support/contract";
import { newOrganization } from "../support/fixtures";
import { call, parts } from "../support/http";
import { subscribe } from "../support/webhooks";

describe("GET /webhooks/<id>/deliveries and POST …/retry", () => {
  it("an empty page for a new webhook; 404 for an unknown one or another organization's", async () => {
    const org = await newOrganization();
    const { id } = await subscribe(org);
    expect(await parts(await call("GET", `${PREFIX}/webhooks/${id}/deliveries`, { token: org.token }))).toEqual({
      status: 200,
      contentType: "application/json",
      errorCode: null,
      body: { results: [] },
    });
    await expectError(await call("GET", `${PREFIX}/webhooks/${UNKNOWN_ID}/deliveries`, { token: org.token }), 404, "not_found", NOT_FOUND);
    const other = await newOrganization();
    await expectError(await call("GET", `${PREFIX}/webhooks/${id}/deliveries`, { token: other.token }), 404, "not_found", NOT_FOUND);
    await expectError(
      await call("POST", `${PREFIX}/webhooks/${id}/deliveries/${UNKNOWN_ID}/retry`, { token: org.token }),
      404,
      "not_found",
      NOT_FOUND,
    );
  });
});
