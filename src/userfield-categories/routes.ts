/** The /userfieldcategories routes (API.md §7a): HTTP in, one domain operation, HTTP out. */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { isId } from "../db/ids";
import type { AppEnv } from "../http/app-env";
import { createTarget, runCreate } from "../http/create";
import { errorResponse, resourceNotFound, validationHook } from "../http/errors";
import { bodyRules } from "../http/json-body";
import { pageBody } from "../http/paging";
import { created, noContent } from "../http/responses";
import {
  authErrors,
  BEARER,
  bodyErrors,
  createdDoc,
  errorDoc,
  idempotencyKeyParameter,
  idParam,
  jsonBody,
  jsonDoc,
  keyReusedDoc,
  noContentDoc,
} from "../http/route";
import { getUserfieldCategory, listUserfieldCategories } from "./read";
import { toUserfieldCategory } from "./representation";
import {
  UserfieldCategoryCreateSchema,
  UserfieldCategoryListQuerySchema,
  UserfieldCategoryPageSchema,
  UserfieldCategorySchema,
  UserfieldCategoryUpdateSchema,
} from "./schemas";
import { createUserfieldCategoryPlan, deleteUserfieldCategory, updateUserfieldCategory } from "./write";

const tags = ["Userfield categories"];
const security = BEARER;

const list = createRoute({
  method: "get",
  path: "/userfieldcategories",
  tags,
  security,
  summary: "List userfield categories by orderIndex, then creation",
  request: { query: UserfieldCategoryListQuerySchema },
  responses: {
    200: jsonDoc(UserfieldCategoryPageSchema, "A page of userfield categories"),
    400: errorDoc("Invalid paging or filter"),
    ...authErrors,
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
    200: jsonDoc(UserfieldCategorySchema, "The userfield category"),
    404: errorDoc("No such userfield category"),
    ...authErrors,
  },
});

const create = createRoute({
  method: "post",
  path: "/userfieldcategories",
  tags,
  security,
  summary: "Create a userfield category",
  parameters: [idempotencyKeyParameter],
  middleware: [bodyRules()] as const,
  request: { body: jsonBody(UserfieldCategoryCreateSchema) },
  responses: { 201: createdDoc, 400: errorDoc("Invalid fields"), 422: keyReusedDoc, ...bodyErrors, ...authErrors },
});

const update = createRoute({
  method: "put",
  path: "/userfieldcategories/{id}",
  tags,
  security,
  summary: "Update a userfield category (partial)",
  middleware: [bodyRules()] as const,
  request: {
    params: idParam,
    body: jsonBody(UserfieldCategoryUpdateSchema),
  },
  responses: {
    204: noContentDoc,
    400: errorDoc("Invalid fields"),
    404: errorDoc("No such userfield category"),
    ...bodyErrors,
    ...authErrors,
  },
});

const remove = createRoute({
  method: "delete",
  path: "/userfieldcategories/{id}",
  tags,
  security,
  summary: "Delete a userfield category; its fields stay, without a category",
  request: { params: idParam },
  responses: { 204: noContentDoc, 404: errorDoc("No such userfield category"), ...authErrors },
});

export function userfieldCategoryRoutes() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(list, async (c) => {
      const { limit, offset, ...filters } = c.req.valid("query");
      const page = { limit, offset };
      const rows = await listUserfieldCategories(c.var.db, c.var.organizationId, filters, page);
      return c.json(pageBody(c.req.url, page, rows.map(toUserfieldCategory)), 200);
    })
    .openapi(getOne, async (c) => {
      const { id } = c.req.valid("param");
      const row = isId(id) ? await getUserfieldCategory(c.var.db, c.var.organizationId, id) : undefined;
      if (row === undefined) return resourceNotFound();
      return c.json(toUserfieldCategory(row), 200);
    })
    .openapi(create, async (c) => {
      const target = await createTarget(c, "userfieldcategories");
      if (!target.ok) return errorResponse(target.error);
      const plan = createUserfieldCategoryPlan(c.var.db, c.var.organizationId, c.req.valid("json"), target.now, target);
      const run = await runCreate(c.var.db, target, plan);
      return run.answer ?? created(target.location);
    })
    .openapi(update, async (c) => {
      const { id } = c.req.valid("param");
      const change = c.req.valid("json");
      if (!isId(id) || !(await updateUserfieldCategory(c.var.db, c.var.organizationId, id, change))) {
        return resourceNotFound();
      }
      return noContent();
    })
    .openapi(remove, async (c) => {
      const { id } = c.req.valid("param");
      if (!isId(id) || !(await deleteUserfieldCategory(c.var.db, c.var.organizationId, id, Date.now()))) {
        return resourceNotFound();
      }
      return noContent();
    });
}
