/**
 * Requests exactly as DigitalChalk's own clients send them (API.md §10, §4): the C# example's
 * serialiser, the WooCommerce plugin, the getting-started examples.
 */
import { describe, expect, it } from "vitest";
import { PREFIX } from "../support/contract";
import { insertOffering, newOrganization } from "../support/fixtures";
import { call, parts } from "../support/http";

const NO_PASSWORD = "***1UNPARSEABLE2***";

function idOf(response: Response): string {
  return (response.headers.get("Location") ?? "").split("/").pop() as string;
}

describe("the C# example (.NET serialiser: every property, nulls included)", () => {
  it("creates a user from the full object with nulls (201), and a whole-object PUT changes only what carries a value", async () => {
    const org = await newOrganization();
    const body = '{"id":null,"firstName":"Ada","lastName":"L","username":null,"email":"ada@example.com","password":"abc123","tags":null,"locale":null}';
    const response = await call("POST", `${PREFIX}/users`, { token: org.token, body, headers: { "Content-Type": "application/json; charset=utf-8" } });
    expect(await parts(response)).toEqual({ status: 201, contentType: "application/json", errorCode: null, body: null });
    const id = idOf(response);
    const put = '{"id":null,"firstName":null,"lastName":"Lovelace","username":null,"email":null,"password":null,"tags":null,"locale":null,"createdDate":null,"lastLoginDate":null}';
    expect((await call("PUT", `${PREFIX}/users/${id}`, { token: org.token, body: put, headers: { "Content-Type": "application/json; charset=utf-8" } })).status).toBe(204);
    expect((await parts(await call("GET", `${PREFIX}/users/${id}`, { token: org.token }))).body).toEqual({
      id, firstName: "Ada", lastName: "Lovelace", username: "ada@example.com", email: "ada@example.com", locale: "en", createdDate: expect.any(String),
    });
  });
});

describe("the WooCommerce plugin", () => {
  it("a first-time buyer: the customer with the no-password sentinel, the availability check, the registration", async () => {
    const org = await newOrganization();
    const offeringId = await insertOffering(org.id, { title: "Workplace Safety 101" });
    const customer = { firstName: "Jordan", lastName: "Example", email: "jordan@shop.example", password: NO_PASSWORD };
    const createdUser = await call("POST", `${PREFIX}/users`, { token: org.token, json: customer });
    expect(await parts(createdUser)).toEqual({ status: 201, contentType: "application/json", errorCode: null, body: null });
    const userId = idOf(createdUser);

    const available = await parts(await call("GET", `${PREFIX}/offerings?limit=100?userId=${userId}`, { token: org.token }));
    expect(available).toMatchObject({ status: 200, body: { results: [expect.objectContaining({ id: offeringId })] } });

    const registered = await call("POST", `${PREFIX}/registrations`, { token: org.token, json: { userId, offeringId } });
    expect(registered.status).toBe(201);
    const after = await parts(await call("GET", `${PREFIX}/offerings?limit=100?userId=${userId}`, { token: org.token }));
    expect(after.body).toEqual({ results: [] });
  });

  it("the sentinel is accepted on PUT too", async () => {
    const org = await newOrganization();
    const id = idOf(await call("POST", `${PREFIX}/users`, { token: org.token, json: { firstName: "A", lastName: "B", email: "a@b.example", password: "abc123" } }));
    expect((await call("PUT", `${PREFIX}/users/${id}`, { token: org.token, json: { password: NO_PASSWORD } })).status).toBe(204);
  });

  it("a repeat customer (email in use, username never sent) hears about the email only", async () => {
    const org = await newOrganization();
    const customer = { firstName: "Jordan", lastName: "Example", email: "jordan@shop.example", password: NO_PASSWORD };
    expect((await call("POST", `${PREFIX}/users`, { token: org.token, json: customer })).status).toBe(201);
    expect(await parts(await call("POST", `${PREFIX}/users`, { token: org.token, json: customer }))).toEqual({
      status: 400, contentType: "application/json", errorCode: "validation_failed", body: { fieldErrors: { email: "Email address is already in use" } },
    });
  });
});

describe("the getting-started examples and older clients", () => {
  it("call <prefix>/users/ with a trailing slash, and register with studentId", async () => {
    const org = await newOrganization();
    const created = await call("POST", `/api/v5/users/`, { token: org.token, json: { firstName: "G", lastName: "H", email: "g@h.example" } });
    expect(created.status).toBe(201);
    expect(created.headers.get("Location")).toBe(`/api/v5/users/${idOf(created)}`);
    expect((await call("GET", `/api/v5/users/${idOf(created)}/`, { token: org.token })).status).toBe(200);
    const offeringId = await insertOffering(org.id);
    const registered = await call("POST", `${PREFIX}/registrations/`, { token: org.token, json: { studentId: idOf(created), offeringId } });
    expect(registered.status).toBe(201);
    expect((await parts(await call("GET", `${PREFIX}/offerings/?studentId=${idOf(created)}`, { token: org.token }))).body).toEqual({ results: [] });
  });
});
