/** The operator API under /admin/v1 (API.md §2): organizations, tokens and agreements. */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../http/app-env";
import { resourceNotFound, validationHook } from "../http/errors";
import { isId } from "../db/ids";
import { bodyRules } from "../http/json-body";
import { AgreementTypeParams, authErrors, bodyErrors, errorDoc, idParam, noContentDoc, requiredString } from "../http/route";
import { noContent } from "../http/responses";
import { withTextRule } from "../http/text-field";
import { isAgreementType } from "../db/agreement-type";
import type { RateLimit } from "../auth/bearer-auth";
import { AgreementSettingsSchema } from "./schemas";
import { adminAuth } from "./admin-auth";
import { disableAgreement, enableAgreement } from "./agreements";
import { createOrganization, createToken, revokeToken } from "./organizations";

const security = [{ AdminBearer: [] }];
const tags = ["Operator"];

const optionalName = withTextRule(
  z.string({ error: "name must be a string" }).max(200, { error: "name must be at most 200 characters" }),
  "name",
).optional();

const createOrg = createRoute({
  method: "post",
  path: "/organizations",
  tags,
  security,
  middleware: [bodyRules()] as const,
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.object({ name: requiredString("name").max(200, { error: "name must be at most 200 characters" }) }),
        },
      },
    },
  },
  responses: {
    201: {
      description: "The organization and its first token (shown once)",
      content: { "application/json": { schema: z.object({ id: z.string(), name: z.string(), token: z.string() }) } },
    },
    400: errorDoc("Invalid body"),
    ...bodyErrors,
    ...authErrors,
  },
});

const createOrgToken = createRoute({
  method: "post",
  path: "/organizations/{id}/tokens",
  tags,
  security,
  middleware: [bodyRules()] as const,
  request: {
    params: idParam,
    body: { required: true, content: { "application/json": { schema: z.object({ name: optionalName }) } } },
  },
  responses: {
    201: {
      description: "The new token (shown once)",
      content: { "application/json": { schema: z.object({ id: z.string(), token: z.string() }) } },
    },
    400: errorDoc("Invalid body"),
    404: errorDoc("No such organization"),
    ...bodyErrors,
    ...authErrors,
  },
});

const revoke = createRoute({
  method: "delete",
  path: "/tokens/{id}",
  tags,
  security,
  request: { params: idParam },
  responses: { 204: noContentDoc, 404: errorDoc("No such token"), ...authErrors },
});

const agreementParams = idParam.extend(AgreementTypeParams.shape);

const putAgreement = createRoute({
  method: "put",
  path: "/organizations/{id}/agreements/{type}",
  tags,
  security,
  summary: "Enable an agreement for the organization, or change its text",
  middleware: [bodyRules()] as const,
  request: {
    params: agreementParams,
    body: { required: true, content: { "application/json": { schema: AgreementSettingsSchema } } },
  },
  responses: {
    204: noContentDoc,
    400: errorDoc("Invalid body"),
    404: errorDoc("No such organization or agreement type"),
    ...bodyErrors,
    ...authErrors,
  },
});

const deleteAgreement = createRoute({
  method: "delete",
  path: "/organizations/{id}/agreements/{type}",
  tags,
  security,
  summary: "Disable an agreement; the users' answers to it are removed",
  request: { params: agreementParams },
  responses: { 204: noContentDoc, 404: errorDoc("No such organization, or the agreement is not enabled"), ...authErrors },
});

export function adminRoutes(rateLimit?: RateLimit) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
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
    .openapi(revoke, async (c) => {
      const { id } = c.req.valid("param");
      if (!isId(id) || !(await revokeToken(c.var.db, id, Date.now()))) return resourceNotFound();
      return noContent();
    })
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
