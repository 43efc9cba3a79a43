/**
 * The whole DigitalChalk client flow, end to end through the Worker's fetch, as one story:
 * an LMS creates a learner, edits them, finds them by email, browses the catalog (offerings and
 * categories), lists what the learner may register into, registers, reads the registration back
 * from the Location header, answers an agreement, and finally deletes the learner.
 * The operator part (organization, enabling an agreement) goes through /admin/v1.
 */
import { describe, expect, it } from "vitest";
import { ADMIN_TOKEN, newOrganization } from "../support/fixtures";
import { call, parts } from "../support/http";
import { PREFIX, ISO_SECOND, type Json } from "../support/contract";

const LOCATION = (collection: string) => new RegExp(`^/dc/api/v5/${collection}/[0-9a-f]{32}$`);

describe("DigitalChalk client flow", () => {
  it("creates, edits and finds a user, browses offerings, registers, answers an agreement and deletes the user", async () => {
    const org = await newOrganization("Flow Org");
    const token = org.token;

    /** One call; asserts the status and returns the parsed body (null when empty). */
    async function step(method: string, path: string, status: number, json?: unknown): Promise<{ body: unknown; response: Response }> {
      const response = await call(method, path, { token, json });
      const clone = response.clone();
      const result = await parts(response);
      expect({ step: `${method} ${path}`, status: result.status, errorCode: result.errorCode }).toEqual({
        step: `${method} ${path}`,
        status,
        errorCode: status >= 400 ? expect.any(String) : null,
      });
      expect(clone.headers.get("X-Request-Id")).toBeTruthy();
      return { body: result.body, response: clone };
    }
    const idOf = (response: Response, collection: string): string => {
      const location = response.headers.get("Location") ?? "";
      expect(location).toMatch(LOCATION(collection));
      return location.split("/").pop() ?? "";
    };

    // --- The catalog the organization offers (set up through the same API). ---
    const compliance = idOf((await step("POST", `${PREFIX}/offeringcategories`, 201, { name: "Compliance", color: "#1A7F37" })).response, "offeringcategories");
    const safety = idOf(
      (await step("POST", `${PREFIX}/offerings`, 201, { title: "Workplace Safety 101", tags: ["safety"], offeringCategoryIds: [compliance], seatLimit: 30 })).response,
      "offerings",
    );
    const ethics = idOf((await step("POST", `${PREFIX}/offerings`, 201, { title: "Business Ethics", offeringCategoryIds: [compliance] })).response, "offerings");
    const closed = idOf((await step("POST", `${PREFIX}/offerings`, 201, { title: "Last Year's Course", registrationEndDate: "2000-01-01" })).response, "offerings");

    // --- 1. Create the user. ---
    const created = await step("POST", `${PREFIX}/users`, 201, {
      firstName: "Ada",
      lastName: "Byron",
      email: "ada@example.com",
      password: "engine1843",
      tags: ["learner"],
    });
    expect(created.body).toBeNull();
    expect(created.response.headers.get("Content-Length")).toBe("0");
    const userId = idOf(created.response, "users");

    // --- 2. Edit the user (partial). ---
    expect((await step("PUT", `${PREFIX}/users/${userId}`, 204, { lastName: "Lovelace", tags: ["learner", "math"] })).body).toBeNull();

    // --- 3. Find the user by email. ---
    const found = (await step("GET", `${PREFIX}/users?email=ADA@EXAMPLE.COM`, 200)).body as { results: Json[] };
    const expectedUser = {
      id: userId,
      firstName: "Ada",
      lastName: "Lovelace",
      username: "ada@example.com",
      email: "ada@example.com",
      locale: "en",
      tags: ["learner", "math"],
      createdDate: expect.stringMatching(ISO_SECOND),
    };
    expect(found).toEqual({ results: [expectedUser] });
    expect((await step("GET", `${PREFIX}/users/${userId}`, 200)).body).toEqual(expectedUser);

    // --- 4. Browse offerings and categories. ---
    const offerings = (await step("GET", `${PREFIX}/offerings`, 200)).body as { results: Json[] };
    expect(offerings.results.map((o) => o.title)).toEqual(["Workplace Safety 101", "Business Ethics", "Last Year's Course"]);
    const safetyOffering = (await step("GET", `${PREFIX}/offerings/${safety}`, 200)).body;
    expect(safetyOffering).toEqual({
      id: safety,
      title: "Workplace Safety 101",
      createdDate: expect.stringMatching(ISO_SECOND),
      offeringCategoryIds: [compliance],
      tags: ["safety"],
      orderIndex: 0,
      allowRetake: false,
      passingGrade: 70,
      seatLimit: 30,
    });
    expect(offerings.results[0]).toEqual(safetyOffering);
    const categories = (await step("GET", `${PREFIX}/offeringcategories`, 200)).body as { results: Json[] };
    expect(categories.results).toEqual([expect.objectContaining({ id: compliance, name: "Compliance" })]);
    expect((await step("GET", `${PREFIX}/offeringcategories/${compliance}`, 200)).body).toMatchObject({ id: compliance, name: "Compliance", color: "#1a7f37" });
    const inCategory = (await step("GET", `${PREFIX}/offerings?offeringCategoryId=${compliance}`, 200)).body as { results: Json[] };
    expect(inCategory.results.map((o) => o.id)).toEqual([safety, ethics]);

    // --- 5. What may the user register into now? (the closed course is not offered) ---
    const available = (await step("GET", `${PREFIX}/offerings?userId=${userId}`, 200)).body as { results: Json[] };
    expect(available.results.map((o) => o.id)).toEqual([safety, ethics]);
    expect(available.results.map((o) => o.id)).not.toContain(closed);

    // --- 6. Register, and read the registration back from the last segment of Location. ---
    const registered = await step("POST", `${PREFIX}/registrations`, 201, { userId, offeringId: safety });
    const registrationId = idOf(registered.response, "registrations");
    const registration = (await step("GET", `${PREFIX}/registrations/${registrationId}`, 200)).body;
    expect(registration).toEqual({
      id: registrationId,
      userId,
      offeringId: safety,
      title: "Workplace Safety 101",
      status: "active",
      createdDate: expect.stringMatching(ISO_SECOND),
    });
    // A second attempt is refused, and the offering left the user's list.
    await step("POST", `${PREFIX}/registrations`, 400, { userId, offeringId: safety });
    const nowAvailable = (await step("GET", `${PREFIX}/offerings?userId=${userId}`, 200)).body as { results: Json[] };
    expect(nowAvailable.results.map((o) => o.id)).toEqual([ethics]);

    // --- 7. List the user's registrations. ---
    expect((await step("GET", `${PREFIX}/registrations?userId=${userId}`, 200)).body).toEqual({ results: [registration] });
    expect((await step("GET", `${PREFIX}/registrations?status=active`, 200)).body).toEqual({ results: [registration] });

    // --- 8. Agreements: the operator enables the standard agreement, the user agrees. ---
    const enabled = await call("PUT", `/admin/v1/organizations/${org.id}/agreements/standard`, {
      token: ADMIN_TOKEN,
      json: { title: "Terms of use", text: "Be kind.", required: true },
    });
    expect(enabled.status).toBe(204);
    const agreementBefore = (await step("GET", `${PREFIX}/users/${userId}/agreements/standard`, 200)).body;
    expect(agreementBefore).toEqual({
      type: "standard",
      title: "Terms of use",
      text: "Be kind.",
      createdDate: expect.stringMatching(ISO_SECOND),
      updatedDate: expect.stringMatching(ISO_SECOND),
      required: true,
      agreed: false,
    });
    await step("GET", `${PREFIX}/users/${userId}/agreements/custom`, 404);
    expect((await step("PUT", `${PREFIX}/users/${userId}/agreements/standard`, 204, { agreed: true })).body).toBeNull();
    const agreementAfter = (await step("GET", `${PREFIX}/users/${userId}/agreements/standard`, 200)).body;
    expect(agreementAfter).toEqual({ ...(agreementBefore as Json), agreed: true, agreedDate: expect.stringMatching(ISO_SECOND) });
    expect((await step("GET", `${PREFIX}/users/${userId}/agreements`, 200)).body).toEqual({ results: [agreementAfter] });

    // --- 9. Delete the user and see it gone; the registration stays readable, ejected. ---
    expect((await step("DELETE", `${PREFIX}/users/${userId}`, 204)).body).toBeNull();
    await step("GET", `${PREFIX}/users/${userId}`, 404);
    expect((await step("GET", `${PREFIX}/users?email=ada@example.com`, 200)).body).toEqual({ results: [] });
    expect((await step("GET", `${PREFIX}/users`, 200)).body).toEqual({ results: [] });
    await step("GET", `${PREFIX}/users/${userId}/agreements/standard`, 404);
    expect((await step("GET", `${PREFIX}/offerings?userId=${userId}`, 200)).body).toEqual({ results: [] });
    expect((await step("GET", `${PREFIX}/registrations/${registrationId}`, 200)).body).toEqual({
      ...(registration as Json),
      status: "ejected",
      endDate: expect.stringMatching(ISO_SECOND),
    });
  });
});
