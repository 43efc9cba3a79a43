/** The /users routes (API.md §4). */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { isId } from "../db/ids";
import type { AppEnv } from "../http/app-env";
import { createTarget, runCreate } from "../http/create";
import { errorResponse, fieldErrors, MESSAGES, resourceNotFound, validationError, validationHook } from "../http/errors";
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
  jsonDoc,
  keyReusedDoc,
  noContentDoc,
} from "../http/route";
import { getUser, listUsers } from "./read";
import { toUser } from "./representation";
import { UserCreateSchema, UserListQuerySchema, UserPageSchema, UserSchema, UserUpdateSchema } from "./schemas";
import { createUserPlan, deleteUser, findConflicts, updateUser, type Conflicts } from "./write";

const tags = ["Users"];
const security = BEARER;

/**
 * The "already in use" errors. A username that was not sent (on creation it defaults to the
 * email) is not reported next to the email's error: the caller never sent one (API.md §4).
 */
function conflictErrors(conflicts: Conflicts, usernameSent: boolean): Record<string, string> {
  const errors: Record<string, string> = {};
  if (conflicts.emailTaken) errors.email = MESSAGES.emailTaken;
  if (conflicts.usernameTaken && (usernameSent || !conflicts.emailTaken)) errors.username = MESSAGES.usernameTaken;
  return errors;
}

/**
 * A user body is validated here rather than by the router, because its 400 also reports the
 * "already in use" errors of the well-formed email and username (API.md §4): a read, on this
 * error path only. `exceptId`: the user being updated (absent on creation, where an omitted
 * username is the email).
 */
async function parseUserBody<S extends typeof UserCreateSchema | typeof UserUpdateSchema>(
  c: Context<AppEnv>,
  schema: S,
  exceptId: string | undefined,
): Promise<{ value: z.infer<S>; refused?: undefined } | { refused: Response }> {
  // As bodyRules left it (API.md §10): null is absent, "" is null (clear).
  const body = (await c.req.json()) as Record<string, unknown>;
  const result = schema.safeParse(body);
  if (result.success) return { value: result.data as z.infer<S> };
  const error = validationError(result.error, "json");
  const fields = { ...error.body.fieldErrors };
  const given = (field: "email" | "username") =>
    typeof body[field] === "string" && body[field] !== "" && fields[field] === undefined ? (body[field] as string) : undefined;
  const email = given("email");
  const username = given("username") ?? (exceptId === undefined && body.username === undefined ? email : undefined);
  if ((email === undefined && username === undefined) || (exceptId !== undefined && !isId(exceptId))) {
    return { refused: errorResponse(error) };
  }
  const conflicts = await findConflicts(c.var.db, c.var.organizationId, email, username, exceptId);
  return { refused: errorResponse(fieldErrors({ ...fields, ...conflictErrors(conflicts, body.username !== undefined) })) };
}

/** The body of a route that parses it itself: documented by reference to its registered schema. */
function bodyByReference(name: string) {
  return { required: true, content: { "application/json": { schema: { $ref: `#/components/schemas/${name}` } } } };
}

const list = createRoute({
  method: "get",
  path: "/users",
  tags,
  security,
  summary: "List users, oldest first",
  request: { query: UserListQuerySchema },
  responses: {
    200: { description: "A page of users", headers: cursorLinkHeader, content: { "application/json": { schema: UserPageSchema } } },
    400: errorDoc("Invalid paging or filter"),
    ...authErrors,
  },
});

const getOne = createRoute({
  method: "get",
  path: "/users/{id}",
  tags,
  security,
  summary: "Read a user",
  request: { params: idParam },
  responses: { 200: jsonDoc(UserSchema, "The user"), 404: errorDoc("No such user"), ...authErrors },
});

const create = createRoute({
  method: "post",
  path: "/users",
  tags,
  security,
  summary: "Create a user",
  parameters: [idempotencyKeyParameter],
  middleware: [bodyRules()] as const,
  request: { body: bodyByReference("UserCreate") },
  responses: { 201: createdDoc, 400: errorDoc("Invalid fields"), 422: keyReusedDoc, ...bodyErrors, ...authErrors },
});

const update = createRoute({
  method: "put",
  path: "/users/{id}",
  tags,
  security,
  summary: "Update a user (partial; tags replace the list)",
  middleware: [bodyRules()] as const,
  request: { params: idParam, body: bodyByReference("UserUpdate") },
  responses: {
    204: noContentDoc,
    400: errorDoc("Invalid fields"),
    404: errorDoc("No such user"),
    ...bodyErrors,
    ...authErrors,
  },
});

const remove = createRoute({
  method: "delete",
  path: "/users/{id}",
  tags,
  security,
  summary: "Delete a user; their active registrations become ejected",
  request: { params: idParam },
  responses: { 204: noContentDoc, 404: errorDoc("No such user"), ...authErrors },
});

export function userRoutes() {
  const router = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(list, async (c) => {
      const { limit, offset, after, ...filters } = c.req.valid("query");
      const page = { limit, offset, after };
      const rows = await listUsers(c.var.db, c.var.organizationId, filters, page);
      const { body, link } = cursorPage(c.req.url, page, rows, toUser);
      if (link !== undefined) c.header("Link", link);
      return c.json(body, 200);
    })
    .openapi(getOne, async (c) => {
      const { id } = c.req.valid("param");
      const row = isId(id) ? await getUser(c.var.db, c.var.organizationId, id) : undefined;
      if (row === undefined) return resourceNotFound();
      return c.json(toUser(row), 200);
    });
  // The bodies' schemas, registered where their routes would have named them (same document).
  router.openAPIRegistry.register("UserCreate", UserCreateSchema);
  router.openAPIRegistry.register("UserUpdate", UserUpdateSchema);
  return router
    .openapi(create, async (c) => {
    const input = await parseUserBody(c, UserCreateSchema, undefined);
    if (input.refused) return input.refused;
    const target = await createTarget(c, "users", { secretFields: ["password"] });
    if (!target.ok) return errorResponse(target.error);
    const plan = await createUserPlan(c.var.db, c.var.organizationId, input.value, target.now, target);
    const run = await runCreate(c.var.db, target, plan);
    if (run.answer) return run.answer;
    const refused = plan.refusal(run.results);
    return refused
      ? errorResponse(fieldErrors(conflictErrors(refused, input.value.username !== undefined)))
      : created(target.location);
    })
    .openapi(update, async (c) => {
      const { id } = c.req.valid("param");
      const input = await parseUserBody(c, UserUpdateSchema, id);
      if (input.refused) return input.refused;
      if (!isId(id)) return resourceNotFound();
      const result = await updateUser(c.var.db, c.var.organizationId, id, input.value);
      if (result.ok) return noContent();
      if (result.notFound) return resourceNotFound();
      return errorResponse(fieldErrors(conflictErrors(result, input.value.username !== undefined)));
    })
    .openapi(remove, async (c) => {
      const { id } = c.req.valid("param");
      if (!isId(id) || !(await deleteUser(c.var.db, c.var.organizationId, id, Date.now()))) return resourceNotFound();
      return noContent();
    });
}
