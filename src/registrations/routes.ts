/** The /registrations routes: HTTP in, one domain operation, HTTP out. */
import { isId } from "../lib/crypto";
import { cursorList, readOne, noContent } from "../http/answers";
import { answerCreate } from "../http/create";
import { errorListHook, errorResponse, fieldErrors, MESSAGES, resourceNotFound } from "../http/errors";
import { errorDoc, idParam, jsonBody, jsonDoc, routeBuilders, routeGroup } from "../http/route";
import { batchRoutes } from "./batch-route";
import { getRegistration, listRegistrations } from "./read";
import { refusalError } from "./refusal";
import { registerPlan } from "./register";
import { toRegistration } from "./representation";
import { REGISTRATION_BODY_ALIASES, RegistrationCreateSchema, RegistrationListQuerySchema, RegistrationPageSchema, RegistrationSchema, RegistrationUpdateSchema } from "./schemas";
import { ejectRegistration, gradeRegistration } from "./update";

const route = routeBuilders({ tags: ["Registrations"] });
const noSuchRegistration = "No such registration";

const create = route.create({
  path: "/registrations",
  summary: "Register a user into an offering",
  bodyRules: { aliases: REGISTRATION_BODY_ALIASES },
  body: jsonBody(RegistrationCreateSchema),
  errors: { 400: errorDoc("Invalid body, unknown user or offering, or the offering is not available to the user") },
});

const getOne = route.item({
  path: "/registrations/{id}",
  summary: "Read a registration",
  item: jsonDoc(RegistrationSchema, "The registration"),
  notFound: noSuchRegistration,
});

const list = route.page({
  path: "/registrations",
  summary: "List registrations, oldest first",
  query: RegistrationListQuerySchema,
  page: jsonDoc(RegistrationPageSchema, "A page of registrations"),
  cursor: true,
});

const update = route.put({
  path: "/registrations/{id}",
  summary: "Assign a grade or eject",
  request: { params: idParam, body: jsonBody(RegistrationUpdateSchema) },
  errors: { 400: errorDoc("Invalid update"), 404: errorDoc(noSuchRegistration) },
});

export function registrationRoutes() {
  return routeGroup()
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
