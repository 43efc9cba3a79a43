/** The /users routes (API.md §4). */
import type { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { isId } from "../lib/crypto";
import type { AppEnv } from "../http/app-env";
import { collection } from "../http/collection";
import { answerCreate } from "../http/create";
import { errorResponse, fieldErrors, MESSAGES, resourceNotFound, validationError } from "../http/errors";
import { noContent } from "../http/answers";
import { getUser, listUsers } from "./read";
import { toUser } from "./representation";
import { UserCreateSchema, UserListQuerySchema, UserPageSchema, UserSchema, UserUpdateSchema } from "./schemas";
import { createUserPlan, deleteUser, findConflicts, updateUser, type Conflicts } from "./write";

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

export function userRoutes() {
  return collection({
    path: "/users",
    noun: { a: "a user", many: "users" },
    represent: toUser,
    list: {
      summary: "List users, oldest first",
      query: UserListQuerySchema,
      page: UserPageSchema,
      cursor: true,
      read: listUsers,
    },
    getOne: { item: UserSchema, read: getUser },
    // The bodies' schemas, registered where their routes would have named them (same document).
    components: { UserCreate: UserCreateSchema, UserUpdate: UserUpdateSchema },
    create: {
      body: bodyByReference("UserCreate"),
      handler: async (c) => {
        const input = await parseUserBody(c, UserCreateSchema, undefined);
        if (input.refused) return input.refused;
        const usernameSent = input.value.username !== undefined;
        const refusalError = (refused: Conflicts) => fieldErrors(conflictErrors(refused, usernameSent));
        return answerCreate(c, "users", input.value, createUserPlan, refusalError, { secretFields: ["password"] });
      },
    },
    update: {
      summary: "Update a user (partial; tags replace the list)",
      body: bodyByReference("UserUpdate"),
      handler: async (c) => {
        const { id } = c.req.valid("param");
        const input = await parseUserBody(c, UserUpdateSchema, id);
        if (input.refused) return input.refused;
        if (!isId(id)) return resourceNotFound();
        const result = await updateUser(c.var.db, c.var.organizationId, id, input.value, Date.now());
        if (result.ok) return noContent();
        if (result.notFound) return resourceNotFound();
        return errorResponse(fieldErrors(conflictErrors(result, input.value.username !== undefined)));
      },
    },
    remove: { summary: "Delete a user; their active registrations become ejected", write: deleteUser },
  });
}
