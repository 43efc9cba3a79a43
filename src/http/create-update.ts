/**
 * The bodies of a collection's create and of its partial update (API.md: an update sends only
 * what changes): the same fields, and those the create requires are optional in the update.
 */
import { z } from "@hono/zod-openapi";

type Updated<S extends z.ZodRawShape, R extends keyof S> = { [K in keyof S]: K extends R ? z.ZodOptional<S[K]> : S[K] };

/**
 * `<name>Create` and `<name>Update` from the create's fields; `required` names those the create
 * requires. `checkCreate`: a check of the create's whole body (the update's fields are checked
 * against the stored row by its write).
 */
export function createAndUpdate<S extends z.ZodRawShape, R extends keyof S & string>(
  name: string,
  fields: S,
  required: readonly R[],
  checkCreate?: (value: z.output<z.ZodObject<S>>, ctx: z.RefinementCtx<z.output<z.ZodObject<S>>>) => void,
) {
  const update = Object.fromEntries(
    Object.entries(fields).map(([key, field]) => [key, required.includes(key as R) ? z.optional(field) : field]),
  ) as Updated<S, R>;
  const create = z.object(fields);
  return {
    create: (checkCreate === undefined ? create : create.superRefine(checkCreate)).openapi(`${name}Create`),
    update: z.object(update).openapi(`${name}Update`),
  };
}
