/** Request and response schemas of /offeringcategories: they validate and they document. */
import { z } from "@hono/zod-openapi";
import { createAndUpdate } from "../http/create-update";
import { dateFilterParam } from "../http/date-filter";
import { requiredString } from "../http/route";
import { withTextRule } from "../http/text-field";
import { pageQuery, pageSchema } from "../http/paging";
import { substringFilter } from "../http/substring-filter";

const MAX_NAME = 255;
const COLOR_MESSAGE = "color must be a color in the form #rrggbb";

const name = requiredString("name")
  .max(MAX_NAME, { error: `name must be at most ${MAX_NAME} characters` })
  .openapi({ example: "Compliance" });

/** `null` clears it on a PUT; an empty text is no description either, so it is stored as none. */
const description = withTextRule(z.string({ error: "description must be a string" }), "description", { multiline: true })
  .nullable()
  .transform((value) => (value === "" ? null : value))
  .optional()
  .openapi({
    type: "string",
    description: "null or an empty text clears it on a PUT.",
    example: "Courses every employee takes each year",
  });

/** Stored lowercase, so that one color has one spelling. `null` clears it on a PUT. */
const color = z
  .string({ error: COLOR_MESSAGE })
  .regex(/^#[0-9a-fA-F]{6}$/, { error: COLOR_MESSAGE })
  .transform((value) => value.toLowerCase())
  .nullable()
  .optional()
  .openapi({
    type: "string",
    pattern: "^#[0-9a-fA-F]{6}$",
    description: "Stored lower case; null clears it on a PUT.",
    example: "#1a7f37",
  });

/** Bounded as on offerings, so that "after the last" never runs past the safe integers. */
const orderIndex = z
  .int({ error: "orderIndex must be an integer" })
  .min(-1e9, { error: "orderIndex must be an integer" })
  .max(1e9, { error: "orderIndex must be an integer" })
  .optional()
  .openapi({ description: "Position in lists; defaults to after the last category.", example: 3 });

export const { create: OfferingCategoryCreateSchema, update: OfferingCategoryUpdateSchema } = createAndUpdate(
  "OfferingCategory",
  { name, description, color, orderIndex },
  ["name"],
);

export type OfferingCategoryCreate = z.infer<typeof OfferingCategoryCreateSchema>;
export type OfferingCategoryUpdate = z.infer<typeof OfferingCategoryUpdateSchema>;

export const OfferingCategorySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().optional(),
    color: z.string().optional(),
    orderIndex: z.number().int(),
    createdDate: z.string(),
  })
  .openapi("OfferingCategory");

export const OfferingCategoryPageSchema = pageSchema(OfferingCategorySchema, "OfferingCategoryPage");

export const OfferingCategoryListQuerySchema = z.object({
  ...pageQuery,
  name: substringFilter("name").openapi({ description: "Case-insensitive substring of the name." }),
  createdDate: dateFilterParam("createdDate"),
});
