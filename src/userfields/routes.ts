/** The /userfields routes (API.md §7a): HTTP in, one domain operation, HTTP out. */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { isId } from "../db/ids";
import type { AppEnv } from "../http/app-env";
import { createTarget, runCreate } from "../http/create";
import { errorResponse, fieldErrors, resourceNotFound, validationHook } from "../http/errors";
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
import { getUserfield, listUserfields } from "./read";
import { toUserfield } from "./representation";
import {
  UserfieldCreateSchema,
  UserfieldListQuerySchema,
  UserfieldPageSchema,
  UserfieldSchema,
  UserfieldUpdateSchema,
} from "./schemas";
import { createUserfieldPlan, deleteUserfield, updateUserfield } from "./write";

const tags = ["Userfields"];
const security = BEARER;

const list = createRoute({
  method: "get",
  path: "/userfields",
  tags,
  security,
  summary: "List userfields by category orderIndex, then orderIndex, then creation",
  request: { query: UserfieldListQuerySchema },
  responses: {
    200: jsonDoc(UserfieldPageSchema, "A page of userfields"),
    400: errorDoc("Invalid paging or filter"),
    ...authErrors,
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
    200: jsonDoc(UserfieldSchema, "The userfield"),
    404: errorDoc("No such userfield"),
    ...authErrors,
  },
});

const create = createRoute({
  method: "post",
  path: "/userfields",
  tags,
  security,
  summary: "Create a userfield",
  parameters: [idempotencyKeyParameter],
  middleware: [bodyRules()] as const,
  request: { body: jsonBody(UserfieldCreateSchema) },
  responses: { 201: createdDoc, 400: errorDoc("Invalid fields"), 422: keyReusedDoc, ...bodyErrors, ...authErrors },
});

const update = createRoute({
  method: "put",
  path: "/userfields/{id}",
  tags,
  security,
  summary: "Update a userfield (partial)",
  middleware: [bodyRules()] as const,
  request: {
    params: idParam,
    body: jsonBody(UserfieldUpdateSchema),
  },
  responses: {
    204: noContentDoc,
    400: errorDoc("Invalid fields"),
    404: errorDoc("No such userfield"),
    ...bodyErrors,
    ...authErrors,
  },
});

const remove = createRoute({
  method: "delete",
  path: "/userfields/{id}",
  tags,
  security,
  summary: "Delete a userfield and every value of it",
  request: { params: idParam },
  responses: { 204: noContentDoc, 404: errorDoc("No such userfield"), ...authErrors },
});

export function userfieldRoutes() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(list, async (c) => {
      const { limit, offset, ...filters } = c.req.valid("query");
      const page = { limit, offset };
      const rows = await listUserfields(c.var.db, c.var.organizationId, filters, page);
      return c.json(pageBody(c.req.url, page, rows.map(toUserfield)), 200);
    })
    .openapi(getOne, async (c) => {
      const { id } = c.req.valid("param");
      const row = isId(id) ? await getUserfield(c.var.db, c.var.organizationId, id) : undefined;
      if (row === undefined) return resourceNotFound();
      return c.json(toUserfield(row), 200);
    })
    .openapi(create, async (c) => {
      const target = await createTarget(c, "userfields");
      if (!target.ok) return errorResponse(target.error);
      const plan = createUserfieldPlan(c.var.db, c.var.organizationId, c.req.valid("json"), target.now, target);
      const run = await runCreate(c.var.db, target, plan);
      if (run.answer) return run.answer;
      const refused = plan.refusal(run.results);
      return refused ? errorResponse(fieldErrors(refused)) : created(target.location);
    })
    .openapi(update, async (c) => {
      const { id } = c.req.valid("param");
      const change = c.req.valid("json");
      if (!isId(id)) return resourceNotFound();
      const result = await updateUserfield(c.var.db, c.var.organizationId, id, change);
      if (result.ok) return noContent();
      if (result.notFound) return resourceNotFound();
      return errorResponse(fieldErrors(result.fieldErrors));
    })
    .openapi(remove, async (c) => {
      const { id } = c.req.valid("param");
      if (!isId(id) || !(await deleteUserfield(c.var.db, c.var.organizationId, id, Date.now()))) {
        return resourceNotFound();
      }
      return noContent();
    });
}
