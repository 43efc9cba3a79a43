/** Contract tests of GET /users/<id>/userfieldvalues (API.md §7a): the user's values by userfield id. */
import { describe, expect, it } from "vitest";
import { authenticationTests } from "../support/common-tests";
import { NO_CONTENT, NOT_FOUND_ID, ok, PREFIX, UNKNOWN_ID } from "../support/contract";
import { insertUser, newOrganization } from "../support/fixtures";
import { createField, get, put, remove } from "../support/userfields";

describe("GET /users/<id>/userfieldvalues", () => {
  it("is {} for a user without values; holds only this user's values, each with its JSON type", async () => {
    const org = await newOrganization();
    const [ada, bob] = [await insertUser(org.id), await insertUser(org.id)];
    const level = await createField(org, { name: "Level", type: "integer" });
    const agreed = await createField(org, { name: "Agreed", type: "truefalse" });
    expect(await get(org, `/users/${ada}/userfieldvalues`)).toEqual(ok({}));
    expect(await put(org, `/users/${bob}/userfieldvalues`, { [level]: 3, [agreed]: false })).toEqual(NO_CONTENT);
    expect(await get(org, `/users/${bob}/userfieldvalues`)).toEqual(ok({ [level]: 3, [agreed]: false }));
    expect(await get(org, `/users/${ada}/userfieldvalues`)).toEqual(ok({}));
  });

  it("a deleted user's values are gone with the user: 404", async () => {
    const org = await newOrganization();
    const userId = await insertUser(org.id);
    const level = await createField(org, { name: "Level", type: "integer" });
    expect(await put(org, `/users/${userId}/userfieldvalues`, { [level]: 1 })).toEqual(NO_CONTENT);
    expect(await remove(org, `/users/${userId}`)).toEqual(NO_CONTENT);
    expect(await get(org, `/users/${userId}/userfieldvalues`)).toEqual(NOT_FOUND_ID);
  });

  authenticationTests({ method: "GET", path: `${PREFIX}/users/${UNKNOWN_ID}/userfieldvalues` });
});
