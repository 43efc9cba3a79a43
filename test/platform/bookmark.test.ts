/** Read-your-writes across replicas: the D1 Sessions API bookmark, sealed to the organization (API.md §1). */
import { describe, expect, it } from "vitest";
import { call } from "../support/http";
import { insertOffering, insertUser, newOrganization } from "../support/fixtures";

/** Opaque: base64url of a fixed-length AES-GCM seal (src/http/read-your-writes.ts). */
const BOOKMARK = /^[A-Za-z0-9_-]{208}$/;

describe("X-D1-Bookmark", () => {
  it("is carried by the response to an authenticated read", async () => {
    const org = await newOrganization();
    const response = await call("GET", "/dc/api/v5/registrations", { token: org.token });
    expect(response.status).toBe(200);
    expect(response.headers.get("X-D1-Bookmark")).toMatch(BOOKMARK);
  });

  it("is carried by the response to a write, and a later read with it sees the write", async () => {
    const org = await newOrganization();
    const userId = await insertUser(org.id);
    const offeringId = await insertOffering(org.id);
    const created = await call("POST", "/dc/api/v5/registrations", { token: org.token, json: { userId, offeringId } });
    expect(created.status).toBe(201);
    const bookmark = created.headers.get("X-D1-Bookmark");
    expect(bookmark).toMatch(BOOKMARK);

    const location = created.headers.get("Location") ?? "";
    const read = await call("GET", location, { token: org.token, headers: { "X-D1-Bookmark": bookmark ?? "" } });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { id: string }).id).toBe(location.split("/").pop());
    // Opaque: a new seal on every response, never the token sent (nothing to compare).
    expect(read.headers.get("X-D1-Bookmark")).toMatch(BOOKMARK);
    expect(read.headers.get("X-D1-Bookmark")).not.toBe(bookmark);
  });

  it("is carried by an error response that reached the database", async () => {
    const org = await newOrganization();
    const response = await call("GET", "/dc/api/v5/registrations/0123456789abcdef0123456789abcdef", { token: org.token });
    expect(response.status).toBe(404);
    expect(response.headers.get("X-D1-Bookmark")).toMatch(BOOKMARK);
  });

  it("ignores a malformed bookmark instead of failing the request", async () => {
    const org = await newOrganization();
    const response = await call("GET", "/dc/api/v5/registrations", {
      token: org.token,
      headers: { "X-D1-Bookmark": "not a bookmark; DROP TABLE users" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("X-D1-Bookmark")).toMatch(BOOKMARK);
  });
});
