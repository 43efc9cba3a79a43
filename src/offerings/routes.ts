/** The /offerings routes (API.md §5). */
import { OpenAPIHono } from "@hono/zod-openapi";
import { doneById, listPage, readOne, writtenById } from "../http/answers";
import type { AppEnv } from "../http/app-env";
import { answerCreate } from "../http/create";
import { validationHook } from "../http/errors";
import { creationRoute, deleteRoute, errorDoc, getRoute, idParam, jsonBody, jsonDoc, putRoute } from "../http/route";
import { getOffering, listOfferings } from "./read";
import { toOffering } from "./representation";
import { OfferingCreateSchema, OfferingListQuerySchema, OfferingPageSchema, OfferingSchema, OfferingUpdateSchema } from "./schemas";
import { createOfferingPlan, deleteOffering, updateOffering } from "./write";

const tags = ["Offerings"];
const notFound = { 404: errorDoc("No such offering") };

const list = getRoute({
  tags,
  path: "/offerings",
  summary: "List offerings by orderIndex, createdDate, id",
  request: { query: OfferingListQuerySchema },
  ok: jsonDoc(OfferingPageSchema, "A page of offerings"),
  errors: { 400: errorDoc("Invalid paging or filter") },
});

const getOne = getRoute({
  tags,
  path: "/offerings/{id}",
  summary: "Read an offering",
  request: { params: idParam },
  ok: jsonDoc(OfferingSchema, "The offering"),
  errors: notFound,
});

const create = creationRoute({
  tags,
  path: "/offerings",
  summary: "Create an offering",
  body: jsonBody(OfferingCreateSchema),
  errors: { 400: errorDoc("Invalid fields") },
});

const update = putRoute({
  tags,
  path: "/offerings/{id}",
  summary: "Update an offering (partial)",
  request: { params: idParam, body: jsonBody(OfferingUpdateSchema) },
  errors: { 400: errorDoc("Invalid fields"), ...notFound },
});

const remove = deleteRoute({
  tags,
  path: "/offerings/{id}",
  summary: "Delete an offering; its registrations stay readable",
  request: { params: idParam },
  errors: notFound,
});

export function offeringRoutes() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(list, (c) =>
      // studentId: DigitalChalk's older name of userId (API.md §10).
      listPage(
        c,
        c.req.valid("query"),
        (db, organizationId, { studentId, ...filters }, page) =>
          listOfferings(db, organizationId, { ...filters, userId: filters.userId ?? studentId }, page, Date.now()),
        toOffering,
      ),
    )
    .openapi(getOne, (c) => readOne(c, c.req.valid("param").id, getOffering, toOffering))
    .openapi(create, (c) => answerCreate(c, "offerings", c.req.valid("json"), createOfferingPlan))
    .openapi(update, (c) => {
      const input = c.req.valid("json");
      return writtenById(c.req.valid("param").id, (id) => updateOffering(c.var.db, c.var.organizationId, id, input, Date.now()));
    })
    .openapi(remove, (c) => doneById(c.req.valid("param").id, (id) => deleteOffering(c.var.db, c.var.organizationId, id, Date.now())));
}
