/** The /registrations routes: HTTP in, one domain operation, HTTP out. */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../http/app-env";
import { fieldError, resourceNotFound } from "../http/errors";
import { isId } from "../db/ids";
import { jsonBody } from "../http/json-body";
import {
  createdResponse,
  errorResponse,
  idParam,
  noContentResponse,
} from "../http/openapi-schemas";
import { cursorLinkHeader, cursorPage } from "../http/paging";
import { noContent } from "../http/responses";
import { createdOnce } from "../idempotency/created-once";
import { idempotencyKeyParameter, keyReusedResponse } from "../idempotency/openapi";
import { errorListHook, fieldErrorsHook } from "../http/validation";
import { getRegistration, listRegistrations } from "./read";
import { answerBatch, batchCreate } from "./batch-route";
import { register } from "./register";
import { registrationRefusal } from "./refusal";
import { toRegistration } from "./representation";
import {
  RegistrationCreateSchema,
  RegistrationListQuerySchema,
  RegistrationPageSchema,
  RegistrationSchema,
  RegistrationUpdateSchema,
} from "./schemas";
import { ejectRegistration, gradeRegistration } from "./update";

const tags = ["Registrations"];
const security = [{ Bearer: [] }];

const create = createRoute({
  method: "post",
  path: "/registrations",
  tags,
  security,
  summary: "Register a user into an offering",
  parameters: [idempotencyKeyParameter],
  middleware: [jsonBody()] as const,
  request: {
    body: { required: true, content: { "application/json": { schema: RegistrationCreateSchema } } },
  },
  responses: {
    201: createdResponse,
    400: errorResponse("Invalid body, unknown user or offering, or the offering is not available to the user"),
    422: keyReusedResponse,
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
    200: { description: "The registration", content: { "application/json": { schema: RegistrationSchema } } },
    404: errorResponse("No such registration"),
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
    200: {
      description: "A page of registrations",
      headers: cursorLinkHeader,
      content: { "application/json": { schema: RegistrationPageSchema } },
    },
    400: errorResponse("Invalid paging or filter"),
  },
});

const update = createRoute({
  method: "put",
  path: "/registrations/{id}",
  tags,
  security,
  summary: "Assign a grade or eject",
  middleware: [jsonBody()] as const,
  request: {
    params: idParam,
    body: { required: true, content: { "application/json": { schema: RegistrationUpdateSchema } } },
  },
  responses: {
    204: noContentResponse,
    400: errorResponse("Invalid update"),
    404: errorResponse("No such registration"),
  },
});

export function registrationRoutes() {
  return new OpenAPIHono<AppEnv>({ defaultHook: fieldErrorsHook })
    .openapi(
      create,
      (c) =>
        createdOnce(c, "registrations", async (options) => {
          const result = await register(c.var.db, c.var.organizationId, c.req.valid("json"), Date.now(), options);
          if (!result.ok) throw registrationRefusal(result);
        }),
      errorListHook,
    )
    .openapi(batchCreate, (c) => answerBatch(c, c.req.valid("json")), errorListHook)
    .openapi(getOne, async (c) => {
      const { id } = c.req.valid("param");
      const row = isId(id) ? await getRegistration(c.var.db, c.var.organizationId, id) : undefined;
      if (row === undefined) throw resourceNotFound();
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
      if (!isId(id)) throw resourceNotFound();
      const now = Date.now();
      if (change.kind === "grade") {
        const found = await gradeRegistration(c.var.db, c.var.organizationId, id, change.grade, now);
        if (!found) throw resourceNotFound();
        return noContent();
      }
      const outcome = await ejectRegistration(c.var.db, c.var.organizationId, id, now);
      if (outcome === "not_found") throw resourceNotFound();
      if (outcome === "not_active") {
        throw fieldError({ status: "eject status not available after the registration has ended" });
      }
      return noContent();
    });
}
