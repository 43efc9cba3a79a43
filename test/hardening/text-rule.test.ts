/**
 * Issue 13, case 7: the text rule (API.md §1, src/lib/text-rule.ts) on every string field. A lone
 * surrogate used to be stored as three U+FFFD in a name (kept inside tags), and an email with
 * U+0000 U+0007 was accepted. Every accepted string comes back exactly as sent.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isAllowedText } from "../../src/lib/text-rule";
import { expectError } from "../support/contract";
import { insertOffering, insertUser, newOrganization } from "../support/fixtures";
import { call } from "../support/http";
import { create, notServerError, PREFIX, read } from "./support";

const notAllowed = (field: string) => `${field} contains characters that are not allowed`;

/** Strings from the whole UTF-16 range (lone surrogates and controls included) and full Unicode. */
const anyText = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
      fc.integer({ min: 0, max: 0x10ffff }).filter((cp) => cp < 0xd800 || cp > 0xdfff).map((cp) => String.fromCodePoint(cp)),
      fc.constantFrom("\ud800", "\udfff", "\u0000", "\u0007", "\t", "\n", "\r", "\u007f", "a", " ", "\u{1F600}"),
    ),
    { minLength: 1, maxLength: 40 },
  )
  .map((pieces) => pieces.join(""));

describe("text fields of POST /users", () => {
  it("refuses a lone surrogate in a name and in tags, and controls in an email", async () => {
    const org = await newOrganization();
    const base = { firstName: "Ada", lastName: "L", email: "ada@example.com" };
    for (const [field, json] of [
      ["firstName", { ...base, firstName: "\ud800" }],
      ["lastName", { ...base, lastName: "x\udc00y" }],
      ["email", { ...base, email: "a\u0000\u0007@example.com" }],
      ["tags", { ...base, tags: ["ok", "\ud800"] }],
      ["username", { ...base, username: "tab\there" }],
    ] as const) {
      const response = await call("POST", `${PREFIX}/users`, { token: org.token, json });
      await expectError(response, 400, "validation_failed", { fieldErrors: { [field]: notAllowed(field) } });
    }
  });

  it("keeps a surrogate pair (an emoji) byte-identical", async () => {
    const org = await newOrganization();
    const user = await read(org.token, await create(org.token, "users", { firstName: "\u{1F600}", lastName: "L", email: "e@example.com", tags: ["\u{1F600}"] }));
    expect(user.firstName).toBe("\u{1F600}");
    expect(user.tags).toEqual(["\u{1F600}"]);
  });
});

describe("multi-line text (descriptions, comments)", () => {
  it("accepts tab, line feed and carriage return, and refuses other controls", async () => {
    const org = await newOrganization();
    const description = "line one\r\n\tline two\n";
    const category = await read(org.token, await create(org.token, "offeringcategories", { name: "N", description }));
    expect(category.description).toBe(description);
    const response = await call("POST", `${PREFIX}/offerings`, { token: org.token, json: { title: "T", catalogDescription: "a\u0000b" } });
    await expectError(response, 400, "validation_failed", { fieldErrors: { catalogDescription: notAllowed("catalogDescription") } });
    const single = await call("POST", `${PREFIX}/offeringcategories`, { token: org.token, json: { name: "a\nb" } });
    await expectError(single, 400, "validation_failed", { fieldErrors: { name: notAllowed("name") } });
  });

  it("PUT /registrations/<id>: graderComment keeps line breaks; a control in graderId is refused", async () => {
    const org = await newOrganization();
    const userId = await insertUser(org.id);
    const offeringId = await insertOffering(org.id);
    const location = await create(org.token, "registrations", { userId, offeringId });
    const bad = await call("PUT", location, { token: org.token, json: { grade: 90, graderId: "g\u0001" } });
    await expectError(bad, 400, "validation_failed", { fieldErrors: { graderId: notAllowed("graderId") } });
    const ok = await call("PUT", location, { token: org.token, json: { grade: 90, graderComment: "well\ndone" } });
    expect(ok.status).toBe(204);
    expect((await read(org.token, location)).graderComment).toBe("well\ndone");
  });
});

describe("query filters", () => {
  it("a control character in a filter is 400 in errors", async () => {
    const org = await newOrganization();
    const response = await call("GET", `${PREFIX}/users?email=a%00b`, { token: org.token });
    await expectError(response, 400, "validation_failed", { errors: [notAllowed("email")] });
  });
});

describe("property: any string as a category name", () => {
  it("is refused with the exact error, or stored and read back byte-identical; never a 5xx", async () => {
    const org = await newOrganization();
    await fc.assert(
      fc.asyncProperty(anyText, async (name) => {
        const response = await notServerError(
          await call("POST", `${PREFIX}/offeringcategories`, { token: org.token, json: { name, description: name } }),
        );
        if (name.length > 255) {
          expect(response.status).toBe(400);
        } else if (!isAllowedText(name)) {
          const multilineOk = isAllowedText(name, { multiline: true });
          await expectError(response, 400, "validation_failed", {
            fieldErrors: multilineOk ? { name: notAllowed("name") } : { name: notAllowed("name"), description: notAllowed("description") },
          });
        } else {
          expect(response.status).toBe(201);
          const category = await read(org.token, response.headers.get("Location") ?? "");
          expect(category.name).toBe(name);
          expect(category.description).toBe(name);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("the rule alone: refused exactly when a lone surrogate or a control is present", () => {
    fc.assert(
      fc.property(anyText, (value) => {
        const control = /[\u0000-\u001f\u007f]/.test(value);
        const wellFormed = encodeURIComponentSafe(value);
        expect(isAllowedText(value)).toBe(!control && wellFormed);
      }),
      { numRuns: 5000 },
    );
  });
});

/** A second oracle for lone surrogates: encodeURIComponent throws on them. */
function encodeURIComponentSafe(value: string): boolean {
  try {
    encodeURIComponent(value);
    return true;
  } catch {
    return false;
  }
}
