/** The /users routes (API.md §4). */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { isId } from "../db/ids";
import type { AppEnv } from "../http/app-env";
import { type ApiError, fieldError, resourceNotFound } from "../http/errors";
import { jsonBody } from "../http/json-body";
import { createdResponse, errorResponse, idParam, noContentResponse } from "../http/openapi-schemas";
import { cursorLinkHeader, cursorPage } from "../http/paging";
import { noContent } from "../http/responses";
import { createdOnce } from "../idempotency/created-once";
import { idempotencyKeyParameter, keyReusedResponse } from "../idempotency/openapi";
import { fieldErrorsHook, toApiError, type ValidationResult } from "../http/validation";
import { getUser, listUsers } from "./read";
import { toUser } from "./representation";
import { UserCreateSchema, UserListQuerySchema, UserPageSchema, UserSchema, UserUpdateSchema } from "./schemas";
import { createUser, deleteUser, findConflicts, updateUser, type Conflicts } from "./write";

const tags = ["Users"];
const security = [{ Bearer: [] }];

function conflictError(conflicts: Conflicts) {
  const fieldErrors: Record<string, string> = {};
  if (conflicts.emailTaken) fieldErrors.email = "Email address is already in use";
  if (conflicts.usernameTaken) fieldErrors.username = "Username is already in use";
  return fieldError(fieldErrors);
}

/**
 * Validation of a user body, with the "already in use" errors reported together with the
 * others (API.md §4): when fields fail, the email and username that are well-formed are still
 * checked against the organization's live users.
 */
function userFieldsHook<P extends string>(result: ValidationResult, c: Context<AppEnv, P>): Promise<never> | undefined {
  if (result.success || !result.error) return undefined;
  return rejectUserFields(toApiError(result.error, result.target, false), c);
}

async function rejectUserFields<P extends string>(error: ApiError, c: Context<AppEnv, P>): Promise<never> {
  const fieldErrors = { ...error.body.fieldErrors };
  const body = (await c.req.json()) as Record<string, unknown>;
  const given = (field: "email" | "username") =>
    typeof body[field] === "string" && body[field] !== "" && fieldErrors[field] === undefined
      ? (body[field] as string)
      : undefined;
  const id = c.req.param("id");
  const email = given("email");
  // On creation an omitted username is the email.
  const username = given("username") ?? (id === undefined && body.username === undefined ? email : undefined);
  if (email === undefined && username === undefined) throw error;
  if (id !== undefined && !isId(id)) throw error;
  const conflicts = await findConflicts(c.var.db, c.var.organizationId, email, username, id);
  throw fieldError({ ...fieldErrors, ...conflictError(conflicts).body.fieldErrors });
}

const list = createRoute({
  method: "get",
  path: "/users",
  tags,
  security,
  summary: "List users, oldest first",
  request: { query: UserListQuerySchema },
  responses: {
    200: {
      description: "A page of users",
      headers: cursorLinkHeader,
      content: { "application/json": { schema: UserPageSchema } },
    },
    400: errorResponse("Invalid paging or filter"),
  },
});

const getOne = createRoute({
  method: "get",
  path: "/users/{id}",
  tags,
  security,
  summary: "Read a user",
  request: { params: idParam },
  responses: {
    200: { description: "The user", content: { "application/json": { schema: UserSchema } } },
    404: errorResponse("No such user"),
  },
});

const create = createRoute({
  method: "post",
  path: "/users",
  tags,
  security,
  summary: "Create a user",
  parameters: [idempotencyKeyParameter],
  middleware: [jsonBody()] as const,
  request: { body: { required: true, content: { "application/json": { schema: UserCreateSchema } } } },
  responses: { 201: createdResponse, 400: errorResponse("Invalid fields"), 422: keyReusedResponse },
});

const update = createRoute({
  method: "put",
  path: "/users/{id}",
  tags,
  security,
  summary: "Update a user (partial; tags replace the list)",
  middleware: [jsonBody()] as const,
  request: {
    params: idParam,
    body: { required: true, content: { "application/json": { schema: UserUpdateSchema } } },
  },
  responses: { 204: noContentResponse, 400: errorResponse("Invalid fields"), 404: errorResponse("No such user") },
});

const remove = createRoute({
  method: "delete",
  path: "/users/{id}",
  tags,
  security,
  summary: "Delete a user; their active registrations become ejected",
  request: { params: idParam },
  responses: { 204: noContentResponse, 404: errorResponse("No such user") },
});

export function userRoutes() {
  return new OpenAPIHono<AppEnv>({ defaultHook: fieldErrorsHook })
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
      if (row === undefined) throw resourceNotFound();
      return c.json(toUser(row), 200);
    })
    .openapi(create, (c) =>
      createdOnce(
        c,
        "users",
        async (options) => {
          const result = await createUser(c.var.db, c.var.organizationId, c.req.valid("json"), Date.now(), options);
          if (!result.ok) throw conflictError(result);
        },
        { secretFields: ["password"] },
      ),
      userFieldsHook,
    )
    .openapi(
      update,
      async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      if (!isId(id)) throw resourceNotFound();
      const result = await updateUser(c.var.db, c.var.organizationId, id, input, Date.now());
      if (result.ok) return noContent();
      if (result.notFound) throw resourceNotFound();
      throw conflictError(result);
      },
      userFieldsHook,
    )
    .openapi(remove, async (c) => {
      const { id } = c.req.valid("param");
      if (!isId(id) || !(await deleteUser(c.var.db, c.var.organizationId, id, Date.now()))) throw resourceNotFound();
      return noContent();
    });
}
