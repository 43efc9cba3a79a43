/** Request and response schemas of /userfieldcategories (API.md §7a): they validate and document. */
import { z } from "@hono/zod-openapi";
import { createAndUpdate } from "../http/create-update";
import { USERFIELD_CATEGORY_TYPES } from "../db/schema";
import { requiredString } from "../http/route";
import type { OptionalKeys } from "../http/optional-keys";
import { pageQuery, pageSchema } from "../http/paging";
import { substringFilter } from "../http/substring-filter";

const MAX_NAME = 255;
export const TYPE_MESSAGE = "type must be public or private";

const name = requiredString("name")
  .max(MAX_NAME, { error: `name must be at most ${MAX_NAME} characters` })
  .openapi({ example: "Employment" });

/** A body's `""` (null here, src/http/json-body.ts) is refused: a category always has a type. */
const type = z
  .enum(USERFIELD_CATEGORY_TYPES, { error: TYPE_MESSAGE })
  .optional()
  .openapi({ type: "string", enum: [...USERFIELD_CATEGORY_TYPES], description: "Default `public`.", example: "private" });

const orderIndex = z
  .int({ error: "orderIndex must be an integer" })
  .optional()
  .openapi({ type: "integer", description: "Position in lists; defaults to after the last category.", example: 2 });

export const { create: UserfieldCategoryCreateSchema, update: UserfieldCategoryUpdateSchema } = createAndUpdate(
  "UserfieldCategory",
  { name, type, orderIndex },
  ["name"],
);

export type UserfieldCategoryCreate = OptionalKeys<z.infer<typeof UserfieldCategoryCreateSchema>>;
export type UserfieldCategoryUpdate = OptionalKeys<z.infer<typeof UserfieldCategoryUpdateSchema>>;

export const UserfieldCategorySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.enum(USERFIELD_CATEGORY_TYPES),
    orderIndex: z.number().int(),
    createdDate: z.string(),
  })
  .openapi("UserfieldCategory");

export const UserfieldCategoryPageSchema = pageSchema(UserfieldCategorySchema, "UserfieldCategoryPage");

export const UserfieldCategoryListQuerySchema = z.object({
  ...pageQuery,
  name: substringFilter("name"),
  type: z
    .enum(USERFIELD_CATEGORY_TYPES, { error: TYPE_MESSAGE })
    .optional()
    .openapi({ description: "Only the categories of this type." }),
});
