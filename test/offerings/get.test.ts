/** Contract tests of GET /offerings/<id> (API.md §1, §2, §3 step 4, §5, §6); categories come from POST /offeringcategories, rows with chosen creation times from the fixtures. */
import { describe, expect, it } from "vitest";
import { newId } from "../../src/lib/crypto";
import { newOrganization } from "../support/fixtures";
import { call, parts } from "../support/http";
import { deleteOffering, created, read, expectGone } from "../support/offerings";
import { authenticationTests } from "../support/common-tests";
import { PREFIX, UNKNOWN_ID } from "../support/contract";

describe("GET /offerings/<id>", () => {
  authenticationTests({ method: "GET", path: `${PREFIX}/offerings/${UNKNOWN_ID}` });

  it("serves the same object under both prefixes", async () => {
    const org = await newOrganization();
    const id = await created(org, { title: "Chalk 101", seatLimit: 3 });
    const dc = await parts(await call("GET", `/dc/api/v5/offerings/${id}`, { token: org.token }));
    const api = await parts(await call("GET", `/api/v5/offerings/${id}`, { token: org.token }));
    expect(dc).toEqual({ status: 200, contentType: "application/json", errorCode: null, body: expect.objectContaining({ id, title: "Chalk 101", seatLimit: 3 }) });
    expect(api).toEqual(dc);
  });

  it("returns 404 for an unknown, malformed, upper-case or deleted id", async () => {
    const org = await newOrganization();
    const id = await created(org);
    await expectGone(org, newId());
    await expectGone(org, "not-an-id");
    await expectGone(org, id.toUpperCase());
    expect((await deleteOffering(org, id)).status).toBe(204);
    await expectGone(org, id);
  });

  it("returns 404 for another organization's offering", async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    const theirs = await created(other, { title: "Theirs" });
    await expectGone(org, theirs);
    expect((await read(other, theirs)).title).toBe("Theirs");
  });
});
