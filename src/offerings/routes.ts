/** The /offerings routes (API.md §5). */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { isId } from "../db/ids";
import type { AppEnv } from "../http/app-env";
import { createTarget, runCreate } from "../http/create";
import { errorResponse, fieldErrors, resourceNotFound, validationHook } from "../http/errors";
import { bodyRules } from "../http/json-body";
import { authErrors, BEARER, bodyErrors, createdDoc, errorDoc, idempotencyKeyParameter, idParam, keyReusedDoc, noContentDoc } from "../http/route";
import { pageBody } from "../http/paging";
import { created, noContent } from "../http/responses";
import { getOffering, listOfferings } from "./read";
import { toOffering } from "./representation";
import {
  OfferingCreateSchema,
  OfferingListQuerySchema,
  OfferingPageSchema,
  OfferingSchema,
  OfferingUpdateSchema,
} from "./schemas";
import { createOfferingPlan, deleteOffering, updateOffering } from "./write";

const tags = ["Offerings"];
const security = BEARER;

const list = createRoute({
  method: "get",
  path: "/offerings",
  tags,
  security,
  summary: "List offerings by orderIndex, createdDate, id",
  request: { query: OfferingListQuerySchema },
  responses: {
    200: { description: "A page of offerings", content: { "application/json": { schema: OfferingPageSchema } } },
    400: errorDoc("Invalid paging or filter"),
    ...authErrors,
  },
});

const getOne = createRoute({
  method: "get",
  path: "/offerings/{id}",
  tags,
  security,
  summary: "Read an offering",
  request: { params: idParam },
  responses: {
    200: { description: "The offering", content: { "application/json": { schema: OfferingSchema } } },
    404: errorDoc("No such offering"),
    ...authErrors,
  },
});

const create = createRoute({
  method: "post",
  path: "/offerings",
  tags,
  security,
  summary: "Create an offering",
  parameters: [idempotencyKeyParameter],
  middleware: [bodyRules()] as const,
  request: { body: { required: true, content: { "application/json": { schema: OfferingCreateSchema } } } },
  responses: { 201: createdDoc, 400: errorDoc("Invalid fields"), 422: keyReusedDoc, ...bodyErrors, ...authErrors },
});

const update = createRoute({
  method: "put",
  path: "/offerings/{id}",
  tags,
  security,
  summary: "Update an offering (partial)",
  middleware: [bodyRules()] as const,
  request: {
    params: idParam,
    body: { required: true, content: { "application/json": { schema: OfferingUpdateSchema } } },
  },
  responses: { 204: noContentDoc, 400: errorDoc("Invalid fields"), 404: errorDoc("No such offering"), ...bodyErrors, ...authErrors },
});

const remove = createRoute({
  method: "delete",
  path: "/offerings/{id}",
  tags,
  security,
  summary: "Delete an offering; its registrations stay readable",
  request: { params: idParam },
  responses: { 204: noContentDoc, 404: errorDoc("No such offering"), ...authErrors },
});

export function offeringRoutes() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(list, async (c) => {
      const { limit, offset, studentId, ...filters } = c.req.valid("query");
      const page = { limit, offset };
      // studentId: DigitalChalk's older name of userId (API.md §10).
      const userId = filters.userId ?? studentId;
      const rows = await listOfferings(c.var.db, c.var.organizationId, { ...filters, userId }, page, Date.now());
      return c.json(pageBody(c.req.url, page, rows.map(toOffering)), 200);
    })
    .openapi(getOne, async (c) => {
      const { id } = c.req.valid("param");
      const row = isId(id) ? await getOffering(c.var.db, c.var.organizationId, id) : undefined;
      if (row === undefined) return resourceNotFound();
      return c.json(toOffering(row), 200);
    })
    .openapi(create, async (c) => {
      const target = await createTarget(c, "offerings");
      if (!target.ok) return errorResponse(target.error);
      const plan = createOfferingPlan(c.var.db, c.var.organizationId, c.req.valid("json"), target.now, target);
      const run = await runCreate(c.var.db, target, plan);
      if (run.answer) return run.answer;
      const refused = plan.refusal(run.results);
      return refused ? errorResponse(fieldErrors(refused)) : created(target.location);
    })
    .openapi(update, async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      if (!isId(id)) return resourceNotFound();
      const result = await updateOffering(c.var.db, c.var.organizationId, id, input);
      if (result.ok) return noContent();
      if (result.notFound) return resourceNotFound();
      return errorResponse(fieldErrors(result.fieldErrors));
    })
    .openapi(remove, async (c) => {
      const { id } = c.req.valid("param");
      if (!isId(id) || !(await deleteOffering(c.var.db, c.var.organizationId, id, Date.now()))) return resourceNotFound();
      return noContent();
    });
}
