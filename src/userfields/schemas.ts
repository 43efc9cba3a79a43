/** Request and response schemas of /userfields (API.md §7a): they validate and document. */
import { z } from "@hono/zod-openapi";
import { createAndUpdate } from "../http/create-update";
import { parsedWith } from "../http/parsed";
import { USERFIELD_CATEGORY_TYPES, USERFIELD_TYPES } from "../db/schema";
import { MESSAGES } from "../http/errors";
import { requiredString } from "../http/route";
import type { OptionalKeys } from "../http/optional-keys";
import { pageQuery, pageSchema } from "../http/paging";
import { queryText } from "../http/query-param";
import { substringFilter } from "../http/substring-filter";
import { withTextRule } from "../http/text-field";
import { canonicalType, OPTION_TYPES, OPTIONS_REQUIRED, TYPE_ALIASES, TYPE_MESSAGE } from "./field-types";

const MAX_NAME = 255;
const MAX_MESSAGE = 1000;
const OPTIONS_MESSAGE = "options must be a list of {name, selected} with unique, non-empty names";
const CONSTRAINTS_MESSAGE = "constraints must be {min, max} numbers, min not greater than max";
const LOCALIZED_MESSAGE = "localizedNames must map ISO 639-1 codes to names";

/** Inside a value (a bound, an option): `null` is absent. */
const absentIfNull = <T>(value: T | null | undefined): T | undefined => value ?? undefined;

/**
 * A top-level `""` reaches the schema as `null` (src/http/json-body.ts: it clears); the
 * domain writes know clearing as `""`.
 */
const clearIfNull = (value: string | null | undefined): string | undefined => (value === null ? "" : value);

const name = requiredString("name")
  .max(MAX_NAME, { error: `name must be at most ${MAX_NAME} characters` })
  .openapi({ example: "Employee Number" });

const type = z
  .string({
    error: (issue) => (issue.input === undefined || issue.input === null ? "type is required" : TYPE_MESSAGE),
  })
  .min(1, { error: "type is required" })
  .transform(parsedWith((value) => canonicalType(value) ?? null, TYPE_MESSAGE))
  .openapi({
    type: "string",
    enum: [...USERFIELD_TYPES, ...Object.keys(TYPE_ALIASES)],
    description: "Aliases `string`, `float`, `radios` are stored (and returned) as `text`, `decimal`, `radiobuttons`.",
    example: "integer",
  });

/** `""` means no category (on a PUT: clears it). */
const categoryId = z
  .string({ error: MESSAGES.unknownUserfieldCategory })
  .nullish()
  .transform(clearIfNull)
  .openapi({ type: "string", description: "A userfield category of the organization; `\"\"` for none.", example: "9f0c4e1a2b3d4c5e6f708192a3b4c5d6" });

const orderIndex = z
  .int({ error: "orderIndex must be an integer" })
  .optional()
  .openapi({ type: "integer", description: "Position within the category; defaults to after the last field.", example: 3 });

const flag = (field: string) =>
  z.boolean({ error: `${field} must be a boolean` }).optional().openapi({ type: "boolean", description: "Default false." });

/** Help text may run over several lines (API.md §1: tab, LF and CR allowed). */
const message = withTextRule(
  z.string({ error: "message must be a string" }).max(MAX_MESSAGE, { error: `message must be at most ${MAX_MESSAGE} characters` }),
  "message",
  { multiline: true },
)
  .nullish()
  .transform(clearIfNull)
  .openapi({ type: "string", description: "Help text; `\"\"` clears it on a PUT.", example: "As on your badge" });

const option = z.object(
  {
    // Reported under the list's own name: fieldErrors are keyed by the top-level field.
    name: withTextRule(
      z.string({ error: OPTIONS_MESSAGE }).min(1, { error: OPTIONS_MESSAGE }).max(MAX_NAME, { error: OPTIONS_MESSAGE }),
      "options",
    ),
    selected: z.boolean({ error: OPTIONS_MESSAGE }).nullish().transform((value) => value ?? false),
  },
  { error: OPTIONS_MESSAGE },
);

const options = z
  .array(option, { error: OPTIONS_MESSAGE })
  .max(100, { error: OPTIONS_MESSAGE })
  .refine((list) => new Set(list.map((item) => item.name)).size === list.length, { error: OPTIONS_MESSAGE })
  .nullish()
  .transform((list) => (list === null || list === undefined || list.length === 0 ? undefined : list))
  .openapi({
    type: "array",
    description: "For dropdown, radiobuttons and checkboxes (at least one, names unique); `selected` defaults to false.",
    example: [{ name: "Small", selected: false }, { name: "Large", selected: true }],
  });

const bound = z.number({ error: CONSTRAINTS_MESSAGE }).nullish().transform(absentIfNull);
const constraints = z
  .object({ min: bound, max: bound }, { error: CONSTRAINTS_MESSAGE })
  .refine((value) => value.min === undefined || value.max === undefined || value.min <= value.max, {
    error: CONSTRAINTS_MESSAGE,
  })
  .nullish()
  .transform((value) => (value === null || value === undefined || (value.min === undefined && value.max === undefined) ? undefined : value))
  .openapi({
    type: "object",
    description: "Value bounds for integer and decimal, length bounds for text; ignored for other types.",
    example: { min: 1, max: 99999 },
  });

const localizedNames = z
  .record(
    z.string().regex(/^[a-z]{2}$/, { error: LOCALIZED_MESSAGE }),
    withTextRule(
      z.string({ error: LOCALIZED_MESSAGE }).min(1, { error: LOCALIZED_MESSAGE }).max(MAX_NAME, { error: LOCALIZED_MESSAGE }),
      "localizedNames",
    ),
    { error: LOCALIZED_MESSAGE },
  )
  .nullish()
  .transform((value) => (value === null || value === undefined || Object.keys(value).length === 0 ? undefined : value))
  .openapi({ type: "object", example: { de: "Personalnummer" } });

const shared = {
  categoryId,
  orderIndex,
  required: flag("required"),
  readOnly: flag("readOnly"),
  message,
  options,
  constraints,
  localizedNames,
};

export const { create: UserfieldCreateSchema, update: UserfieldUpdateSchema } = createAndUpdate(
  "Userfield",
  { name, type, ...shared },
  ["name", "type"],
  (value, ctx) => {
    if (OPTION_TYPES.includes(value.type) && value.options === undefined) {
      ctx.addIssue({ code: "custom", path: ["options"], message: OPTIONS_REQUIRED });
    }
  },
);

export type UserfieldCreate = OptionalKeys<z.infer<typeof UserfieldCreateSchema>>;
export type UserfieldUpdate = OptionalKeys<z.infer<typeof UserfieldUpdateSchema>>;

export const UserfieldSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.enum(USERFIELD_TYPES),
    categoryId: z.string().optional(),
    categoryName: z.string().optional(),
    categoryType: z.enum(USERFIELD_CATEGORY_TYPES).optional(),
    orderIndex: z.number().int(),
    required: z.boolean(),
    readOnly: z.boolean(),
    message: z.string().optional(),
    options: z.array(z.object({ name: z.string(), selected: z.boolean() })).optional(),
    constraints: z.object({ min: z.number().optional(), max: z.number().optional() }).optional(),
    localizedNames: z.record(z.string(), z.string()).optional(),
    createdDate: z.string(),
  })
  .openapi("Userfield");

export const UserfieldPageSchema = pageSchema(UserfieldSchema, "UserfieldPage");

export const UserfieldListQuerySchema = z.object({
  ...pageQuery,
  name: substringFilter("name"),
  categoryId: queryText("categoryId").openapi({ description: "Only the fields of this category." }),
  categoryType: z
    .enum(USERFIELD_CATEGORY_TYPES, { error: "categoryType must be public or private" })
    .optional()
    .openapi({ description: "Only the fields in a category of this type." }),
});
