/** The /users/<id>/userfieldvalues routes (API.md §7a). */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { isId } from "../db/ids";
import type { AppEnv } from "../http/app-env";
import { errorResponse, fieldErrors, resourceNotFound, validationHook } from "../http/errors";
import { bodyRules } from "../http/json-body";
import { noContent } from "../http/responses";
import { authErrors, BEARER, bodyErrors, errorDoc, jsonBody, jsonDoc, noContentDoc } from "../http/route";
import { getUserfieldValues } from "./read";
import { UserfieldValuesParams, UserfieldValuesSchema, UserfieldValuesUpdateSchema } from "./schemas";
import { putUserfieldValues } from "./write";

const tags = ["Userfield values"];
const security = BEARER;

const getAll = createRoute({
  method: "get",
  path: "/users/{userId}/userfieldvalues",
  tags,
  security,
  summary: "The user's userfield values (only the fields that have one)",
  request: { params: UserfieldValuesParams },
  responses: {
    200: jsonDoc(UserfieldValuesSchema, "The values by userfield id"),
    404: errorDoc("No such user"),
    ...authErrors,
  },
});

/** A `null` entry clears that value (API.md §7a): this body's nulls are data, never "absent". */
const put = createRoute({
  method: "put",
  path: "/users/{userId}/userfieldvalues",
  tags,
  security,
  summary: "Set or clear some of the user's userfield values (all or nothing)",
  middleware: [bodyRules({ nulls: "keep" })] as const,
  request: { params: UserfieldValuesParams, body: jsonBody(UserfieldValuesUpdateSchema) },
  responses: {
    204: noContentDoc,
    400: errorDoc("Unknown userfields or invalid values, by userfield id"),
    404: errorDoc("No such user"),
    ...bodyErrors,
    ...authErrors,
  },
});

export function userfieldValueRoutes() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(getAll, async (c) => {
      const { userId } = c.req.valid("param");
      const values = isId(userId) ? await getUserfieldValues(c.var.db, c.var.organizationId, userId) : undefined;
      if (values === undefined) return resourceNotFound();
      const body: Record<string, unknown> = {};
      for (const { userfieldId, value } of values) body[userfieldId] = JSON.parse(value);
      return c.json(body, 200);
    })
    .openapi(put, async (c) => {
      const { userId } = c.req.valid("param");
      if (!isId(userId)) return resourceNotFound();
      const result = await putUserfieldValues(c.var.db, c.var.organizationId, userId, c.req.valid("json"));
      if (result.ok) return noContent();
      if (result.notFound) return resourceNotFound();
      return errorResponse(fieldErrors(result.fieldErrors));
    });
}
