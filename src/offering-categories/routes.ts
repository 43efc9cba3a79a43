/** The /offeringcategories routes (API.md §5): HTTP in, one domain operation, HTTP out. */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { isId } from "../db/ids";
import type { AppEnv } from "../http/app-env";
import { resourceNotFound } from "../http/errors";
import { jsonBody } from "../http/json-body";
import { createdResponse, errorResponse, idParam, noContentResponse } from "../http/openapi-schemas";
import { pageBody } from "../http/paging";
import { noContent } from "../http/responses";
import { createdOnce } from "../idempotency/created-once";
import { idempotencyKeyParameter, keyReusedResponse } from "../idempotency/openapi";
import { fieldErrorsHook } from "../http/validation";
import { getOfferingCategory, listOfferingCategories } from "./read";
import { toOfferingCategory } from "./representation";
import {
  OfferingCategoryCreateSchema,
  OfferingCategoryListQuerySchema,
  OfferingCategoryPageSchema,
  OfferingCategorySchema,
  OfferingCategoryUpdateSchema,
} from "./schemas";
import { createOfferingCategory, deleteOfferingCategory, updateOfferingCategory } from "./write";

const tags = ["Offering categories"];
const security = [{ Bearer: [] }];

const list = createRoute({
  method: "get",
  path: "/offeringcategories",
  tags,
  security,
  summary: "List offering categories by orderIndex, then creation",
  request: { query: OfferingCategoryListQuerySchema },
  responses: {
    200: {
      description: "A page of offering categories",
      content: { "application/json": { schema: OfferingCategoryPageSchema } },
    },
    400: errorResponse("Invalid paging or filter"),
  },
});

const getOne = createRoute({
  method: "get",
  path: "/offeringcategories/{id}",
  tags,
  security,
  summary: "Read an offering category",
  request: { params: idParam },
  responses: {
    200: { description: "The offering category", content: { "application/json": { schema: OfferingCategorySchema } } },
    404: errorResponse("No such offering category"),
  },
});

const create = createRoute({
  method: "post",
  path: "/offeringcategories",
  tags,
  security,
  summary: "Create an offering category",
  parameters: [idempotencyKeyParameter],
  middleware: [jsonBody()] as const,
  request: {
    body: { required: true, content: { "application/json": { schema: OfferingCategoryCreateSchema } } },
  },
  responses: { 201: createdResponse, 400: errorResponse("Invalid fields"), 422: keyReusedResponse },
});

const update = createRoute({
  method: "put",
  path: "/offeringcategories/{id}",
  tags,
  security,
  summary: "Update an offering category (partial)",
  middleware: [jsonBody()] as const,
  request: {
    params: idParam,
    body: { required: true, content: { "application/json": { schema: OfferingCategoryUpdateSchema } } },
  },
  responses: {
    204: noContentResponse,
    400: errorResponse("Invalid fields"),
    404: errorResponse("No such offering category"),
  },
});

const remove = createRoute({
  method: "delete",
  path: "/offeringcategories/{id}",
  tags,
  security,
  summary: "Delete an offering category; offerings no longer list it",
  request: { params: idParam },
  responses: { 204: noContentResponse, 404: errorResponse("No such offering category") },
});

export function offeringCategoryRoutes() {
  return new OpenAPIHono<AppEnv>({ defaultHook: fieldErrorsHook })
    .openapi(list, async (c) => {
      const { limit, offset, ...filters } = c.req.valid("query");
      const page = { limit, offset };
      const rows = await listOfferingCategories(c.var.db, c.var.organizationId, filters, page);
      return c.json(pageBody(c.req.url, page, rows.map(toOfferingCategory)), 200);
    })
    .openapi(getOne, async (c) => {
      const { id } = c.req.valid("param");
      const row = isId(id) ? await getOfferingCategory(c.var.db, c.var.organizationId, id) : undefined;
      if (row === undefined) throw resourceNotFound();
      return c.json(toOfferingCategory(row), 200);
    })
    .openapi(create, (c) =>
      createdOnce(c, "offeringcategories", async (options) => {
        await createOfferingCategory(c.var.db, c.var.organizationId, c.req.valid("json"), Date.now(), options);
      }),
    )
    .openapi(update, async (c) => {
      const { id } = c.req.valid("param");
      const change = c.req.valid("json");
      if (!isId(id) || !(await updateOfferingCategory(c.var.db, c.var.organizationId, id, change))) {
        throw resourceNotFound();
      }
      return noContent();
    })
    .openapi(remove, async (c) => {
      const { id } = c.req.valid("param");
      if (!isId(id) || !(await deleteOfferingCategory(c.var.db, c.var.organizationId, id, Date.now()))) {
        throw resourceNotFound();
      }
      return noContent();
    });
}
