/** Contract tests of DELETE /offerings/<id> (API.md §1, §2, §3 step 4, §5, §6); categories come from POST /offeringcategories, rows with chosen creation times from the fixtures. */
import { describe, expect, it } from "vitest";
import { newId } from "../../src/lib/crypto";
import { newOrganization } from "../support/fixtures";
import { call, parts } from "../support/http";
import { UNKNOWN_ID, PREFIX, NOT_FOUND, expectError, type PageBody } from "../support/contract";
import { newUser, postRegistration, register } from "../support/api";
import { putOffering, deleteOffering, created, read, expectGone, ids } from "../support/offerings";
import { authenticationTests } from "../support/common-tests";

describe("DELETE /offerings/<id>", () => {
  authenticationTests({ method: "DELETE", path: `${PREFIX}/offerings/${UNKNOWN_ID}` });

  it("answers 204; the offering is then 404, unlisted and refuses new registrations; existing ones stay readable", async () => {
    const org = await newOrganization();
    const userId = await newUser(org);
    const another = await newUser(org);
    const kept = await created(org, { title: "Kept" });
    const id = await created(org, { title: "Chalk 101" });
    const registration = await register(org, userId, id);
    const before = await (await call("GET", `${PREFIX}/registrations/${registration}`, { token: org.token })).json();

    expect(await parts(await deleteOffering(org, id))).toEqual({ status: 204, contentType: null, errorCode: null, body: null });
    await expectGone(org, id);
    expect(await ids(org)).toEqual([kept]);
    expect(await ids(org, `?userId=${another}`)).toEqual([kept]);
    await expectError(await postRegistration(org, another, id), 400, "unknown_offering", { errors: ["No offering exists with the given offeringId"] });

    const after = await parts(await call("GET", `${PREFIX}/registrations/${registration}`, { token: org.token }));
    expect(after).toEqual({ status: 200, contentType: "application/json", errorCode: null, body: before });
    expect(after.body).toMatchObject({ title: "Chalk 101", status: "active" });
    const listed = (await (await call("GET", `${PREFIX}/registrations?offeringId=${id}`, { token: org.token })).json()) as PageBody;
    expect(listed.results.map((r) => r.id)).toEqual([registration]);

    await expectError(await deleteOffering(org, id), 404, "not_found", NOT_FOUND);
    await expectError(await putOffering(org, id, { title: "Back" }), 404, "not_found", NOT_FOUND);
  });

  it("returns 404 for an unknown or malformed id", async () => {
    const org = await newOrganization();
    await expectError(await deleteOffering(org, newId()), 404, "not_found", NOT_FOUND);
    await expectError(await deleteOffering(org, "x"), 404, "not_found", NOT_FOUND);
  });

  it("returns 404 for another organization's offering, which stays", async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    const theirs = await created(other, { title: "Theirs" });
    await expectError(await deleteOffering(org, theirs), 404, "not_found", NOT_FOUND);
    expect((await read(other, theirs)).title).toBe("Theirs");
    expect(await ids(other)).toEqual([theirs]);
  });
});
