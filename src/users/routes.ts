/** The /users routes (API.md §4). */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { isId } from "../db/ids";
import type { AppEnv } from "../http/app-env";
import { fieldError, resourceNotFound } from "../http/errors";
import { jsonBody } from "../http/json-body";
import { createdResponse, errorResponse, idParam, noContentResponse } from "../http/openapi-schemas";
import { pageBody } from "../http/paging";
import { apiPrefix, created, noContent } from "../http/responses";
import { fieldErrorsHook } from "../http/validation";
import { getUser, listUsers } from "./read";
import { toUser } from "./representation";
import { UserCreateSchema, UserListQuerySchema, UserPageSchema, UserSchema, UserUpdateSchema } from "./schemas";
import { createUser, deleteUser, updateUser, type Conflicts } from "./write";

const tags = ["Users"];
const security = [{ Bearer: [] }];

function conflictError(conflicts: Conflicts) {
  const fieldErrors: Record<string, string> = {};
  if (conflicts.emailTaken) fieldErrors.email = "Email address is already in use";
  if (conflicts.usernameTaken) fieldErrors.username = "Username is already in use";
  return fieldError(fieldErrors);
}

const list = createRoute({
  method: "get",
  path: "/users",
  tags,
  security,
  summary: "List users, oldest first",
  request: { query: UserListQuerySchema },
  responses: {
    200: { description: "A page of users", content: { "application/json": { schema: UserPageSchema } } },
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
  middleware: [jsonBody()] as const,
  request: { body: { required: true, content: { "application/json": { schema: UserCreateSchema } } } },
  responses: { 201: createdResponse, 400: errorResponse("Invalid fields") },
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
      const { limit, offset, ...filters } = c.req.valid("query");
      const page = { limit, offset };
      const rows = await listUsers(c.var.db, c.var.organizationId, filters, page);
      return c.json(pageBody(c.req.url, page, rows.map(toUser)), 200);
    })
    .openapi(getOne, async (c) => {
      const { id } = c.req.valid("param");
      const row = isId(id) ? await getUser(c.var.db, c.var.organizationId, id) : undefined;
      if (row === undefined) throw resourceNotFound();
      return c.json(toUser(row), 200);
    })
    .openapi(create, async (c) => {
      const result = await createUser(c.var.db, c.var.organizationId, c.req.valid("json"), Date.now());
      if (!result.ok) throw conflictError(result);
      return created(`${apiPrefix(c)}/users/${result.id}`);
    })
    .openapi(update, async (c) => {
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      if (!isId(id)) throw resourceNotFound();
      const result = await updateUser(c.var.db, c.var.organizationId, id, input);
      if (result.ok) return noContent();
      if (result.notFound) throw resourceNotFound();
      throw conflictError(result);
    })
    .openapi(remove, async (c) => {
      const { id } = c.req.valid("param");
      if (!isId(id) || !(await deleteUser(c.var.db, c.var.organizationId, id, Date.now()))) throw resourceNotFound();
      return noContent();
    });
}
