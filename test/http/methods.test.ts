/**
 * A wrong method on a known path (API.md §1): 405 method_not_allowed with the path's methods in
 * Allow, on the resource API and on the operator API. Generated per path by
 * test/support/common-tests.ts.
 */
import { describe } from "vitest";
import { ADMIN_TOKEN, insertOffering, insertRegistration, insertUser, newOrganization } from "../support/fixtures";
import { PREFIXES, UNKNOWN_ID } from "../support/contract";
import { methodNotAllowedTests } from "../support/common-tests";
import { createCategory } from "../support/offering-categories";
import { createCategory as createUserfieldCategory, createField } from "../support/userfields";

for (const prefix of PREFIXES) {
  describe(`${prefix}/registrations`, () => {
    methodNotAllowedTests(async () => ({ path: `${prefix}/registrations`, token: (await newOrganization()).token }), ["DELETE"], ["GET", "HEAD", "POST"]);
  });
}

describe("/dc/api/v5/registrations/<id>", () => {
  const setUp = async () => {
    const org = await newOrganization();
    const userId = await insertUser(org.id);
    const offeringId = await insertOffering(org.id);
    const id = await insertRegistration(org.id, { userId, offeringId });
    return { path: `/dc/api/v5/registrations/${id}`, token: org.token };
  };
  methodNotAllowedTests(setUp, ["PATCH", "DELETE", "POST"], ["GET", "HEAD", "PUT"], { json: {} });
});

describe("/dc/api/v5/offeringcategories/<id>", () => {
  const setUp = async () => {
    const org = await newOrganization();
    const id = await createCategory(org, { name: "C" });
    return { path: `/dc/api/v5/offeringcategories/${id}`, token: org.token };
  };
  methodNotAllowedTests(setUp, ["POST"], ["GET", "HEAD", "PUT", "DELETE"], { json: {} });
});

describe("/dc/api/v5/userfieldcategories/<id>", () => {
  const setUp = async () => {
    const org = await newOrganization();
    const id = await createUserfieldCategory(org, { name: "C" });
    return { path: `/dc/api/v5/userfieldcategories/${id}`, token: org.token };
  };
  methodNotAllowedTests(setUp, ["POST"], ["GET", "HEAD", "PUT", "DELETE"], { json: {} });
});

describe("/dc/api/v5/userfields/<id>", () => {
  const setUp = async () => {
    const org = await newOrganization();
    const id = await createField(org, { name: "F", type: "text" });
    return { path: `/dc/api/v5/userfields/${id}`, token: org.token };
  };
  methodNotAllowedTests(setUp, ["POST"], ["GET", "HEAD", "PUT", "DELETE"], { json: {} });
});

describe("/dc/api/v5/users/<id>/userfieldvalues", () => {
  const setUp = async () => {
    const org = await newOrganization();
    return { path: `/dc/api/v5/users/${await insertUser(org.id)}/userfieldvalues`, token: org.token };
  };
  methodNotAllowedTests(setUp, ["POST", "DELETE"], ["GET", "HEAD", "PUT"], { json: {} });
});

describe("/admin/v1/organizations", () => {
  methodNotAllowedTests(async () => ({ path: "/admin/v1/organizations", token: ADMIN_TOKEN }), ["GET"], ["POST"]);
});

describe("/admin/v1/organizations/<id>/tokens", () => {
  const setUp = async () => ({ path: `/admin/v1/organizations/${(await newOrganization()).id}/tokens`, token: ADMIN_TOKEN });
  methodNotAllowedTests(setUp, ["GET"], ["POST"]);
});

describe("/admin/v1/tokens/<id>", () => {
  methodNotAllowedTests(async () => ({ path: `/admin/v1/tokens/${UNKNOWN_ID}`, token: ADMIN_TOKEN }), ["GET"], ["DELETE"]);
});
