/** The operator API under /admin/v1 (API.md §2): organizations and tokens. */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../http/app-env";
import { resourceNotFound } from "../http/errors";
import { isId } from "../db/ids";
import { jsonBody } from "../http/json-body";
import { errorResponse, idParam, noContentResponse, requiredString } from "../http/openapi-schemas";
import { noContent } from "../http/responses";
import { fieldErrorsHook } from "../http/validation";
import { adminAuth } from "./admin-auth";
import { createOrganization, createToken, revokeToken } from "./organizations";

const security = [{ AdminBearer: [] }];
const tags = ["Operator"];

const optionalName = z
  .string({ error: "name must be a string" })
  .max(200, { error: "name must be at most 200 characters" })
  .optional();

const createOrg = createRoute({
  method: "post",
  path: "/organizations",
  tags,
  security,
  middleware: [jsonBody()] as const,
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
    400: errorResponse("Invalid body"),
  },
});

const createOrgToken = createRoute({
  method: "post",
  path: "/organizations/{id}/tokens",
  tags,
  security,
  middleware: [jsonBody()] as const,
  request: {
    params: idParam,
    body: { required: true, content: { "application/json": { schema: z.object({ name: optionalName }) } } },
  },
  responses: {
    201: {
      description: "The new token (shown once)",
      content: { "application/json": { schema: z.object({ id: z.string(), token: z.string() }) } },
    },
    400: errorResponse("Invalid body"),
    404: errorResponse("No such organization"),
  },
});

const revoke = createRoute({
  method: "delete",
  path: "/tokens/{id}",
  tags,
  security,
  request: { params: idParam },
  responses: { 204: noContentResponse, 404: errorResponse("No such token") },
});

export function adminRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: fieldErrorsHook });
  app.use("*", adminAuth());
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
      if (issued === null) throw resourceNotFound();
      return c.json(issued, 201);
    })
    .openapi(revoke, async (c) => {
      const { id } = c.req.valid("param");
      if (!isId(id) || !(await revokeToken(c.var.db, id, Date.now()))) throw resourceNotFound();
      return noContent();
    });
}
