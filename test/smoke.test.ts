import { describe, expect, it } from "vitest";
import { call, parts } from "./support/http";
import { insertOffering, insertUser, newOrganization } from "./support/fixtures";

describe("smoke", () => {
  it("registers", async () => {
    const org = await newOrganization();
    const userId = await insertUser(org.id);
    const offeringId = await insertOffering(org.id);
    const res = await call("POST", "/dc/api/v5/registrations", { token: org.token, json: { userId, offeringId } });
    console.log(res.status, [...res.headers]);
    const again = await call("POST", "/dc/api/v5/registrations", { token: org.token, json: { userId, offeringId } });
    console.log(await parts(again), [...again.headers]);
    expect(res.status).toBe(201);
  });
});
