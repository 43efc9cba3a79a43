/** Contract tests of DELETE /userfields/<id> (API.md §7a). */
import { describe, expect, it } from "vitest";
import { call, parts } from "../support/http";
import { newOrganization } from "../support/fixtures";
import { PREFIX, UNKNOWN_ID, NOT_FOUND_ID } from "../support/contract";
import { authenticationTests } from "../support/common-tests";
import { createField, get } from "../support/userfields";

describe("DELETE /userfields/<id>", () => {
  it("204, then 404; the name is free again; a predefined field can be deleted", async () => {
    const org = await newOrganization();
    const list = (await get(org, "/userfields")).body as { results: { id: string; name: string }[] };
    const phone = list.results[0] as { id: string };
    expect((await call("DELETE", `${PREFIX}/userfields/${phone.id}`, { token: org.token })).status).toBe(204);
    expect(await parts(await call("DELETE", `${PREFIX}/userfields/${phone.id}`, { token: org.token }))).toEqual(NOT_FOUND_ID);
    await createField(org, { name: "Phone Number", type: "text" });
  });

  authenticationTests({ method: "DELETE", path: `${PREFIX}/userfields/${UNKNOWN_ID}` });
});
