/** Issue 13, case 6: request media types with RFC 9110 §8.3 parameters (API.md §1). */
import { describe, expect, it } from "vitest";
import { isJsonMediaType } from "../../src/http/json-body";
import { expectError } from "../support/contract";
import { newOrganization } from "../support/fixtures";
import { call } from "../support/http";
import { PREFIX } from "./support";

const ACCEPTED = [
  "application/json",
  "application/json ; charset=utf-8",
  "application/json;",
  "application/json;charset=utf-8",
  "application/json; charset=utf-8;",
  'application/json; charset="utf-8"',
  "Application/JSON\t;\tcharset=UTF-8",
  "application/json;;",
];
const REFUSED = ["text/json", "application/jsonx", "application/json; charset", "application/json, text/plain", "application/json; =x", ""];

describe("Content-Type of POST and PUT", () => {
  it.each(ACCEPTED)("%j is JSON: the POST creates", async (contentType) => {
    const org = await newOrganization();
    const response = await call("POST", `${PREFIX}/offeringcategories`, {
      token: org.token,
      body: JSON.stringify({ name: "Typed" }),
      headers: { "Content-Type": contentType },
    });
    expect(response.status).toBe(201);
  });

  it.each(REFUSED)("%j is 415", async (contentType) => {
    const org = await newOrganization();
    const response = await call("POST", `${PREFIX}/offeringcategories`, {
      token: org.token,
      body: JSON.stringify({ name: "Typed" }),
      headers: contentType === "" ? {} : { "Content-Type": contentType },
    });
    await expectError(response, 415, "unsupported_media_type", { errors: ["Content-Type must be application/json"] });
  });

  it("the grammar on its own", () => {
    for (const value of ACCEPTED) expect(isJsonMediaType(value), value).toBe(true);
    for (const value of REFUSED) expect(isJsonMediaType(value), value).toBe(false);
  });
});
