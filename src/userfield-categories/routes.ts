/** The /userfieldcategories routes (API.md §7a): HTTP in, one domain operation, HTTP out. */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { isId } from "../db/ids";
import type { AppEnv } from "../http/app-env";
import { resourceNotFound } from "../http/errors";
import { jsonBody } from "../http/json-body";
import { createdResponse, errorResponse, idParam, noContentResponse } from "../http/openapi-schemas";
import { pageBody } from "../http/paging";
import { noContent } from "../http/responses";
import { fieldErrorsHook } from "../http/validation";
import { createdOnce } from "../idempotency/created-once";
import { idempotencyKeyParameter, keyReusedResponse } from "../idempotency/openapi";
import { getUserfieldCategory, listUserfieldCategories } from "./read";
import { toUserfieldCategory } from "./representation";
import {
  UserfieldCategoryCreateSchema,
  UserfieldCategoryListQuerySchema,
  UserfieldCategoryPageSchema,
  UserfieldCategorySchema,
  UserfieldCategoryUpdateSchema,
} from "./schemas";
import { createUserfieldCategory, deleteUserfieldCategory, updateUserfieldCategory } from "./write";

const tags = ["Userfield categories"];
const security = [{ Bearer: [] }];

const list = createRoute({
  method: "get",
  path: "/userfieldcategories",
  tags,
  security,
  summary: "List userfield categories by orderIndex, then creation",
  request: { query: UserfieldCategoryListQuerySchema },
  responses: {
    200: {
      description: "A page of userfield categories",
      content: { "application/json": { schema: UserfieldCategoryPageSchema } },
    },
    400: errorResponse("Invalid paging or filter"),
  },
});

const getOne = createRoute({
  method: "get",
  path: "/userfieldcategories/{id}",
  tags,
  security,
  summary: "Read a userfield category",
  request: { params: idParam },
  responses: {
    200: { description: "The userfield category", content: { "application/json": { schema: UserfieldCategorySchema } } },
    404: errorResponse("No such userfield category"),
  },
});

const create = createRoute({
  method: "post",
  path: "/userfieldcategories",
  tags,
  security,
  summary: "Create a userfield category",
  parameters: [idempotencyKeyParameter],
  middleware: [jsonBody()] as const,
  request: {
    body: { required: true, content: { "application/json": { schema: UserfieldCategoryCreateSchema } } },
  },
  responses: { 201: createdResponse, 400: errorResponse("Invalid fields"), 422: keyReusedResponse },
});

const update = createRoute({
  method: "put",
  path: "/userfieldcategories/{id}",
  tags,
  security,
  summary: "Update a userfield category (partial)",
  middleware: [jsonBody()] as const,
  request: {
    params: idParam,
    body: { required: true, content: { "application/json": { schema: UserfieldCategoryUpdateSchema } } },
  },
  responses: {
    204: noContentResponse,
    400: errorResponse("Invalid fields"),
    404: errorResponse("No such userfield category"),
  },
});

const remove = createRoute({
  method: "delete",
  path: "/userfieldcategories/{id}",
  tags,
  security,
  summary: "Delete a userfield category; its fields stay, without a category",
  request: { params: idParam },
  responses: { 204: noContentResponse, 404: errorResponse("No such userfield category") },
});

export function userfieldCategoryRoutes() {
  return new OpenAPIHono<AppEnv>({ defaultHook: fieldErrorsHook })
    .openapi(list, async (c) => {
      const { limit, offset, ...filters } = c.req.valid("query");
      const page = { limit, offset };
      const rows = await listUserfieldCategories(c.var.db, c.var.organizationId, filters, page);
      return c.json(pageBody(c.req.url, page, rows.map(toUserfieldCategory)), 200);
    })
    .openapi(getOne, async (c) => {
      const { id } = c.req.valid("param");
      const row = isId(id) ? await getUserfieldCategory(c.var.db, c.var.organizationId, id) : undefined;
      if (row === undefined) throw resourceNotFound();
      return c.json(toUserfieldCategory(row), 200);
    })
    .openapi(create, (c) =>
      createdOnce(c, "userfieldcategories", ({ id, guard }) =>
        createUserfieldCategory(c.var.db, c.var.organizationId, id, c.req.valid("json"), Date.now(), guard),
      ),
    )
    .openapi(update, async (c) => {
      const { id } = c.req.valid("param");
      const change = c.req.valid("json");
      if (!isId(id) || !(await updateUserfieldCategory(c.var.db, c.var.organizationId, id, change))) {
        throw resourceNotFound();
      }
      return noContent();
    })
    .openapi(remove, async (c) => {
      const { id } = c.req.valid("param");
      if (!isId(id) || !(await deleteUserfieldCategory(c.var.db, c.var.organizationId, id, Date.now()))) {
        throw resourceNotFound();
      }
      return noContent();
    });
}
