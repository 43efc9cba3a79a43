/** API.md §10, one describe per compatibility rule, on every runtime. */
import { describe, expect, it } from "vitest";
import { expectError, PREFIX } from "../support/contract";
import { insertOffering, insertUser, newOrganization } from "../support/fixtures";
import { call, parts } from "../support/http";

const ADA = { firstName: "Ada", lastName: "L", email: "ada@example.com", password: "abc123" };

async function createdId(response: Response): Promise<string> {
  expect(response.status).toBe(201);
  return (response.headers.get("Location") ?? "").split("/").pop() as string;
}

describe("a trailing slash is the same resource", () => {
  it("GET <prefix>/users/ and <prefix>/users/<id>/ answer as without the slash, on both prefixes", async () => {
    const org = await newOrganization();
    const id = await insertUser(org.id);
    for (const prefix of ["/dc/api/v5", "/api/v5"]) {
      const list = await parts(await call("GET", `${prefix}/users/`, { token: org.token }));
      expect(list).toEqual(await parts(await call("GET", `${prefix}/users`, { token: org.token })));
      expect(list.status).toBe(200);
      const one = await parts(await call("GET", `${prefix}/users/${id}/`, { token: org.token }));
      expect(one).toMatchObject({ status: 200, body: { id } });
    }
  });

  it("Location and paging links stay without the slash", async () => {
    const org = await newOrganization();
    const response = await call("POST", `${PREFIX}/users/`, { token: org.token, json: ADA });
    expect(response.headers.get("Location")).toMatch(new RegExp(`^${PREFIX}/users/[0-9a-f]{32}$`));
    await insertUser(org.id);
    const page = await parts(await call("GET", `${PREFIX}/users/?limit=1`, { token: org.token }));
    expect(page.body).toMatchObject({ next: `${PREFIX}/users?limit=1&offset=1` });
  });

  it("only one slash: <prefix>/users// is an unknown path", async () => {
    const org = await newOrganization();
    await expectError(await call("GET", `${PREFIX}/users//`, { token: org.token }), 404, "not_found", { errors: ["Not found"] });
  });
});

describe("null is absent", () => {
  it("a POST body with nulls is the body without them", async () => {
    const org = await newOrganization();
    const id = await createdId(
      await call("POST", `${PREFIX}/users`, { token: org.token, json: { ...ADA, id: null, username: null, tags: null, locale: null } }),
    );
    const user = await parts(await call("GET", `${PREFIX}/users/${id}`, { token: org.token }));
    expect(user.body).toEqual({ id, firstName: "Ada", lastName: "L", username: "ada@example.com", email: "ada@example.com", locale: "en", createdDate: expect.any(String) });
  });

  it("a PUT of a whole object with nulls changes only the fields that carry a value", async () => {
    const org = await newOrganization();
    const id = await insertOffering(org.id, { title: "Keep", seatLimit: 3, catalogDescription: "c" });
    const put = await call("PUT", `${PREFIX}/offerings/${id}`, {
      token: org.token,
      json: { id: null, title: null, seatLimit: null, catalogDescription: null, summary: "New", tags: null, beginDate: null },
    });
    expect(put.status).toBe(204);
    const offering = await parts(await call("GET", `${PREFIX}/offerings/${id}`, { token: org.token }));
    expect(offering.body).toMatchObject({ title: "Keep", seatLimit: 3, catalogDescription: "c", summary: "New" });
  });

  it("a required field sent as null is missing", async () => {
    const org = await newOrganization();
    await expectError(await call("POST", `${PREFIX}/offerings`, { token: org.token, json: { title: null } }), 400, "validation_failed", {
      fieldErrors: { title: "title is required" },
    });
  });
});

describe('"" clears an optional field on PUT', () => {
  it('"" clears seatLimit (unlimited), registrationEndDate, summary; [] clears a list', async () => {
    const org = await newOrganization();
    const id = await insertOffering(org.id, { title: "T", seatLimit: 1, registrationEndDate: Date.UTC(2030, 0, 1), summary: "s", tags: '["a"]' });
    expect((await call("PUT", `${PREFIX}/offerings/${id}`, { token: org.token, json: { seatLimit: "", registrationEndDate: "", summary: "", tags: [] } })).status).toBe(204);
    const { body } = await parts(await call("GET", `${PREFIX}/offerings/${id}`, { token: org.token }));
    expect(body).not.toHaveProperty("seatLimit");
    expect(body).not.toHaveProperty("registrationEndDate");
    expect(body).not.toHaveProperty("summary");
    expect(body).not.toHaveProperty("tags");
  });

  it('"" for a required field is its "is required" error', async () => {
    const org = await newOrganization();
    const id = await insertUser(org.id);
    await expectError(await call("PUT", `${PREFIX}/users/${id}`, { token: org.token, json: { firstName: "", email: "" } }), 400, "validation_failed", {
      fieldErrors: { firstName: "firstName is required", email: "email is required" },
    });
  });
});

describe("studentId is the older name of userId", () => {
  it("POST /registrations accepts studentId; userId wins when both are given", async () => {
    const org = await newOrganization();
    const [userId, other] = [await insertUser(org.id), await insertUser(org.id)];
    const offeringId = await insertOffering(org.id);
    const id = await createdId(await call("POST", `${PREFIX}/registrations`, { token: org.token, json: { studentId: userId, offeringId } }));
    expect((await parts(await call("GET", `${PREFIX}/registrations/${id}`, { token: org.token }))).body).toMatchObject({ userId });
    const both = await createdId(
      await call("POST", `${PREFIX}/registrations`, { token: org.token, json: { userId: other, studentId: userId, offeringId } }),
    );
    expect((await parts(await call("GET", `${PREFIX}/registrations/${both}`, { token: org.token }))).body).toMatchObject({ userId: other });
  });

  it("without a usable userId or studentId the userId messages answer", async () => {
    const org = await newOrganization();
    for (const json of [{ studentId: "" }, {}, { studentId: null }]) {
      await expectError(await call("POST", `${PREFIX}/registrations`, { token: org.token, json }), 400, "validation_failed", {
        errors: ["userId is required", "offeringId is required"],
      });
    }
    await expectError(await call("POST", `${PREFIX}/registrations`, { token: org.token, json: { studentId: 5, offeringId: "x" } }), 400, "validation_failed", {
      errors: ["userId must be a string"],
    });
  });

  it("GET /offerings?studentId= filters like userId; userId wins", async () => {
    const org = await newOrganization();
    const userId = await insertUser(org.id);
    await insertOffering(org.id, { title: "Open" });
    const unknown = "0".repeat(32);
    const byStudent = await parts(await call("GET", `${PREFIX}/offerings?studentId=${unknown}`, { token: org.token }));
    expect(byStudent.body).toEqual({ results: [] });
    const both = await parts(await call("GET", `${PREFIX}/offerings?studentId=${unknown}&userId=${userId}`, { token: org.token }));
    expect(both.body).toMatchObject({ results: [expect.objectContaining({ title: "Open" })] });
  });
});

describe("a ? inside the query string separates parameters", () => {
  it("/offerings?limit=1?userId=<id> is limit=1&userId=<id>, and the paging links use the normalised query", async () => {
    const org = await newOrganization();
    const userId = await insertUser(org.id);
    await insertOffering(org.id, { title: "A", orderIndex: 1 });
    await insertOffering(org.id, { title: "B", orderIndex: 2 });
    const page = await parts(await call("GET", `${PREFIX}/offerings?limit=1?userId=${userId}`, { token: org.token }));
    expect(page.body).toEqual({
      results: [expect.objectContaining({ title: "A" })],
      next: `${PREFIX}/offerings?limit=1&userId=${userId}&offset=1`,
    });
    const none = await parts(await call("GET", `${PREFIX}/offerings?limit=100?userId=${"0".repeat(32)}`, { token: org.token }));
    expect(none.body).toEqual({ results: [] });
  });
});

describe("empty bodies stay empty whatever Accept-Encoding", () => {
  it("a 201 keeps Content-Length: 0 and a 204 has no body, with Accept-Encoding: gzip, deflate, br", async () => {
    const org = await newOrganization();
    const headers = { "Accept-Encoding": "gzip, deflate, br" };
    const response = await call("POST", `${PREFIX}/users`, { token: org.token, json: ADA, headers });
    expect(response.status).toBe(201);
    expect(response.headers.get("Content-Length")).toBe("0");
    expect(response.headers.get("Content-Type")).toBe("application/json");
    expect(["identity", null]).toContain(response.headers.get("Content-Encoding"));
    expect(await response.text()).toBe("");
    const id = (response.headers.get("Location") ?? "").split("/").pop() as string;
    const updated = await call("PUT", `${PREFIX}/users/${id}`, { token: org.token, json: { lastName: "Lovelace" }, headers });
    expect(updated.status).toBe(204);
    expect(["identity", null]).toContain(updated.headers.get("Content-Encoding"));
    expect(await updated.text()).toBe("");
  });
});

describe("empty lists are omitted", () => {
  it("tags: [] and offeringCategoryIds: [] leave the object", async () => {
    const org = await newOrganization();
    const id = await createdId(await call("POST", `${PREFIX}/offerings`, { token: org.token, json: { title: "T", tags: [], offeringCategoryIds: [] } }));
    const { body } = await parts(await call("GET", `${PREFIX}/offerings/${id}`, { token: org.token }));
    expect(body).not.toHaveProperty("tags");
    expect(body).not.toHaveProperty("offeringCategoryIds");
  });
});
