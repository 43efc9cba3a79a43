/** Contract tests of POST /users (API.md §1, §2, §4, §6); every answer asserted whole. */
import { describe, expect, it } from "vitest";
import { newId } from "../../src/lib/crypto";
import { newOrganization } from "../support/fixtures";
import { PREFIX, ISO_SECOND, expectError, type Json } from "../support/contract";
import { PASSWORD_RULE, EMAIL_TAKEN, USERNAME_TAKEN, fieldErrors, postUser, deleteUser, userBody, created, read, page, ids } from "../support/users";
import { authenticationTests, bodyRuleTests } from "../support/common-tests";

describe("POST /users", () => {
  authenticationTests({ method: "POST", path: `${PREFIX}/users`, json: userBody() });

  describe("success", () => {
    it("answers 201 with Location, Content-Type application/json, Content-Length 0 and an empty body", async () => {
      const org = await newOrganization();
      const response = await postUser(org, userBody());
      expect(response.status).toBe(201);
      expect(response.headers.get("Location")).toMatch(/^\/dc\/api\/v5\/users\/[0-9a-f]{32}$/);
      expect(response.headers.get("Content-Type")).toBe("application/json");
      expect(response.headers.get("Content-Length")).toBe("0");
      expect(response.headers.get("X-Error-Code")).toBeNull();
      expect(await response.text()).toBe("");
    });

    it("uses the /api/v5 prefix in Location when the request came in on it", async () => {
      const org = await newOrganization();
      const response = await postUser(org, userBody(), "/api/v5");
      expect(response.status).toBe(201);
      expect(response.headers.get("Location")).toMatch(/^\/api\/v5\/users\/[0-9a-f]{32}$/);
    });

    it("defaults username to the email, locale to en and tags to none; createdDate is now", async () => {
      const org = await newOrganization();
      const before = Math.floor(Date.now() / 1000) * 1000;
      const id = await created(org, { firstName: "Ada", lastName: "Lovelace", email: "Ada.Lovelace@Example.com" });
      const after = Date.now();
      const user = await read(org, id);
      expect(user).toEqual({ id, firstName: "Ada", lastName: "Lovelace", username: "Ada.Lovelace@Example.com", email: "Ada.Lovelace@Example.com", locale: "en", createdDate: expect.stringMatching(ISO_SECOND) });
      const createdAt = Date.parse(String(user.createdDate));
      expect(createdAt).toBeGreaterThanOrEqual(before);
      expect(createdAt).toBeLessThanOrEqual(after);
    });

    it("keeps every given field; the password is never returned", async () => {
      const org = await newOrganization();
      const id = await created(org, { firstName: "Grace", lastName: "Hopper", email: "grace@navy.example", username: "Amazing", password: "cobol1959", locale: "es", tags: ["navy", "compilers"] });
      expect(await read(org, id)).toEqual({ id, firstName: "Grace", lastName: "Hopper", username: "Amazing", email: "grace@navy.example", locale: "es", tags: ["navy", "compilers"], createdDate: expect.stringMatching(ISO_SECOND) });
      const listed = (await page(org)).results[0];
      expect(JSON.stringify(listed)).not.toMatch(/password|cobol1959|pbkdf2/i);
    });

    it("splits tags on spaces and commas, dropping empty pieces and repeats", async () => {
      const org = await newOrganization();
      const id = await created(org, userBody({ tags: ["a b", "c,d", "e, f", "  ", "", "a", "g"] }));
      expect((await read(org, id)).tags).toEqual(["a", "b", "c", "d", "e", "f", "g"]);
      // API.md §10: an empty list is omitted from the object.
      const none = await created(org, userBody({ tags: null }));
      expect((await read(org, none)).tags).toBeUndefined();
    });

    it("ignores unknown and read-only properties", async () => {
      const org = await newOrganization();
      const forced = newId();
      const id = await created(org, userBody({ id: forced, createdDate: "2001-01-01T00:00:00Z", lastLoginDate: "2001-01-01T00:00:00Z", colour: "blue" }));
      expect(id).not.toBe(forced);
      const user = await read(org, id);
      expect(user.createdDate).not.toBe("2001-01-01T00:00:00Z");
      expect(user).not.toHaveProperty("lastLoginDate");
      expect(user).not.toHaveProperty("colour");
    });

    it("accepts passwords of 6 and 64 letters and digits", async () => {
      const org = await newOrganization();
      await created(org, userBody({ password: "abcde1" }));
      await created(org, userBody({ password: "Aa1".repeat(21) + "b" }));
      await created(org, userBody({ password: "123456x" }));
    });
  });

  describe("validation", () => {
    it("reports each missing required field: missing, null or empty", async () => {
      const org = await newOrganization();
      for (const field of ["firstName", "lastName", "email"]) {
        for (const value of [undefined, null, ""]) {
          const body = userBody({ [field]: value });
          if (value === undefined) delete body[field];
          await expectError(await postUser(org, body), 400, "validation_failed", fieldErrors({ [field]: `${field} is required` }));
        }
      }
    });

    it("reports all missing fields together", async () => {
      const org = await newOrganization();
      await expectError(await postUser(org, {}), 400, "validation_failed", fieldErrors({ firstName: "firstName is required", lastName: "lastName is required", email: "email is required" }));
    });

    it("rejects an invalid email address", async () => {
      const org = await newOrganization();
      for (const email of ["not-an-email", "ada@", "@example.com", "ada@example", "ada lovelace@example.com", "ada@@example.com", " ada@example.com"]) {
        await expectError(await postUser(org, userBody({ email })), 400, "validation_failed", fieldErrors({ email: "Invalid email address" }));
      }
    });

    it("rejects a password that breaks the rule, with the contract's message", async () => {
      const org = await newOrganization();
      for (const password of ["abc12", "abcdef", "123456", "abc 123", "abc-123", "pässw0rd", "a1".repeat(32) + "x", "", 123456]) {
        await expectError(await postUser(org, userBody({ password })), 400, "validation_failed", fieldErrors({ password: PASSWORD_RULE }));
      }
    });

    it("reports all failing fields together", async () => {
      const org = await newOrganization();
      await expectError(
        await postUser(org, { lastName: "Lovelace", email: "nope", password: "short" }),
        400,
        "validation_failed",
        fieldErrors({ firstName: "firstName is required", email: "Invalid email address", password: PASSWORD_RULE }),
      );
      expect(await ids(org)).toEqual([]);
    });

    it("reports a field in use together with the other failing fields", async () => {
      const org = await newOrganization();
      await created(org, userBody({ email: "ada@example.com" }));
      await expectError(
        await postUser(org, { lastName: "Lovelace", email: "ada@example.com" }),
        400,
        "validation_failed",
        // API.md §4: the username was not sent (it defaults to the email): only the email's error.
        fieldErrors({ firstName: "firstName is required", email: EMAIL_TAKEN }),
      );
    });

    it("answers the type and format rules of the other fields (the contract is silent on these messages)", async () => {
      const org = await newOrganization();
      const cases: [Json, Record<string, string>][] = [
        [{ firstName: 42 }, { firstName: "firstName must be a string" }],
        [{ email: 42 }, { email: "email must be a string" }],
        [{ username: "" }, { username: "username is required" }],
        [{ firstName: "x".repeat(256) }, { firstName: "firstName must be at most 255 characters" }],
        [{ locale: "EN" }, { locale: "locale must be an ISO 639-1 language code" }],
        [{ locale: "eng" }, { locale: "locale must be an ISO 639-1 language code" }],
        [{ tags: "a,b" }, { tags: "tags must be an array of strings" }],
        [{ tags: [1] }, { tags: "tags must be an array of strings" }],
      ];
      for (const [fields, errors] of cases) {
        await expectError(await postUser(org, userBody(fields)), 400, "validation_failed", fieldErrors(errors));
      }
      expect(await ids(org)).toEqual([]);
    });

    bodyRuleTests(
      { method: "POST", setUp: async () => ({ token: (await newOrganization()).token, path: `${PREFIX}/users` }) },
      {
        unsupportedMediaType: [{ contentType: "text/plain", body: () => JSON.stringify(userBody()) }],
        invalidJson: [{ what: "a lone opening brace", body: "{" }],
        notAnObject: [
          { what: "an array", json: [userBody()] },
          { what: "null", json: null },
        ],
      },
    );
  });

  describe("uniqueness", () => {
    it("refuses an email already used by a live user, case-insensitively, and creates nothing", async () => {
      const org = await newOrganization();
      const first = await created(org, userBody({ email: "ada@example.com", username: "ada" }));
      await expectError(
        await postUser(org, userBody({ email: "ADA@Example.COM", username: "other" })),
        400,
        "validation_failed",
        fieldErrors({ email: EMAIL_TAKEN }),
      );
      expect(await ids(org)).toEqual([first]);
    });

    it("refuses a username already used by a live user, case-insensitively", async () => {
      const org = await newOrganization();
      await created(org, userBody({ username: "Countess" }));
      await expectError(await postUser(org, userBody({ username: "cOUNTESS" })), 400, "validation_failed", fieldErrors({ username: USERNAME_TAKEN }));
    });

    it("a username that was not sent is not reported next to the email: only the email's error", async () => {
      const org = await newOrganization();
      await created(org, userBody({ email: "ada@example.com" }));
      // The username defaults to the email, so both collide; the caller never sent a username (API.md §4).
      await expectError(await postUser(org, userBody({ email: "Ada@example.com" })), 400, "validation_failed", fieldErrors({ email: EMAIL_TAKEN }));
    });

    it("reports email and username together when both are sent and in use", async () => {
      const org = await newOrganization();
      await created(org, userBody({ email: "ada@example.com", username: "countess" }));
      await expectError(
        await postUser(org, userBody({ email: "Ada@example.com", username: "Countess" })),
        400,
        "validation_failed",
        fieldErrors({ email: EMAIL_TAKEN, username: USERNAME_TAKEN }),
      );
    });

    it("a defaulted username collides with another user's username equal to the email", async () => {
      const org = await newOrganization();
      await created(org, userBody({ email: "first@example.com", username: "ada@example.com" }));
      await expectError(await postUser(org, userBody({ email: "ADA@example.com" })), 400, "validation_failed", fieldErrors({ username: USERNAME_TAKEN }));
      // An email equal to another user's username is otherwise free.
      await created(org, userBody({ email: "ada@example.com", username: "ada" }));
    });

    it("a deleted user's email and username can be used again", async () => {
      const org = await newOrganization();
      const gone = await created(org, userBody({ email: "ada@example.com", username: "countess" }));
      expect((await deleteUser(org, gone)).status).toBe(204);
      const again = await created(org, userBody({ email: "ADA@example.com", username: "Countess" }));
      expect(again).not.toBe(gone);
      expect(await read(org, again)).toMatchObject({ email: "ADA@example.com", username: "Countess" });
    });

    it("another organization's email and username can be used", async () => {
      const org = await newOrganization();
      const other = await newOrganization();
      await created(other, userBody({ email: "ada@example.com", username: "countess" }));
      const mine = await created(org, userBody({ email: "ada@example.com", username: "countess" }));
      expect(await ids(org)).toEqual([mine]);
    });
  });
});
