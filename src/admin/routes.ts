/** The operator API under /admin/v1 (API.md §2): organizations, tokens and agreements. */
import { z } from "@hono/zod-openapi";
import { doneById, noContent } from "../http/answers";
import { resourceNotFound } from "../http/errors";
import { isId } from "../lib/crypto";
import { AgreementTypeParams, errorDoc, idParam, jsonBody, jsonDoc, requiredString, routeBuilders, routeGroup } from "../http/route";
import { withTextRule } from "../http/text-field";
import { isAgreementType } from "../db/agreement-type";
import type { RateLimit } from "../auth/bearer-auth";
import { AgreementSettingsSchema } from "./schemas";
import { adminAuth } from "./admin-auth";
import { disableAgreement, enableAgreement } from "./agreements";
import { createOrganization, createToken, revokeToken } from "./organizations";

const route = routeBuilders({ tags: ["Operator"], security: [{ AdminBearer: [] }] });

const optionalName = withTextRule(
  z.string({ error: "name must be a string" }).max(200, { error: "name must be at most 200 characters" }),
  "name",
).optional();

const invalidBody = { 400: errorDoc("Invalid body") };

const createOrg = route.post({
  path: "/organizations",
  request: { body: jsonBody(z.object({ name: requiredString("name").max(200, { error: "name must be at most 200 characters" }) })) },
  created: jsonDoc(z.object({ id: z.string(), name: z.string(), token: z.string() }), "The organization and its first token (shown once)"),
  errors: invalidBody,
});

const createOrgToken = route.post({
  path: "/organizations/{id}/tokens",
  request: { params: idParam, body: jsonBody(z.object({ name: optionalName })) },
  created: jsonDoc(z.object({ id: z.string(), token: z.string() }), "The new token (shown once)"),
  errors: { ...invalidBody, 404: errorDoc("No such organization") },
});

const revoke = route.delete({ path: "/tokens/{id}", request: { params: idParam }, errors: { 404: errorDoc("No such token") } });

const agreementParams = idParam.extend(AgreementTypeParams.shape);

const putAgreement = route.put({
  path: "/organizations/{id}/agreements/{type}",
  summary: "Enable an agreement for the organization, or change its text",
  request: { params: agreementParams, body: jsonBody(AgreementSettingsSchema) },
  errors: { ...invalidBody, 404: errorDoc("No such organization or agreement type") },
});

const deleteAgreement = route.delete({
  path: "/organizations/{id}/agreements/{type}",
  summary: "Disable an agreement; the users' answers to it are removed",
  request: { params: agreementParams },
  errors: { 404: errorDoc("No such organization, or the agreement is not enabled") },
});

export function adminRoutes(rateLimit?: RateLimit) {
  const app = routeGroup();
  app.use("*", adminAuth(rateLimit));
  return app
    .openapi(createOrg, async (c) => {
      const { name } = c.req.valid("json");
      const organization = await createOrganization(c.var.db, name, Date.now());
      return c.json(organization, 201, { Location: `/admin/v1/organizations/${organization.id}` });
    })
    .openapi(createOrgToken, async (c) => {
      const { id } = c.req.valid("param");
      const { name } = c.req.valid("json");
      const issued = isId(id) ? await createToken(c.var.db, id, name ?? null, Date.now()) : null;
      if (issued === null) return resourceNotFound();
      return c.json(issued, 201);
    })
    .openapi(revoke, (c) => doneById(c.req.valid("param").id, (id) => revokeToken(c.var.db, id, Date.now())))
    .openapi(putAgreement, async (c) => {
      const { id, type } = c.req.valid("param");
      const { title, text, required } = c.req.valid("json");
      const values = { title, text, required: required ?? false };
      const found =
        isId(id) && isAgreementType(type) && (await enableAgreement(c.var.db, id, type, values, Date.now()));
      if (!found) return resourceNotFound();
      return noContent();
    })
    .openapi(deleteAgreement, async (c) => {
      const { id, type } = c.req.valid("param");
      if (!isId(id) || !isAgreementType(type) || !(await disableAgreement(c.var.db, id, type))) {
        return resourceNotFound();
      }
      return noContent();
    });
}
