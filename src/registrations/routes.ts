/** The /registrations routes: HTTP in, one domain operation, HTTP out. */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { isId } from "../db/ids";
import type { AppEnv } from "../http/app-env";
import { createTarget, runCreate } from "../http/create";
import { errorListHook, errorResponse, fieldErrors, MESSAGES, resourceNotFound, validationHook } from "../http/errors";
import { bodyRules } from "../http/json-body";
import { cursorLinkHeader, cursorPage } from "../http/paging";
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
import { batchRoutes } from "./batch-route";
import { getRegistration, listRegistrations } from "./read";
import { refusalError } from "./refusal";
import { registerPlan } from "./register";
import { toRegistration } from "./representation";
import {
  REGISTRATION_BODY_ALIASES,
  RegistrationCreateSchema,
  RegistrationListQuerySchema,
  RegistrationPageSchema,
  RegistrationSchema,
  RegistrationUpdateSchema,
} from "./schemas";
import { ejectRegistration, gradeRegistration } from "./update";

const tags = ["Registrations"];
const security = BEARER;

const create = createRoute({
  method: "post",
  path: "/registrations",
  tags,
  security,
  summary: "Register a user into an offering",
  parameters: [idempotencyKeyParameter],
  middleware: [bodyRules({ aliases: REGISTRATION_BODY_ALIASES })] as const,
  request: { body: jsonBody(RegistrationCreateSchema) },
  responses: {
    201: createdDoc,
    400: errorDoc("Invalid body, unknown user or offering, or the offering is not available to the user"),
    422: keyReusedDoc,
    ...bodyErrors,
    ...authErrors,
  },
});

const getOne = createRoute({
  method: "get",
  path: "/registrations/{id}",
  tags,
  security,
  summary: "Read a registration",
  request: { params: idParam },
  responses: {
    200: jsonDoc(RegistrationSchema, "The registration"),
    404: errorDoc("No such registration"),
    ...authErrors,
  },
});

const list = createRoute({
  method: "get",
  path: "/registrations",
  tags,
  security,
  summary: "List registrations, oldest first",
  request: { query: RegistrationListQuerySchema },
  responses: {
    200: { ...jsonDoc(RegistrationPageSchema, "A page of registrations"), headers: cursorLinkHeader },
    400: errorDoc("Invalid paging or filter"),
    ...authErrors,
  },
});

const update = createRoute({
  method: "put",
  path: "/registrations/{id}",
  tags,
  security,
  summary: "Assign a grade or eject",
  middleware: [bodyRules()] as const,
  request: { params: idParam, body: jsonBody(RegistrationUpdateSchema) },
  responses: {
    204: noContentDoc,
    400: errorDoc("Invalid update"),
    404: errorDoc("No such registration"),
    ...bodyErrors,
    ...authErrors,
  },
});

export function registrationRoutes() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(
      create,
      async (c) => {
        const target = await createTarget(c, "registrations");
        if (!target.ok) return errorResponse(target.error);
        const plan = registerPlan(c.var.db, c.var.organizationId, c.req.valid("json"), target.now, target);
        const run = await runCreate(c.var.db, target, plan);
        if (run.answer) return run.answer;
        const refused = plan.refusal(run.results);
        return refused ? errorResponse(refusalError(refused)) : created(target.location);
      },
      errorListHook,
    )
    .route("/", batchRoutes())
    .openapi(getOne, async (c) => {
      const { id } = c.req.valid("param");
      const row = isId(id) ? await getRegistration(c.var.db, c.var.organizationId, id) : undefined;
      if (row === undefined) return resourceNotFound();
      return c.json(toRegistration(row), 200);
    })
    .openapi(list, async (c) => {
      const { limit, offset, after, ...filters } = c.req.valid("query");
      const page = { limit, offset, after };
      const rows = await listRegistrations(c.var.db, c.var.organizationId, filters, page);
      const { body, link } = cursorPage(c.req.url, page, rows, toRegistration);
      if (link !== undefined) c.header("Link", link);
      return c.json(body, 200);
    })
    .openapi(update, async (c) => {
      const { id } = c.req.valid("param");
      const change = c.req.valid("json");
      if (!isId(id)) return resourceNotFound();
      const now = Date.now();
      if (change.kind === "grade") {
        const found = await gradeRegistration(c.var.db, c.var.organizationId, id, change.grade, now);
        if (!found) return resourceNotFound();
        return noContent();
      }
      const outcome = await ejectRegistration(c.var.db, c.var.organizationId, id, now);
      if (outcome === "not_found") return resourceNotFound();
      if (outcome === "not_active") {
        return errorResponse(fieldErrors({ status: MESSAGES.ejectAfterEnd }));
      }
      return noContent();
    });
}
