/** Contract tests of GET /users/<id> (API.md §1, §2, §4, §6); every answer asserted whole. */
import { describe, expect, it } from "vitest";
import { newId } from "../../src/lib/crypto";
import { insertUser, newOrganization } from "../support/fixtures";
import { call, parts } from "../support/http";
import { workersOnly } from "../support/runtime";
import { UNKNOWN_ID, PREFIX, at } from "../support/contract";
import { deleteUser, created, read, expectGone } from "../support/users";
import { authenticationTests } from "../support/common-tests";

describe("GET /users/<id>", () => {
  authenticationTests({ method: "GET", path: `${PREFIX}/users/${UNKNOWN_ID}` });

  workersOnly("returns 200 with the user object, every field set", async () => {
    const org = await newOrganization();
    const id = await insertUser(org.id, { firstName: "Grace", lastName: "Hopper", email: "grace@navy.example", username: "amazing", locale: "de", tags: '["navy","cobol"]', createdAt: at("2026-01-31T10:00:00.500Z"), lastLoginAt: at("2026-02-01T00:00:00Z") });
    expect(await parts(await call("GET", `${PREFIX}/users/${id}`, { token: org.token }))).toEqual({
      status: 200,
      contentType: "application/json",
      errorCode: null,
      body: { id, firstName: "Grace", lastName: "Hopper", username: "amazing", email: "grace@navy.example", locale: "de", tags: ["navy", "cobol"], createdDate: "2026-01-31T10:00:00Z", lastLoginDate: "2026-02-01T00:00:00Z" },
    });
  });

  it("serves the same object under /api/v5", async () => {
    const org = await newOrganization();
    const id = await created(org);
    const dc = await parts(await call("GET", `/dc/api/v5/users/${id}`, { token: org.token }));
    const api = await parts(await call("GET", `/api/v5/users/${id}`, { token: org.token }));
    expect(dc.status).toBe(200);
    expect(api).toEqual(dc);
  });

  it("returns 404 for an unknown id, a malformed id and an upper-case spelling", async () => {
    const org = await newOrganization();
    const id = await created(org);
    await expectGone(org, newId());
    await expectGone(org, "not-an-id");
    await expectGone(org, id.toUpperCase());
    await expectGone(org, `${id}0`);
  });

  it("returns 404 for another organization's user, with the body of an unknown id", async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    const theirs = await created(other);
    await expectGone(org, theirs);
    expect((await read(other, theirs)).id).toBe(theirs);
  });

  it("returns 404 for a deleted user", async () => {
    const org = await newOrganization();
    const id = await created(org);
    expect((await deleteUser(org, id)).status).toBe(204);
    await expectGone(org, id);
  });
});
