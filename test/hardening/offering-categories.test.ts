/** Issue 13, cases 2 and 8: POST /offeringcategories is idempotent, and orderIndex is bounded. */
import { describe, expect, it } from "vitest";
import { expectError, type PageBody } from "../support/contract";
import { newOrganization } from "../support/fixtures";
import { call } from "../support/http";
import { create, PREFIX, read } from "./support";

describe("POST /offeringcategories with Idempotency-Key", () => {
  it("20 concurrent requests with one key create one category; all answer 201 with the same Location", async () => {
    const org = await newOrganization();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        call("POST", `${PREFIX}/offeringcategories`, {
          token: org.token,
          json: { name: "Once" },
          headers: { "Idempotency-Key": "category-once" },
        }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(201));
    const locations = new Set(responses.map((response) => response.headers.get("Location")));
    expect(locations.size).toBe(1);
    const list = await call("GET", `${PREFIX}/offeringcategories?limit=100`, { token: org.token });
    const body = (await list.json()) as PageBody;
    expect(body.results.map((category) => category.name)).toEqual(["Once"]);
    expect(`${PREFIX}/offeringcategories/${String(body.results[0]?.id)}`).toBe([...locations][0]);
  });

  it("the same key with another body is 422", async () => {
    const org = await newOrganization();
    const headers = { "Idempotency-Key": "k" };
    await call("POST", `${PREFIX}/offeringcategories`, { token: org.token, json: { name: "A" }, headers });
    const again = await call("POST", `${PREFIX}/offeringcategories`, { token: org.token, json: { name: "B" }, headers });
    await expectError(again, 422, "idempotency_key_reused", {
      errors: ["Idempotency-Key was already used with a different request"],
    });
  });

  it("a malformed key is 400 invalid_body and creates nothing", async () => {
    const org = await newOrganization();
    for (const key of ["x".repeat(256), "with space", "caf\u00e9"]) {
      const response = await call("POST", `${PREFIX}/offeringcategories`, {
        token: org.token,
        json: { name: "Never" },
        headers: { "Idempotency-Key": key },
      });
      await expectError(response, 400, "invalid_body", { errors: ["Idempotency-Key must be 1 to 255 visible ASCII characters"] });
    }
    const list = (await (await call("GET", `${PREFIX}/offeringcategories`, { token: org.token })).json()) as PageBody;
    expect(list.results).toEqual([]);
  });

  it("is documented: the OpenAPI operation lists Idempotency-Key", async () => {
    const response = await call("GET", `${PREFIX}/openapi.json`);
    const document = (await response.json()) as { paths: Record<string, Record<string, { parameters?: { name?: string }[] }>> };
    const post = document.paths["/offeringcategories"]?.post;
    expect(post?.parameters?.map((parameter) => parameter.name)).toContain("Idempotency-Key");
  });
});

describe("offering category orderIndex", () => {
  it("refuses 9007199254740991 (and anything past ±1e9) like offerings do", async () => {
    const org = await newOrganization();
    for (const orderIndex of [9007199254740991, 1e9 + 1, -1e9 - 1]) {
      const response = await call("POST", `${PREFIX}/offeringcategories`, { token: org.token, json: { name: "Far", orderIndex } });
      await expectError(response, 400, "validation_failed", { fieldErrors: { orderIndex: "orderIndex must be an integer" } });
    }
  });

  it("accepts 1e9, and the next default goes after it without collision", async () => {
    const org = await newOrganization();
    await create(org.token, "offeringcategories", { name: "Last", orderIndex: 1e9 });
    const next = await read(org.token, await create(org.token, "offeringcategories", { name: "Next" }));
    expect(next.orderIndex).toBe(1e9 + 1);
  });
});
