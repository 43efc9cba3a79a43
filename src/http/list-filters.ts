/**
 * The filters of a list as its domain read takes them: the list's query (its schema's output)
 * less the paging. Filters not given are optional keys, so callers name only those they use.
 */
import type { z } from "@hono/zod-openapi";
import type { OptionalKeys } from "./optional-keys";

export type ListFilters<Q extends z.ZodType> = OptionalKeys<Omit<z.output<Q>, "limit" | "offset" | "after">>;
