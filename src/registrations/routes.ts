/** The /registrations routes: HTTP in, one domain operation, HTTP out. */
import { OpenAPIHono } from "@hono/zod-openapi";
import { isId } from "../lib/hex";
import { cursorList, readOne, noContent } from "../http/answers";
import type { AppEnv } from "../http/app-env";
import { answerCreate } from "../http/create";
import { errorListHook, errorResponse, fieldErrors, MESSAGES, resourceNotFound, validationHook } from "../http/errors";
import { cursorLinkHeader } from "../http/paging";
import { creationRoute, errorDoc, getRoute, idParam, jsonBody, jsonDoc, putRoute } from "../http/route";
import { batchRoutes } from "./batch-route";
import { getRegistration, listRegistrations } from "./read";
import { refusalError } from "./refusal";
import { registerPlan } from "./register";
import { toRegistration } from "./representation";
import { REGISTRATION_BODY_ALIASES, RegistrationCreateSchema, RegistrationListQuerySchema, RegistrationPageSchema, RegistrationSchema, RegistrationUpdateSchema } from "./schemas";
import { ejectRegistration, gradeRegistration } from "./update";

const tags = ["Registrations"];
const notFound = { 404: errorDoc("No such registration") };

const create = creationRoute({
  tags,
  path: "/registrations",
  summary: "Register a user into an offering",
  bodyRules: { aliases: REGISTRATION_BODY_ALIASES },
  body: jsonBody(RegistrationCreateSchema),
  errors: { 400: errorDoc("Invalid body, unknown user or offering, or the offering is not available to the user") },
});

const getOne = getRoute({
  tags,
  path: "/registrations/{id}",
  summary: "Read a registration",
  request: { params: idParam },
  ok: jsonDoc(RegistrationSchema, "The registration"),
  errors: notFound,
});

const list = getRoute({
  tags,
  path: "/registrations",
  summary: "List registrations, oldest first",
  request: { query: RegistrationListQuerySchema },
  ok: { ...jsonDoc(RegistrationPageSchema, "A page of registrations"), headers: cursorLinkHeader },
  errors: { 400: errorDoc("Invalid paging or filter") },
});

const update = putRoute({
  tags,
  path: "/registrations/{id}",
  summary: "Assign a grade or eject",
  request: { params: idParam, body: jsonBody(RegistrationUpdateSchema) },
  errors: { 400: errorDoc("Invalid update"), ...notFound },
});

export function registrationRoutes() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(
      create,
      (c) => answerCreate(c, "registrations", c.req.valid("json"), registerPlan, refusalError),
      errorListHook,
    )
    .route("/", batchRoutes())
    .openapi(getOne, (c) => readOne(c, c.req.valid("param").id, getRegistration, toRegistration))
    .openapi(list, (c) => cursorList(c, c.req.valid("query"), listRegistrations, toRegistration))
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
