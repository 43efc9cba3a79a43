/**
 * Agreements (API.md §7): the organization's enabled agreements, each user's answers, and the
 * operator calls that enable, change and disable them.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { call, parts } from "./support/http";
import { ADMIN_TOKEN, insertUser, newOrganization, type TestOrganization } from "./support/fixtures";
import { workersOnly } from "./support/runtime";

const P = "/dc/api/v5";
const UNKNOWN_ID = "0123456789abcdef0123456789abcdef";
const NOT_FOUND = { status: 404, contentType: "application/json", errorCode: "not_found", body: { errors: ["No resource exists with the given id."] } };
const NO_CONTENT = { status: 204, contentType: null, errorCode: null, body: null };

afterEach(() => {
  vi.useRealTimers();
});

/** Freezes the clock the Worker reads (it runs in this isolate) at an exact instant. */
function at(iso: string) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(iso));
}

function ok(body: unknown) {
  return { status: 200, contentType: "application/json", errorCode: null, body };
}

function invalid(fieldErrors: Record<string, string>) {
  return { status: 400, contentType: "application/json", errorCode: "validation_failed", body: { fieldErrors } };
}

const STANDARD = { title: "Terms of use", text: "Be kind.", required: true };
const CUSTOM = { title: "Photo release", text: "We may use your photo.", required: false };

function putAgreement(orgId: string, type: string, json: unknown, token = ADMIN_TOKEN) {
  return call("PUT", `/admin/v1/organizations/${orgId}/agreements/${type}`, { token, json });
}

function deleteAgreement(orgId: string, type: string, token = ADMIN_TOKEN) {
  return call("DELETE", `/admin/v1/organizations/${orgId}/agreements/${type}`, { token });
}

async function enable(org: TestOrganization, type: string, json: unknown) {
  expect((await putAgreement(org.id, type, json)).status).toBe(204);
}

async function get(org: TestOrganization, path: string) {
  return parts(await call("GET", `${P}${path}`, { token: org.token }));
}

function answer(org: TestOrganization, userId: string, type: string, json: unknown) {
  return call("PUT", `${P}/users/${userId}/agreements/${type}`, { token: org.token, json });
}

describe("GET /agreements", () => {
  it("is an empty results list when the organization has enabled none", async () => {
    const org = await newOrganization();
    expect(await get(org, "/agreements")).toEqual(ok({ results: [] }));
  });

  workersOnly("lists the enabled agreements, standard before custom, under both prefixes", async () => {
    const org = await newOrganization();
    at("2026-01-02T03:04:05Z");
    await enable(org, "custom", CUSTOM);
    await enable(org, "standard", STANDARD);
    const dates = { createdDate: "2026-01-02T03:04:05Z", updatedDate: "2026-01-02T03:04:05Z" };
    const expected = ok({
      results: [
        { type: "standard", title: "Terms of use", text: "Be kind.", ...dates, required: true },
        { type: "custom", title: "Photo release", text: "We may use your photo.", ...dates, required: false },
      ],
    });
    expect(await get(org, "/agreements")).toEqual(expected);
    expect(await parts(await call("GET", "/api/v5/agreements", { token: org.token }))).toEqual(expected);
  });

  it("never lists another organization's agreements", async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    await enable(other, "standard", STANDARD);
    expect(await get(org, "/agreements")).toEqual(ok({ results: [] }));
  });

  it("needs a token: 401 with an unknown one", async () => {
    const response = await call("GET", `${P}/agreements`, { token: "not-a-token" });
    expect(await parts(response)).toEqual({
      status: 401,
      contentType: "application/json",
      errorCode: "unauthorized",
      body: { errors: ["A valid access token is required"] },
    });
    expect(response.headers.get("WWW-Authenticate")).toBe('Bearer realm="api", error="invalid_token"');
  });
});

describe("GET /agreements/<type>", () => {
  workersOnly("returns an enabled agreement", async () => {
    const org = await newOrganization();
    at("2026-01-02T03:04:05Z");
    await enable(org, "custom", CUSTOM);
    expect(await get(org, "/agreements/custom")).toEqual(
      ok({
        type: "custom",
        title: "Photo release",
        text: "We may use your photo.",
        createdDate: "2026-01-02T03:04:05Z",
        updatedDate: "2026-01-02T03:04:05Z",
        required: false,
      }),
    );
  });

  it("a type not enabled, an unknown type, or one only another organization enabled is 404", async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    await enable(org, "custom", CUSTOM);
    await enable(other, "standard", STANDARD);
    for (const type of ["standard", "other", "STANDARD", "Custom"]) {
      expect(await get(org, `/agreements/${type}`), type).toEqual(NOT_FOUND);
    }
  });
});

describe("GET /users/<userId>/agreements", () => {
  workersOnly("lists each enabled agreement with agreed false and no agreedDate when never answered", async () => {
    const org = await newOrganization();
    const userId = await insertUser(org.id);
    at("2026-01-02T03:04:05Z");
    await enable(org, "standard", STANDARD);
    await enable(org, "custom", CUSTOM);
    const dates = { createdDate: "2026-01-02T03:04:05Z", updatedDate: "2026-01-02T03:04:05Z" };
    expect(await get(org, `/users/${userId}/agreements`)).toEqual(
      ok({
        results: [
          { type: "standard", title: STANDARD.title, text: STANDARD.text, ...dates, required: true, agreed: false },
          { type: "custom", title: CUSTOM.title, text: CUSTOM.text, ...dates, required: false, agreed: false },
        ],
      }),
    );
  });

  workersOnly("shows the user's own answers: agreed with its date, declined without one", async () => {
    const org = await newOrganization();
    const userId = await insertUser(org.id);
    const otherUser = await insertUser(org.id);
    at("2026-01-02T03:04:05Z");
    await enable(org, "standard", STANDARD);
    await enable(org, "custom", CUSTOM);
    at("2026-02-03T04:05:06Z");
    expect((await answer(org, userId, "standard", { agreed: true })).status).toBe(204);
    expect((await answer(org, userId, "custom", { agreed: false })).status).toBe(204);
    const dates = { createdDate: "2026-01-02T03:04:05Z", updatedDate: "2026-01-02T03:04:05Z" };
    expect(await get(org, `/users/${userId}/agreements`)).toEqual(
      ok({
        results: [
          { type: "standard", title: STANDARD.title, text: STANDARD.text, ...dates, required: true, agreed: true, agreedDate: "2026-02-03T04:05:06Z" },
          { type: "custom", title: CUSTOM.title, text: CUSTOM.text, ...dates, required: false, agreed: false },
        ],
      }),
    );
    const others = (await get(org, `/users/${otherUser}/agreements`)).body as { results: { agreed: boolean }[] };
    expect(others.results.map((a) => a.agreed)).toEqual([false, false]);
  });

  it("is an empty results list for a live user when the organization has enabled none", async () => {
    const org = await newOrganization();
    const userId = await insertUser(org.id);
    expect(await get(org, `/users/${userId}/agreements`)).toEqual(ok({ results: [] }));
  });

  it("an unknown, malformed, deleted or another organization's user is 404", async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    await enable(org, "standard", STANDARD);
    const deleted = await insertUser(org.id, { deletedAt: Date.now() });
    const theirs = await insertUser(other.id);
    for (const userId of [UNKNOWN_ID, "nope", deleted, theirs]) {
      expect(await get(org, `/users/${userId}/agreements`), userId).toEqual(NOT_FOUND);
    }
  });
});

describe("GET /users/<userId>/agreements/<type>", () => {
  workersOnly("returns the agreement with the user's answer", async () => {
    const org = await newOrganization();
    const userId = await insertUser(org.id);
    at("2026-01-02T03:04:05Z");
    await enable(org, "standard", STANDARD);
    const agreement = {
      type: "standard",
      title: STANDARD.title,
      text: STANDARD.text,
      createdDate: "2026-01-02T03:04:05Z",
      updatedDate: "2026-01-02T03:04:05Z",
      required: true,
    };
    expect(await get(org, `/users/${userId}/agreements/standard`)).toEqual(ok({ ...agreement, agreed: false }));
    at("2026-01-03T00:00:00Z");
    await answer(org, userId, "standard", { agreed: true });
    expect(await get(org, `/users/${userId}/agreements/standard`)).toEqual(
      ok({ ...agreement, agreed: true, agreedDate: "2026-01-03T00:00:00Z" }),
    );
  });

  it("a type not enabled or unknown is 404; so is an unknown, deleted or another organization's user", async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    await enable(org, "standard", STANDARD);
    await enable(other, "custom", CUSTOM);
    const userId = await insertUser(org.id);
    const deleted = await insertUser(org.id, { deletedAt: Date.now() });
    const theirs = await insertUser(other.id);
    const paths = [
      `/users/${userId}/agreements/custom`,
      `/users/${userId}/agreements/other`,
      `/users/${UNKNOWN_ID}/agreements/standard`,
      `/users/nope/agreements/standard`,
      `/users/${deleted}/agreements/standard`,
      `/users/${theirs}/agreements/standard`,
      `/users/${theirs}/agreements/custom`,
    ];
    for (const path of paths) expect(await get(org, path), path).toEqual(NOT_FOUND);
  });
});

describe("PUT /users/<userId>/agreements/<type>", () => {
  workersOnly("agreeing is 204 with an empty body and records the time", async () => {
    const org = await newOrganization();
    const userId = await insertUser(org.id);
    await enable(org, "standard", STANDARD);
    at("2026-04-05T06:07:08Z");
    expect(await parts(await answer(org, userId, "standard", { agreed: true }))).toEqual(NO_CONTENT);
    expect((await get(org, `/users/${userId}/agreements/standard`)).body).toMatchObject({
      agreed: true,
      agreedDate: "2026-04-05T06:07:08Z",
    });
  });

  workersOnly("agreeing again records the new time; declining clears the date", async () => {
    const org = await newOrganization();
    const userId = await insertUser(org.id);
    await enable(org, "standard", STANDARD);
    at("2026-04-05T06:07:08Z");
    await answer(org, userId, "standard", { agreed: true });
    at("2026-04-06T00:00:00Z");
    await answer(org, userId, "standard", { agreed: true });
    expect((await get(org, `/users/${userId}/agreements/standard`)).body).toMatchObject({
      agreed: true,
      agreedDate: "2026-04-06T00:00:00Z",
    });
    expect(await parts(await answer(org, userId, "standard", { agreed: false }))).toEqual(NO_CONTENT);
    const { body } = await get(org, `/users/${userId}/agreements/standard`);
    expect(body).toMatchObject({ agreed: false });
    expect(body).not.toHaveProperty("agreedDate");
  });

  it("agreed must be a boolean: missing or null is required, anything else must be true or false", async () => {
    const org = await newOrganization();
    const userId = await insertUser(org.id);
    await enable(org, "standard", STANDARD);
    for (const json of [{}, { agreed: null }]) {
      expect(await parts(await answer(org, userId, "standard", json)), JSON.stringify(json)).toEqual(
        invalid({ agreed: "agreed is required" }),
      );
    }
    for (const agreed of ["true", 1, 0, "yes", [true], {}]) {
      expect(await parts(await answer(org, userId, "standard", { agreed })), JSON.stringify(agreed)).toEqual(
        invalid({ agreed: "agreed must be true or false" }),
      );
    }
    expect((await get(org, `/users/${userId}/agreements/standard`)).body).toMatchObject({ agreed: false });
  });

  it("the body rules apply: a non-JSON Content-Type is 415", async () => {
    const org = await newOrganization();
    const userId = await insertUser(org.id);
    const response = await call("PUT", `${P}/users/${userId}/agreements/standard`, {
      token: org.token,
      body: "agreed=true",
      headers: { "Content-Type": "text/plain" },
    });
    expect(await parts(response)).toEqual({
      status: 415,
      contentType: "application/json",
      errorCode: "unsupported_media_type",
      body: { errors: ["Content-Type must be application/json"] },
    });
  });

  it("a type not enabled is 404 and records nothing", async () => {
    const org = await newOrganization();
    const userId = await insertUser(org.id);
    expect(await parts(await answer(org, userId, "custom", { agreed: true }))).toEqual(NOT_FOUND);
    await enable(org, "custom", CUSTOM);
    expect((await get(org, `/users/${userId}/agreements/custom`)).body).toMatchObject({ agreed: false });
  });

  it("an unknown type, or an unknown, malformed, deleted or another organization's user is 404", async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    await enable(org, "standard", STANDARD);
    await enable(other, "standard", STANDARD);
    const userId = await insertUser(org.id);
    const deleted = await insertUser(org.id, { deletedAt: Date.now() });
    const theirs = await insertUser(other.id);
    const cases: [string, string][] = [
      [userId, "other"],
      [UNKNOWN_ID, "standard"],
      ["nope", "standard"],
      [deleted, "standard"],
      [theirs, "standard"],
    ];
    for (const [user, type] of cases) {
      expect(await parts(await answer(org, user, type, { agreed: true })), `${user} ${type}`).toEqual(NOT_FOUND);
    }
    expect((await get(other, `/users/${theirs}/agreements/standard`)).body).toMatchObject({ agreed: false });
  });
});

describe("PUT /admin/v1/organizations/<orgId>/agreements/<type>", () => {
  workersOnly("enables an agreement: 204, empty body; it appears for the organization", async () => {
    const org = await newOrganization();
    at("2026-01-02T03:04:05Z");
    expect(await parts(await putAgreement(org.id, "standard", STANDARD))).toEqual(NO_CONTENT);
    expect(await get(org, "/agreements/standard")).toEqual(
      ok({
        type: "standard",
        title: "Terms of use",
        text: "Be kind.",
        createdDate: "2026-01-02T03:04:05Z",
        updatedDate: "2026-01-02T03:04:05Z",
        required: true,
      }),
    );
  });

  workersOnly("again replaces title, text and required; createdDate stays, updatedDate changes, answers stay", async () => {
    const org = await newOrganization();
    const userId = await insertUser(org.id);
    at("2026-01-02T03:04:05Z");
    await enable(org, "standard", STANDARD);
    at("2026-01-03T00:00:00Z");
    await answer(org, userId, "standard", { agreed: true });
    at("2026-03-01T12:00:00Z");
    expect(await parts(await putAgreement(org.id, "standard", { title: "Terms v2", text: "Be kinder.", required: false }))).toEqual(
      NO_CONTENT,
    );
    expect(await get(org, `/users/${userId}/agreements/standard`)).toEqual(
      ok({
        type: "standard",
        title: "Terms v2",
        text: "Be kinder.",
        createdDate: "2026-01-02T03:04:05Z",
        updatedDate: "2026-03-01T12:00:00Z",
        required: false,
        agreed: true,
        agreedDate: "2026-01-03T00:00:00Z",
      }),
    );
  });

  it("required defaults to false", async () => {
    const org = await newOrganization();
    await enable(org, "custom", { title: "T", text: "X" });
    expect((await get(org, "/agreements/custom")).body).toMatchObject({ required: false });
  });

  it("title and text are required strings and required must be a boolean, reported together", async () => {
    const org = await newOrganization();
    expect(await parts(await putAgreement(org.id, "standard", {}))).toEqual(
      invalid({ title: "title is required", text: "text is required" }),
    );
    expect(await parts(await putAgreement(org.id, "standard", { title: "", text: null, required: "yes" }))).toEqual(
      invalid({ title: "title is required", text: "text is required", required: "required must be true or false" }),
    );
    expect(await parts(await putAgreement(org.id, "standard", { title: 1, text: ["x"], required: "" }))).toEqual(
      invalid({ title: "title must be a string", text: "text must be a string", required: "required must be true or false" }),
    );
    expect(await get(org, "/agreements")).toEqual(ok({ results: [] }));
  });

  it("an unknown or malformed organization, or an unknown type, is 404", async () => {
    const org = await newOrganization();
    for (const [orgId, type] of [
      [UNKNOWN_ID, "standard"],
      ["nope", "standard"],
      [org.id, "other"],
    ] as const) {
      expect(await parts(await putAgreement(orgId, type, STANDARD)), `${orgId} ${type}`).toEqual(NOT_FOUND);
    }
  });

  it("needs the admin token: an organization's token or none is 401", async () => {
    const org = await newOrganization();
    const withOrgToken = await putAgreement(org.id, "standard", STANDARD, org.token);
    expect(await parts(withOrgToken)).toEqual({
      status: 401,
      contentType: "application/json",
      errorCode: "unauthorized",
      body: { errors: ["A valid access token is required"] },
    });
    expect(withOrgToken.headers.get("WWW-Authenticate")).toBe('Bearer realm="api", error="invalid_token"');
    const withoutToken = await call("PUT", `/admin/v1/organizations/${org.id}/agreements/standard`, { json: STANDARD });
    expect(withoutToken.status).toBe(401);
    expect(withoutToken.headers.get("WWW-Authenticate")).toBe('Bearer realm="api"');
    expect(await get(org, "/agreements")).toEqual(ok({ results: [] }));
  });
});

describe("DELETE /admin/v1/organizations/<orgId>/agreements/<type>", () => {
  it("disables the agreement: 204, empty body; then it is 404 and unlisted, for users too", async () => {
    const org = await newOrganization();
    const userId = await insertUser(org.id);
    await enable(org, "standard", STANDARD);
    await enable(org, "custom", CUSTOM);
    expect(await parts(await deleteAgreement(org.id, "standard"))).toEqual(NO_CONTENT);
    expect(await get(org, "/agreements/standard")).toEqual(NOT_FOUND);
    expect(await get(org, `/users/${userId}/agreements/standard`)).toEqual(NOT_FOUND);
    expect(await parts(await answer(org, userId, "standard", { agreed: true }))).toEqual(NOT_FOUND);
    const { body } = await get(org, "/agreements");
    expect((body as { results: { type: string }[] }).results.map((a) => a.type)).toEqual(["custom"]);
  });

  workersOnly("removes the answers: enabled again, nobody has agreed yet; other organizations keep theirs", async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    const userId = await insertUser(org.id);
    const theirUser = await insertUser(other.id);
    await enable(org, "standard", STANDARD);
    await enable(other, "standard", STANDARD);
    await answer(org, userId, "standard", { agreed: true });
    await answer(other, theirUser, "standard", { agreed: true });
    at("2026-06-01T00:00:00Z");
    await deleteAgreement(org.id, "standard");
    await enable(org, "standard", STANDARD);
    expect(await get(org, `/users/${userId}/agreements/standard`)).toEqual(
      ok({
        type: "standard",
        title: STANDARD.title,
        text: STANDARD.text,
        createdDate: "2026-06-01T00:00:00Z",
        updatedDate: "2026-06-01T00:00:00Z",
        required: true,
        agreed: false,
      }),
    );
    expect((await get(other, `/users/${theirUser}/agreements/standard`)).body).toMatchObject({ agreed: true });
  });

  it("a type not enabled, an unknown type or an unknown organization is 404", async () => {
    const org = await newOrganization();
    for (const [orgId, type] of [
      [org.id, "standard"],
      [org.id, "other"],
      [UNKNOWN_ID, "standard"],
      ["nope", "custom"],
    ] as const) {
      expect(await parts(await deleteAgreement(orgId, type)), `${orgId} ${type}`).toEqual(NOT_FOUND);
    }
  });

  it("needs the admin token", async () => {
    const org = await newOrganization();
    await enable(org, "standard", STANDARD);
    expect((await deleteAgreement(org.id, "standard", org.token)).status).toBe(401);
    expect((await get(org, "/agreements/standard")).status).toBe(200);
  });
});
