/** The /offeringcategories routes (API.md §5): HTTP in, one domain operation, HTTP out. */
import { OpenAPIHono } from "@hono/zod-openapi";
import { doneById, listPage, readOne } from "../http/answers";
import type { AppEnv } from "../http/app-env";
import { answerCreate } from "../http/create";
import { validationHook } from "../http/errors";
import { creationRoute, deleteRoute, errorDoc, getRoute, idParam, jsonBody, jsonDoc, putRoute } from "../http/route";
import { getOfferingCategory, listOfferingCategories } from "./read";
import { toOfferingCategory } from "./representation";
import { OfferingCategoryCreateSchema, OfferingCategoryListQuerySchema, OfferingCategoryPageSchema, OfferingCategorySchema, OfferingCategoryUpdateSchema } from "./schemas";
import { createOfferingCategoryPlan, deleteOfferingCategory, updateOfferingCategory } from "./write";

const tags = ["Offering categories"];
const notFound = { 404: errorDoc("No such offering category") };

const list = getRoute({
  tags,
  path: "/offeringcategories",
  summary: "List offering categories by orderIndex, then creation",
  request: { query: OfferingCategoryListQuerySchema },
  ok: jsonDoc(OfferingCategoryPageSchema, "A page of offering categories"),
  errors: { 400: errorDoc("Invalid paging or filter") },
});

const getOne = getRoute({
  tags,
  path: "/offeringcategories/{id}",
  summary: "Read an offering category",
  request: { params: idParam },
  ok: jsonDoc(OfferingCategorySchema, "The offering category"),
  errors: notFound,
});

const create = creationRoute({
  tags,
  path: "/offeringcategories",
  summary: "Create an offering category",
  body: jsonBody(OfferingCategoryCreateSchema),
  errors: { 400: errorDoc("Invalid fields") },
});

const update = putRoute({
  tags,
  path: "/offeringcategories/{id}",
  summary: "Update an offering category (partial)",
  request: { params: idParam, body: jsonBody(OfferingCategoryUpdateSchema) },
  errors: { 400: errorDoc("Invalid fields"), ...notFound },
});

const remove = deleteRoute({
  tags,
  path: "/offeringcategories/{id}",
  summary: "Delete an offering category; offerings no longer list it",
  request: { params: idParam },
  errors: notFound,
});

export function offeringCategoryRoutes() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(list, (c) => listPage(c, c.req.valid("query"), listOfferingCategories, toOfferingCategory))
    .openapi(getOne, (c) => readOne(c, c.req.valid("param").id, getOfferingCategory, toOfferingCategory))
    .openapi(create, (c) => answerCreate(c, "offeringcategories", c.req.valid("json"), createOfferingCategoryPlan))
    .openapi(update, (c) => {
      const change = c.req.valid("json");
      return doneById(c.req.valid("param").id, (id) => updateOfferingCategory(c.var.db, c.var.organizationId, id, change));
    })
    .openapi(remove, (c) =>
      doneById(c.req.valid("param").id, (id) => deleteOfferingCategory(c.var.db, c.var.organizationId, id, Date.now())),
    );
}
