/** The /offeringcategories routes (API.md §5): HTTP in, one domain operation, HTTP out. */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { isId } from "../db/ids";
import type { AppEnv } from "../http/app-env";
import { createTarget, runCreate } from "../http/create";
import { errorResponse, resourceNotFound, validationHook } from "../http/errors";
import { bodyRules } from "../http/json-body";
import { authErrors, BEARER, bodyErrors, createdDoc, errorDoc, idempotencyKeyParameter, idParam, keyReusedDoc, noContentDoc } from "../http/route";
import { pageBody } from "../http/paging";
import { created, noContent } from "../http/responses";
import { getOfferingCategory, listOfferingCategories } from "./read";
import { toOfferingCategory } from "./representation";
import {
  OfferingCategoryCreateSchema,
  OfferingCategoryListQuerySchema,
  OfferingCategoryPageSchema,
  OfferingCategorySchema,
  OfferingCategoryUpdateSchema,
} from "./schemas";
import { createOfferingCategoryPlan, deleteOfferingCategory, updateOfferingCategory } from "./write";

const tags = ["Offering categories"];
const security = BEARER;

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
    400: errorDoc("Invalid paging or filter"),
    ...authErrors,
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
    404: errorDoc("No such offering category"),
    ...authErrors,
  },
});

const create = createRoute({
  method: "post",
  path: "/offeringcategories",
  tags,
  security,
  summary: "Create an offering category",
  parameters: [idempotencyKeyParameter],
  middleware: [bodyRules()] as const,
  request: {
    body: { required: true, content: { "application/json": { schema: OfferingCategoryCreateSchema } } },
  },
  responses: { 201: createdDoc, 400: errorDoc("Invalid fields"), 422: keyReusedDoc, ...bodyErrors, ...authErrors },
});

const update = createRoute({
  method: "put",
  path: "/offeringcategories/{id}",
  tags,
  security,
  summary: "Update an offering category (partial)",
  middleware: [bodyRules()] as const,
  request: {
    params: idParam,
    body: { required: true, content: { "application/json": { schema: OfferingCategoryUpdateSchema } } },
  },
  responses: {
    204: noContentDoc,
    400: errorDoc("Invalid fields"),
    404: errorDoc("No such offering category"),
    ...bodyErrors,
    ...authErrors,
  },
});

const remove = createRoute({
  method: "delete",
  path: "/offeringcategories/{id}",
  tags,
  security,
  summary: "Delete an offering category; offerings no longer list it",
  request: { params: idParam },
  responses: { 204: noContentDoc, 404: errorDoc("No such offering category"), ...authErrors },
});

export function offeringCategoryRoutes() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(list, async (c) => {
      const { limit, offset, ...filters } = c.req.valid("query");
      const page = { limit, offset };
      const rows = await listOfferingCategories(c.var.db, c.var.organizationId, filters, page);
      return c.json(pageBody(c.req.url, page, rows.map(toOfferingCategory)), 200);
    })
    .openapi(getOne, async (c) => {
      const { id } = c.req.valid("param");
      const row = isId(id) ? await getOfferingCategory(c.var.db, c.var.organizationId, id) : undefined;
      if (row === undefined) return resourceNotFound();
      return c.json(toOfferingCategory(row), 200);
    })
    .openapi(create, async (c) => {
      const target = await createTarget(c, "offeringcategories");
      if (!target.ok) return errorResponse(target.error);
      const plan = createOfferingCategoryPlan(c.var.db, c.var.organizationId, c.req.valid("json"), target.now, target);
      const run = await runCreate(c.var.db, target, plan);
      return run.answer ?? created(target.location);
    })
    .openapi(update, async (c) => {
      const { id } = c.req.valid("param");
      const change = c.req.valid("json");
      if (!isId(id) || !(await updateOfferingCategory(c.var.db, c.var.organizationId, id, change))) {
        return resourceNotFound();
      }
      return noContent();
    })
    .openapi(remove, async (c) => {
      const { id } = c.req.valid("param");
      if (!isId(id) || !(await deleteOfferingCategory(c.var.db, c.var.organizationId, id, Date.now()))) {
        return resourceNotFound();
      }
      return noContent();
    });
}
