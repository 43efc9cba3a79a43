/** Contract tests of PUT /users/<id> (API.md §1, §2, §4, §6); every answer asserted whole. */
import { describe, expect, it } from "vitest";
import { newId } from "../../src/lib/crypto";
import { newOrganization } from "../support/fixtures";
import { parts } from "../support/http";
import { UNKNOWN_ID, PREFIX, NOT_FOUND, expectError } from "../support/contract";
import { PASSWORD_RULE, EMAIL_TAKEN, USERNAME_TAKEN, fieldErrors, putUser, deleteUser, userBody, created, read } from "../support/users";
import { authenticationTests, bodyRuleTests } from "../support/common-tests";

describe("PUT /users/<id>", () => {
  authenticationTests({ method: "PUT", path: `${PREFIX}/users/${UNKNOWN_ID}`, json: { firstName: "X" } });

  async function withUser() {
    const org = await newOrganization();
    const id = await created(org, { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com", username: "countess", locale: "en", tags: ["math", "poetry"], password: "engine1843" });
    return { org, id, before: await read(org, id) };
  }

  it("answers 204 with an empty body and changes only the given fields", async () => {
    const { org, id, before } = await withUser();
    const response = await putUser(org, id, { firstName: "Augusta" });
    expect(await parts(response)).toEqual({ status: 204, contentType: null, errorCode: null, body: null });
    expect(await read(org, id)).toEqual({ ...before, firstName: "Augusta" });
  });

  it("updates every field; tags replace the whole list and are split on spaces and commas", async () => {
    const { org, id, before } = await withUser();
    const response = await putUser(org, id, { firstName: "Grace", lastName: "Hopper", email: "grace@navy.example", username: "amazing", locale: "es", tags: ["navy, cobol", "compilers"], password: "cobol1959" });
    expect(response.status).toBe(204);
    expect(await read(org, id)).toEqual({ ...before, firstName: "Grace", lastName: "Hopper", email: "grace@navy.example", username: "amazing", locale: "es", tags: ["navy", "cobol", "compilers"] });
  });

  it("clears tags with [] or \"\"; null is absent and keeps them (API.md §10)", async () => {
    const { org, id } = await withUser();
    expect((await putUser(org, id, { tags: [] })).status).toBe(204);
    expect((await read(org, id)).tags).toBeUndefined();
    expect((await putUser(org, id, { tags: ["x"] })).status).toBe(204);
    expect((await putUser(org, id, { tags: null })).status).toBe(204);
    expect((await read(org, id)).tags).toEqual(["x"]);
    expect((await putUser(org, id, { tags: "" })).status).toBe(204);
    expect((await read(org, id)).tags).toBeUndefined();
  });

  it("changing the email leaves the username as it was", async () => {
    const org = await newOrganization();
    const id = await created(org, userBody({ email: "ada@example.com" }));
    expect((await putUser(org, id, { email: "augusta@example.com" })).status).toBe(204);
    expect(await read(org, id)).toMatchObject({ email: "augusta@example.com", username: "ada@example.com" });
  });

  it("an empty body or only unknown/read-only properties changes nothing", async () => {
    const { org, id, before } = await withUser();
    expect((await putUser(org, id, {})).status).toBe(204);
    expect((await putUser(org, id, { id: newId(), createdDate: "2001-01-01T00:00:00Z", colour: "blue" })).status).toBe(204);
    expect(await read(org, id)).toEqual(before);
  });

  it("a user may keep or re-case their own email and username", async () => {
    const { org, id, before } = await withUser();
    expect((await putUser(org, id, { email: "ada@example.com", username: "countess" })).status).toBe(204);
    expect((await putUser(org, id, { email: "ADA@EXAMPLE.COM", username: "Countess" })).status).toBe(204);
    expect(await read(org, id)).toEqual({ ...before, email: "ADA@EXAMPLE.COM", username: "Countess" });
  });

  it("refuses an email or username of another live user, case-insensitively, and changes nothing", async () => {
    const { org, id, before } = await withUser();
    await created(org, userBody({ email: "grace@navy.example", username: "amazing" }));
    await expectError(await putUser(org, id, { email: "GRACE@navy.example", firstName: "X" }), 400, "validation_failed", fieldErrors({ email: EMAIL_TAKEN }));
    await expectError(await putUser(org, id, { username: "AMAZING", firstName: "X" }), 400, "validation_failed", fieldErrors({ username: USERNAME_TAKEN }));
    await expectError(await putUser(org, id, { email: "grace@navy.example", username: "amazing" }), 400, "validation_failed", fieldErrors({ email: EMAIL_TAKEN, username: USERNAME_TAKEN }));
    expect(await read(org, id)).toEqual(before);
  });

  it("allows the email and username of a deleted user or of another organization", async () => {
    const { org, id } = await withUser();
    const gone = await created(org, userBody({ email: "grace@navy.example", username: "amazing" }));
    expect((await deleteUser(org, gone)).status).toBe(204);
    expect((await putUser(org, id, { email: "grace@navy.example", username: "amazing" })).status).toBe(204);
    const other = await newOrganization();
    await created(other, userBody({ email: "alan@bletchley.example", username: "enigma" }));
    expect((await putUser(org, id, { email: "alan@bletchley.example", username: "enigma" })).status).toBe(204);
    expect(await read(org, id)).toMatchObject({ email: "alan@bletchley.example", username: "enigma" });
  });

  it("validates the given fields with the messages of POST, all together, and changes nothing", async () => {
    const { org, id, before } = await withUser();
    await expectError(await putUser(org, id, { firstName: "" }), 400, "validation_failed", fieldErrors({ firstName: "firstName is required" }));
    await expectError(await putUser(org, id, { lastName: "" }), 400, "validation_failed", fieldErrors({ lastName: "lastName is required" }));
    await expectError(await putUser(org, id, { email: "" }), 400, "validation_failed", fieldErrors({ email: "email is required" }));
    await expectError(await putUser(org, id, { email: "nope" }), 400, "validation_failed", fieldErrors({ email: "Invalid email address" }));
    await expectError(await putUser(org, id, { password: "abcdef" }), 400, "validation_failed", fieldErrors({ password: PASSWORD_RULE }));
    await expectError(
      await putUser(org, id, { firstName: "Augusta", lastName: "", email: "nope", password: "123456", tags: ["kept?"] }),
      400,
      "validation_failed",
      fieldErrors({ lastName: "lastName is required", email: "Invalid email address", password: PASSWORD_RULE }),
    );
    expect(await read(org, id)).toEqual(before);
  });

  it("reports a field in use together with the other failing fields", async () => {
    const { org, id } = await withUser();
    await created(org, userBody({ email: "grace@navy.example" }));
    await expectError(
      await putUser(org, id, { email: "grace@navy.example", password: "short" }),
      400,
      "validation_failed",
      fieldErrors({ email: EMAIL_TAKEN, password: PASSWORD_RULE }),
    );
  });

  it("returns 404 for an unknown, malformed, deleted or other organization's user", async () => {
    const { org, id } = await withUser();
    await expectError(await putUser(org, newId(), { firstName: "X" }), 404, "not_found", NOT_FOUND);
    await expectError(await putUser(org, "nope", { firstName: "X" }), 404, "not_found", NOT_FOUND);
    const other = await newOrganization();
    const theirs = await created(other, userBody({ firstName: "Theirs" }));
    await expectError(await putUser(org, theirs, { firstName: "X" }), 404, "not_found", NOT_FOUND);
    expect((await read(other, theirs)).firstName).toBe("Theirs");
    expect((await deleteUser(org, id)).status).toBe(204);
    await expectError(await putUser(org, id, { firstName: "X" }), 404, "not_found", NOT_FOUND);
  });

  it("validates the body before looking the user up", async () => {
    const org = await newOrganization();
    await expectError(await putUser(org, newId(), { email: "nope" }), 400, "validation_failed", fieldErrors({ email: "Invalid email address" }));
  });

  bodyRuleTests(
    {
      method: "PUT",
      setUp: async () => {
        const { org, id } = await withUser();
        return { token: org.token, path: `${PREFIX}/users/${id}` };
      },
    },
    {
      unsupportedMediaType: [{ contentType: undefined, body: "{}" }],
      notAnObject: [{ what: "a string", json: "Ada" }],
    },
  );
});
