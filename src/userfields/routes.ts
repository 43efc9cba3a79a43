/** The /userfields routes (API.md §7a): HTTP in, one domain operation, HTTP out. */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { isId } from "../db/ids";
import type { AppEnv } from "../http/app-env";
import { fieldError, resourceNotFound } from "../http/errors";
import { jsonBody } from "../http/json-body";
import { createdResponse, errorResponse, idParam, noContentResponse } from "../http/openapi-schemas";
import { pageBody } from "../http/paging";
import { noContent } from "../http/responses";
import { fieldErrorsHook } from "../http/validation";
import { createdOnce } from "../idempotency/created-once";
import { idempotencyKeyParameter, keyReusedResponse } from "../idempotency/openapi";
import { getUserfield, listUserfields } from "./read";
import { toUserfield } from "./representation";
import {
  UserfieldCreateSchema,
  UserfieldListQuerySchema,
  UserfieldPageSchema,
  UserfieldSchema,
  UserfieldUpdateSchema,
} from "./schemas";
import { createUserfield, deleteUserfield, updateUserfield } from "./write";

const tags = ["Userfields"];
const security = [{ Bearer: [] }];

const list = createRoute({
  method: "get",
  path: "/userfields",
  tags,
  security,
  summary: "List userfields by category orderIndex, then orderIndex, then creation",
  request: { query: UserfieldListQuerySchema },
  responses: {
    200: {
      description: "A page of userfields",
      content: { "application/json": { schema: UserfieldPageSchema } },
    },
    400: errorResponse("Invalid paging or filter"),
  },
});

const getOne = createRoute({
  method: "get",
  path: "/userfields/{id}",
  tags,
  security,
  summary: "Read a userfield",
  request: { params: idParam },
  responses: {
    200: { description: "The userfield", content: { "application/json": { schema: UserfieldSchema } } },
    404: errorResponse("No such userfield"),
  },
});

const create = createRoute({
  method: "post",
  path: "/userfields",
  tags,
  security,
  summary: "Create a userfield",
  parameters: [idempotencyKeyParameter],
  middleware: [jsonBody()] as const,
  request: {
    body: { required: true, content: { "application/json": { schema: UserfieldCreateSchema } } },
  },
  responses: { 201: createdResponse, 400: errorResponse("Invalid fields"), 422: keyReusedResponse },
});

const update = createRoute({
  method: "put",
  path: "/userfields/{id}",
  tags,
  security,
  summary: "Update a userfield (partial)",
  middleware: [jsonBody()] as const,
  request: {
    params: idParam,
    body: { required: true, content: { "application/json": { schema: UserfieldUpdateSchema } } },
  },
  responses: {
    204: noContentResponse,
    400: errorResponse("Invalid fields"),
    404: errorResponse("No such userfield"),
  },
});

const remove = createRoute({
  method: "delete",
  path: "/userfields/{id}",
  tags,
  security,
  summary: "Delete a userfield and every value of it",
  request: { params: idParam },
  responses: { 204: noContentResponse, 404: errorResponse("No such userfield") },
});

export function userfieldRoutes() {
  return new OpenAPIHono<AppEnv>({ defaultHook: fieldErrorsHook })
    .openapi(list, async (c) => {
      const { limit, offset, ...filters } = c.req.valid("query");
      const page = { limit, offset };
      const rows = await listUserfields(c.var.db, c.var.organizationId, filters, page);
      return c.json(pageBody(c.req.url, page, rows.map(toUserfield)), 200);
    })
    .openapi(getOne, async (c) => {
      const { id } = c.req.valid("param");
      const row = isId(id) ? await getUserfield(c.var.db, c.var.organizationId, id) : undefined;
      if (row === undefined) throw resourceNotFound();
      return c.json(toUserfield(row), 200);
    })
    .openapi(create, (c) =>
      createdOnce(c, "userfields", async ({ id, guard }) => {
        const result = await createUserfield(c.var.db, c.var.organizationId, id, c.req.valid("json"), Date.now(), guard);
        if (!result.ok) throw fieldError(result.fieldErrors);
      }),
    )
    .openapi(update, async (c) => {
      const { id } = c.req.valid("param");
      const change = c.req.valid("json");
      if (!isId(id)) throw resourceNotFound();
      const result = await updateUserfield(c.var.db, c.var.organizationId, id, change);
      if (result.ok) return noContent();
      if (result.notFound) throw resourceNotFound();
      throw fieldError(result.fieldErrors);
    })
    .openapi(remove, async (c) => {
      const { id } = c.req.valid("param");
      if (!isId(id) || !(await deleteUserfield(c.var.db, c.var.organizationId, id, Date.now()))) {
        throw resourceNotFound();
      }
      return noContent();
    });
}
