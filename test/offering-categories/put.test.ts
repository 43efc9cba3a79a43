/** Contract tests of PUT /offeringcategories/<id> (API.md §5): the offering categories of an organization. */
import { describe, expect, it } from "vitest";
import { call, parts } from "../support/http";
import { newOrganization } from "../support/fixtures";
import { workersOnly } from "../support/runtime";
import { freezeClockAt, restoreClockAfterEach } from "../support/clock";
import { PREFIX, UNKNOWN_ID, NOT_FOUND_ID, ok, invalid } from "../support/contract";
import { COLOR_MESSAGE, createCategory, read } from "../support/offering-categories";
import { authenticationTests } from "../support/common-tests";

restoreClockAfterEach();

describe("PUT /offeringcategories/<id>", () => {
  authenticationTests({ method: "PUT", path: `${PREFIX}/offeringcategories/${UNKNOWN_ID}`, json: { name: "X" } });

  workersOnly("changes only the fields given: 204, empty body", async () => {
    const org = await newOrganization();
    freezeClockAt("2026-01-31T10:00:00Z");
    const id = await createCategory(org, { name: "Old", description: "keep", color: "#111111", orderIndex: 3 });
    const response = await call("PUT", `${PREFIX}/offeringcategories/${id}`, { token: org.token, json: { name: "New" } });
    expect(await parts(response)).toEqual({ status: 204, contentType: null, errorCode: null, body: null });
    expect(await read(org, id)).toEqual(
      ok({ id, name: "New", description: "keep", color: "#111111", orderIndex: 3, createdDate: "2026-01-31T10:00:00Z" }),
    );
    await call("PUT", `${PREFIX}/offeringcategories/${id}`, {
      token: org.token,
      json: { description: "changed", color: "#ABCDEF", orderIndex: -1 },
    });
    expect((await read(org, id)).body).toEqual({
      id,
      name: "New",
      description: "changed",
      color: "#abcdef",
      orderIndex: -1,
      createdDate: "2026-01-31T10:00:00Z",
    });
  });

  workersOnly("\"\" clears description and color; null is absent and keeps them (API.md §10)", async () => {
    const org = await newOrganization();
    freezeClockAt("2026-01-31T10:00:00Z");
    const id = await createCategory(org, { name: "C", description: "d", color: "#111111" });
    await call("PUT", `${PREFIX}/offeringcategories/${id}`, { token: org.token, json: { description: null, color: null } });
    expect((await read(org, id)).body).toEqual({ id, name: "C", description: "d", color: "#111111", orderIndex: 0, createdDate: "2026-01-31T10:00:00Z" });
    await call("PUT", `${PREFIX}/offeringcategories/${id}`, { token: org.token, json: { description: "", color: "" } });
    expect((await read(org, id)).body).toEqual({ id, name: "C", orderIndex: 0, createdDate: "2026-01-31T10:00:00Z" });
    await call("PUT", `${PREFIX}/offeringcategories/${id}`, { token: org.token, json: { description: "again" } });
    await call("PUT", `${PREFIX}/offeringcategories/${id}`, { token: org.token, json: { description: "" } });
    expect((await read(org, id)).body).not.toHaveProperty("description");
  });

  it("invalid fields are 400 together and nothing changes", async () => {
    const org = await newOrganization();
    const id = await createCategory(org, { name: "Keep", orderIndex: 2 });
    const before = await read(org, id);
    const response = await call("PUT", `${PREFIX}/offeringcategories/${id}`, {
      token: org.token,
      json: { name: "", color: "#12345", orderIndex: "", description: ["x"] },
    });
    expect(await parts(response)).toEqual(
      invalid({
        name: "name is required",
        description: "description must be a string",
        color: COLOR_MESSAGE,
        orderIndex: "orderIndex must be an integer",
      }),
    );
    expect(await read(org, id)).toEqual(before);
  });

  it("an empty change is 204 for an existing category and 404 for a missing one", async () => {
    const org = await newOrganization();
    const id = await createCategory(org, { name: "Same" });
    const before = await read(org, id);
    const response = await call("PUT", `${PREFIX}/offeringcategories/${id}`, { token: org.token, json: { createdDate: "2000" } });
    expect(response.status).toBe(204);
    expect(await read(org, id)).toEqual(before);
    const missing = await call("PUT", `${PREFIX}/offeringcategories/${UNKNOWN_ID}`, { token: org.token, json: {} });
    expect(await parts(missing)).toEqual(NOT_FOUND_ID);
  });

  it("an unknown, malformed, deleted or another organization's id is 404 and nothing changes", async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    const theirs = await createCategory(other, { name: "Theirs" });
    const deleted = await createCategory(org, { name: "Gone" });
    await call("DELETE", `${PREFIX}/offeringcategories/${deleted}`, { token: org.token });
    for (const id of [UNKNOWN_ID, "nope", theirs, deleted]) {
      const response = await call("PUT", `${PREFIX}/offeringcategories/${id}`, { token: org.token, json: { name: "Mine" } });
      expect(await parts(response), id).toEqual(NOT_FOUND_ID);
    }
    expect((await read(other, theirs)).body).toMatchObject({ name: "Theirs" });
  });
});
