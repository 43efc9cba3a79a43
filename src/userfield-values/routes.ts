/** The /users/<id>/userfieldvalues routes (API.md §7a). */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { isId } from "../db/ids";
import type { AppEnv } from "../http/app-env";
import { fieldError, resourceNotFound } from "../http/errors";
import { jsonBody } from "../http/json-body";
import { errorResponse, noContentResponse } from "../http/openapi-schemas";
import { noContent } from "../http/responses";
import { fieldErrorsHook } from "../http/validation";
import { getUserfieldValues } from "./read";
import { UserfieldValuesParams, UserfieldValuesSchema, UserfieldValuesUpdateSchema } from "./schemas";
import { putUserfieldValues } from "./write";

const tags = ["Userfield values"];
const security = [{ Bearer: [] }];

const getAll = createRoute({
  method: "get",
  path: "/users/{userId}/userfieldvalues",
  tags,
  security,
  summary: "The user's userfield values (only the fields that have one)",
  request: { params: UserfieldValuesParams },
  responses: {
    200: { description: "The values by userfield id", content: { "application/json": { schema: UserfieldValuesSchema } } },
    404: errorResponse("No such user"),
  },
});

const put = createRoute({
  method: "put",
  path: "/users/{userId}/userfieldvalues",
  tags,
  security,
  summary: "Set or clear some of the user's userfield values (all or nothing)",
  middleware: [jsonBody()] as const,
  request: {
    params: UserfieldValuesParams,
    body: { required: true, content: { "application/json": { schema: UserfieldValuesUpdateSchema } } },
  },
  responses: {
    204: noContentResponse,
    400: errorResponse("Unknown userfields or invalid values, by userfield id"),
    404: errorResponse("No such user"),
  },
});

export function userfieldValueRoutes() {
  return new OpenAPIHono<AppEnv>({ defaultHook: fieldErrorsHook })
    .openapi(getAll, async (c) => {
      const { userId } = c.req.valid("param");
      const values = isId(userId) ? await getUserfieldValues(c.var.db, c.var.organizationId, userId) : undefined;
      if (values === undefined) throw resourceNotFound();
      const body: Record<string, unknown> = {};
      for (const { userfieldId, value } of values) body[userfieldId] = JSON.parse(value);
      return c.json(body, 200);
    })
    .openapi(put, async (c) => {
      const { userId } = c.req.valid("param");
      if (!isId(userId)) throw resourceNotFound();
      const result = await putUserfieldValues(c.var.db, c.var.organizationId, userId, c.req.valid("json"));
      if (result.ok) return noContent();
      if (result.notFound) throw resourceNotFound();
      throw fieldError(result.fieldErrors);
    });
}
