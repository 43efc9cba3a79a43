/**
 * POST /registrations is one atomic check-and-insert (API.md §3): under concurrent requests
 * the availability rule holds exactly, and nothing is lost or doubled.
 */
import { describe, expect, it } from "vitest";
import { call, parts } from "../support/http";
import { insertOffering, insertUser, newOrganization } from "../support/fixtures";

const NOT_AVAILABLE = "This offering is not available for registration for the given user";

interface Listed {
  id: string;
  userId: string;
  offeringId: string;
  status: string;
}

async function list(token: string, query: string): Promise<Listed[]> {
  const response = await call("GET", `/dc/api/v5/registrations?${query}&limit=100`, { token });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { results: Listed[]; next?: string };
  expect(body.next).toBeUndefined();
  return body.results;
}

function idOf(location: string | null): string {
  const match = /^\/dc\/api\/v5\/registrations\/([0-9a-f]{32})$/.exec(location ?? "");
  expect(match, String(location)).not.toBeNull();
  return match?.[1] ?? "";
}

describe("POST /registrations under concurrency", () => {
  it("25 identical requests at once: exactly one 201, the rest already_registered, one registration", async () => {
    const org = await newOrganization();
    const userId = await insertUser(org.id);
    const offeringId = await insertOffering(org.id);

    const responses = await Promise.all(
      Array.from({ length: 25 }, () =>
        call("POST", "/dc/api/v5/registrations", { token: org.token, json: { userId, offeringId } }),
      ),
    );

    const created = responses.filter((response) => response.status === 201);
    expect(created).toHaveLength(1);
    const id = idOf(created[0]?.headers.get("Location") ?? null);
    const refused = await Promise.all(
      responses.filter((response) => response.status !== 201).map((response) => parts(response)),
    );
    expect(refused).toHaveLength(24);
    for (const result of refused) {
      expect(result).toEqual({
        status: 400,
        contentType: "application/json",
        errorCode: "already_registered",
        body: { errors: [NOT_AVAILABLE] },
      });
    }

    const listed = await list(org.token, `userId=${userId}`);
    expect(listed.map((registration) => [registration.id, registration.offeringId, registration.status])).toEqual([
      [id, offeringId, "active"],
    ]);
  });

  it("30 different users into one offering at once: all 201 and all listed", async () => {
    const org = await newOrganization();
    const offeringId = await insertOffering(org.id);
    const userIds = await Promise.all(Array.from({ length: 30 }, () => insertUser(org.id)));

    const responses = await Promise.all(
      userIds.map((userId) =>
        call("POST", "/dc/api/v5/registrations", { token: org.token, json: { userId, offeringId } }),
      ),
    );

    expect(responses.map((response) => response.status)).toEqual(userIds.map(() => 201));
    const ids = responses.map((response) => idOf(response.headers.get("Location")));
    expect(new Set(ids).size).toBe(30);

    const listed = await list(org.token, `offeringId=${offeringId}`);
    expect(listed).toHaveLength(30);
    expect(new Set(listed.map((registration) => registration.id))).toEqual(new Set(ids));
    expect(new Set(listed.map((registration) => registration.userId))).toEqual(new Set(userIds));
    for (const registration of listed) expect(registration.status).toBe("active");
  });

  it("seatLimit 1 with 20 different users at once: exactly one 201, the rest offering_full", async () => {
    const org = await newOrganization();
    const offeringId = await insertOffering(org.id, { seatLimit: 1 });
    const userIds = await Promise.all(Array.from({ length: 20 }, () => insertUser(org.id)));

    const responses = await Promise.all(
      userIds.map((userId) =>
        call("POST", "/dc/api/v5/registrations", { token: org.token, json: { userId, offeringId } }),
      ),
    );

    const winners = responses.flatMap((response, i) => (response.status === 201 ? [i] : []));
    expect(winners).toHaveLength(1);
    const winner = winners[0] ?? -1;
    const id = idOf(responses[winner]?.headers.get("Location") ?? null);
    const refused = await Promise.all(responses.filter((_, i) => i !== winner).map((response) => parts(response)));
    expect(refused).toHaveLength(19);
    for (const result of refused) {
      expect(result).toEqual({
        status: 400,
        contentType: "application/json",
        errorCode: "offering_full",
        body: { errors: [NOT_AVAILABLE] },
      });
    }

    const listed = await list(org.token, `offeringId=${offeringId}`);
    expect(listed.map((registration) => [registration.id, registration.userId, registration.status])).toEqual([
      [id, userIds[winner], "active"],
    ]);
  });

  it("seatLimit 5 with 20 different users at once: exactly five 201", async () => {
    const org = await newOrganization();
    const offeringId = await insertOffering(org.id, { seatLimit: 5 });
    const userIds = await Promise.all(Array.from({ length: 20 }, () => insertUser(org.id)));

    const responses = await Promise.all(
      userIds.map((userId) =>
        call("POST", "/dc/api/v5/registrations", { token: org.token, json: { userId, offeringId } }),
      ),
    );

    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(5);
    expect(statuses.filter((status) => status === 400)).toHaveLength(15);
    for (const response of responses) {
      if (response.status === 400) expect(response.headers.get("X-Error-Code")).toBe("offering_full");
    }
    expect(await list(org.token, `offeringId=${offeringId}`)).toHaveLength(5);
  });
});
