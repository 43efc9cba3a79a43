/** The /userfieldcategories routes (API.md §7a): HTTP in, one domain operation, HTTP out. */
import { OpenAPIHono } from "@hono/zod-openapi";
import { doneById, listPage, readOne } from "../http/answers";
import type { AppEnv } from "../http/app-env";
import { answerCreate } from "../http/create";
import { validationHook } from "../http/errors";
import { creationRoute, deleteRoute, errorDoc, getRoute, idParam, jsonBody, jsonDoc, putRoute } from "../http/route";
import { getUserfieldCategory, listUserfieldCategories } from "./read";
import { toUserfieldCategory } from "./representation";
import { UserfieldCategoryCreateSchema, UserfieldCategoryListQuerySchema, UserfieldCategoryPageSchema, UserfieldCategorySchema, UserfieldCategoryUpdateSchema } from "./schemas";
import { createUserfieldCategoryPlan, deleteUserfieldCategory, updateUserfieldCategory } from "./write";

const tags = ["Userfield categories"];
const notFound = { 404: errorDoc("No such userfield category") };

const list = getRoute({
  tags,
  path: "/userfieldcategories",
  summary: "List userfield categories by orderIndex, then creation",
  request: { query: UserfieldCategoryListQuerySchema },
  ok: jsonDoc(UserfieldCategoryPageSchema, "A page of userfield categories"),
  errors: { 400: errorDoc("Invalid paging or filter") },
});

const getOne = getRoute({
  tags,
  path: "/userfieldcategories/{id}",
  summary: "Read a userfield category",
  request: { params: idParam },
  ok: jsonDoc(UserfieldCategorySchema, "The userfield category"),
  errors: notFound,
});

const create = creationRoute({
  tags,
  path: "/userfieldcategories",
  summary: "Create a userfield category",
  body: jsonBody(UserfieldCategoryCreateSchema),
  errors: { 400: errorDoc("Invalid fields") },
});

const update = putRoute({
  tags,
  path: "/userfieldcategories/{id}",
  summary: "Update a userfield category (partial)",
  request: { params: idParam, body: jsonBody(UserfieldCategoryUpdateSchema) },
  errors: { 400: errorDoc("Invalid fields"), ...notFound },
});

const remove = deleteRoute({
  tags,
  path: "/userfieldcategories/{id}",
  summary: "Delete a userfield category; its fields stay, without a category",
  request: { params: idParam },
  errors: notFound,
});

export function userfieldCategoryRoutes() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(list, (c) => listPage(c, c.req.valid("query"), listUserfieldCategories, toUserfieldCategory))
    .openapi(getOne, (c) => readOne(c, c.req.valid("param").id, getUserfieldCategory, toUserfieldCategory))
    .openapi(create, (c) => answerCreate(c, "userfieldcategories", c.req.valid("json"), createUserfieldCategoryPlan))
    .openapi(update, (c) => {
      const change = c.req.valid("json");
      return doneById(c.req.valid("param").id, (id) => updateUserfieldCategory(c.var.db, c.var.organizationId, id, change));
    })
    .openapi(remove, (c) =>
      doneById(c.req.valid("param").id, (id) => deleteUserfieldCategory(c.var.db, c.var.organizationId, id, Date.now())),
    );
}
