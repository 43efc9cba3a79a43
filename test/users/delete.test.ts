/** Contract tests of DELETE /users/<id> (API.md §1, §2, §4, §6); every answer asserted whole. */
import { describe, expect, it } from "vitest";
import { newId } from "../../src/lib/crypto";
import { newOrganization } from "../support/fixtures";
import { call, parts } from "../support/http";
import { UNKNOWN_ID, PREFIX, ISO_SECOND, NOT_FOUND, expectError, type PageBody } from "../support/contract";
import { newOffering, readBack as registrationOf, register, updateRegistration } from "../support/api";
import { putUser, deleteUser, userBody, created, read, expectGone, ids } from "../support/users";
import { authenticationTests } from "../support/common-tests";

describe("DELETE /users/<id>", () => {
  authenticationTests({ method: "DELETE", path: `${PREFIX}/users/${UNKNOWN_ID}` });

  it("answers 204 with an empty body; the user is then 404 everywhere and absent from the list", async () => {
    const org = await newOrganization();
    const kept = await created(org);
    const id = await created(org, userBody({ email: "ada@example.com" }));
    expect(await parts(await deleteUser(org, id))).toEqual({ status: 204, contentType: null, errorCode: null, body: null });
    await expectGone(org, id);
    expect(await ids(org)).toEqual([kept]);
    // The whole address: the kept user's is random hex, which may contain "ada".
    expect(await ids(org, "?email=ada@example.com")).toEqual([]);
    await expectError(await putUser(org, id, { firstName: "X" }), 404, "not_found", NOT_FOUND);
    await expectError(await deleteUser(org, id), 404, "not_found", NOT_FOUND);
  });

  it("ejects active registrations with an endDate; passed, failed and ejected ones stay as they were and readable", async () => {
    const org = await newOrganization();
    const userId = await created(org);
    const bystander = await created(org);
    const offerings = [await newOffering(org), await newOffering(org), await newOffering(org), await newOffering(org)];
    const [active, passed, failed, ejected] = [
      await register(org, userId, offerings[0]!),
      await register(org, userId, offerings[1]!),
      await register(org, userId, offerings[2]!),
      await register(org, userId, offerings[3]!),
    ];
    const othersActive = await register(org, bystander, offerings[0]!);
    await updateRegistration(org, passed, { grade: 90, graderComment: "Fine" });
    await updateRegistration(org, failed, { grade: 10 });
    await updateRegistration(org, ejected, { status: "ejected" });
    const before = {
      active: await registrationOf(org, active),
      passed: await registrationOf(org, passed),
      failed: await registrationOf(org, failed),
      ejected: await registrationOf(org, ejected),
      othersActive: await registrationOf(org, othersActive),
    };
    expect(before.active).not.toHaveProperty("endDate");

    const start = Math.floor(Date.now() / 1000) * 1000;
    expect((await deleteUser(org, userId)).status).toBe(204);
    const end = Date.now();

    const after = await registrationOf(org, active);
    expect(after).toEqual({ ...before.active, status: "ejected", endDate: expect.stringMatching(ISO_SECOND) });
    const endDate = Date.parse(String(after.endDate));
    expect(endDate).toBeGreaterThanOrEqual(start);
    expect(endDate).toBeLessThanOrEqual(end);
    expect(await registrationOf(org, passed)).toEqual(before.passed);
    expect(await registrationOf(org, failed)).toEqual(before.failed);
    expect(await registrationOf(org, ejected)).toEqual(before.ejected);
    expect(await registrationOf(org, othersActive)).toEqual(before.othersActive);

    const listed = await call("GET", `${PREFIX}/registrations?userId=${userId}`, { token: org.token });
    const { results } = (await listed.json()) as PageBody;
    expect(results.map((r) => r.id)).toEqual([active, passed, failed, ejected]);
  });

  it("a deleted user can no longer be registered", async () => {
    const org = await newOrganization();
    const userId = await created(org);
    const offeringId = await newOffering(org);
    expect((await deleteUser(org, userId)).status).toBe(204);
    await expectError(
      await call("POST", `${PREFIX}/registrations`, { token: org.token, json: { userId, offeringId } }),
      400,
      "unknown_user",
      { errors: ["No user exists with the given userId"] },
    );
  });

  it("returns 404 for an unknown or malformed id", async () => {
    const org = await newOrganization();
    await expectError(await deleteUser(org, newId()), 404, "not_found", NOT_FOUND);
    await expectError(await deleteUser(org, "123"), 404, "not_found", NOT_FOUND);
  });

  it("returns 404 for another organization's user, which stays, with its registrations untouched", async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    const theirs = await created(other);
    const registration = await register(other, theirs, await newOffering(other));
    await expectError(await deleteUser(org, theirs), 404, "not_found", NOT_FOUND);
    expect((await read(other, theirs)).id).toBe(theirs);
    expect((await registrationOf(other, registration)).status).toBe("active");
  });
});
