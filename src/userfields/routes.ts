/** The /userfields routes (API.md §7a): HTTP in, one domain operation, HTTP out. */
import { OpenAPIHono } from "@hono/zod-openapi";
import { doneById, listPage, readOne, writtenById } from "../http/answers";
import type { AppEnv } from "../http/app-env";
import { answerCreate } from "../http/create";
import { validationHook } from "../http/errors";
import { creationRoute, deleteRoute, errorDoc, getRoute, idParam, jsonBody, jsonDoc, putRoute } from "../http/route";
import { getUserfield, listUserfields } from "./read";
import { toUserfield } from "./representation";
import { UserfieldCreateSchema, UserfieldListQuerySchema, UserfieldPageSchema, UserfieldSchema, UserfieldUpdateSchema } from "./schemas";
import { createUserfieldPlan, deleteUserfield, updateUserfield } from "./write";

const tags = ["Userfields"];
const notFound = { 404: errorDoc("No such userfield") };

const list = getRoute({
  tags,
  path: "/userfields",
  summary: "List userfields by category orderIndex, then orderIndex, then creation",
  request: { query: UserfieldListQuerySchema },
  ok: jsonDoc(UserfieldPageSchema, "A page of userfields"),
  errors: { 400: errorDoc("Invalid paging or filter") },
});

const getOne = getRoute({
  tags,
  path: "/userfields/{id}",
  summary: "Read a userfield",
  request: { params: idParam },
  ok: jsonDoc(UserfieldSchema, "The userfield"),
  errors: notFound,
});

const create = creationRoute({
  tags,
  path: "/userfields",
  summary: "Create a userfield",
  body: jsonBody(UserfieldCreateSchema),
  errors: { 400: errorDoc("Invalid fields") },
});

const update = putRoute({
  tags,
  path: "/userfields/{id}",
  summary: "Update a userfield (partial)",
  request: { params: idParam, body: jsonBody(UserfieldUpdateSchema) },
  errors: { 400: errorDoc("Invalid fields"), ...notFound },
});

const remove = deleteRoute({
  tags,
  path: "/userfields/{id}",
  summary: "Delete a userfield and every value of it",
  request: { params: idParam },
  errors: notFound,
});

export function userfieldRoutes() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(list, (c) => listPage(c, c.req.valid("query"), listUserfields, toUserfield))
    .openapi(getOne, (c) => readOne(c, c.req.valid("param").id, getUserfield, toUserfield))
    .openapi(create, (c) => answerCreate(c, "userfields", c.req.valid("json"), createUserfieldPlan))
    .openapi(update, (c) => {
      const change = c.req.valid("json");
      return writtenById(c.req.valid("param").id, (id) => updateUserfield(c.var.db, c.var.organizationId, id, change));
    })
    .openapi(remove, (c) => doneById(c.req.valid("param").id, (id) => deleteUserfield(c.var.db, c.var.organizationId, id, Date.now())));
}
