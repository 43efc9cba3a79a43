/** Contract tests of GET /userfields/<id> (API.md §7a). */
import { describe, expect, it } from "vitest";
import { call } from "../support/http";
import { newOrganization } from "../support/fixtures";
import { PREFIX, UNKNOWN_ID, NOT_FOUND_ID } from "../support/contract";
import { authenticationTests } from "../support/common-tests";
import { createField, get } from "../support/userfields";

describe("GET /userfields/<id>", () => {
  it("unknown, malformed, deleted or another organization's: 404", async () => {
    const org = await newOrganization();
    const theirs = await createField(await newOrganization(), { name: "Theirs", type: "text" });
    const gone = await createField(org, { name: "Gone", type: "text" });
    expect((await call("DELETE", `${PREFIX}/userfields/${gone}`, { token: org.token })).status).toBe(204);
    for (const id of ["0123456789abcdef0123456789abcdef", "nope", theirs, gone]) {
      expect(await get(org, `/userfields/${id}`), id).toEqual(NOT_FOUND_ID);
    }
  });

  authenticationTests({ method: "GET", path: `${PREFIX}/userfields/${UNKNOWN_ID}` });
});
