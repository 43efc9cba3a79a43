/** Request and response schemas of /offerings (API.md §5). */
import { z } from "@hono/zod-openapi";
import { parsedWith } from "../http/parsed";
import { dateFilterParam } from "../http/date-filter";
import { parseDateInput } from "../lib/iso-date";
import { requiredString } from "../http/route";
import { pageQuery, pageSchema } from "../http/paging";
import { queryText } from "../http/query-param";
import { substringFilter } from "../http/substring-filter";
import { tagFilter, tagsField } from "../http/tags";
import { withTextRule } from "../http/text-field";

/** A date field: an ISO-8601 date-time with a zone, or a plain date; `null` clears it. */
function dateField(field: string) {
  const parseDate = parsedWith(parseDateInput, `${field} must be a date`);
  return z
    .string({ error: `${field} must be a date` })
    .nullable()
    .transform((value, ctx): number | null => (value === null ? null : parseDate(value, ctx)))
    .openapi({ type: ["string", "null"], format: "date-time", example: "2026-01-31T00:00:00Z" });
}

/** A short optional text; `""` (null after the body rules) clears it. */
function shortText(field: string, max: number) {
  return z
    .string({ error: `${field} must be a string` })
    .max(max, { error: `${field} must be at most ${max} characters` })
    .nullable();
}

function description(field: string) {
  const text = z
    .string({ error: `${field} must be a string` })
    .max(10_000, { error: `${field} must be at most 10000 characters` });
  return withTextRule(text, field, { multiline: true }).nullable();
}

const fields = {
  title: requiredString("title").max(255, { error: "title must be at most 255 characters" }).openapi({ example: "Workplace Safety 101" }),
  summary: shortText("summary", 1000),
  thumbnailId: shortText("thumbnailId", 255),
  catalogDescription: description("catalogDescription"),
  dashboardDescription: description("dashboardDescription"),
  deliveryDescription: description("deliveryDescription"),
  price: z
    .number({ error: "price must be a non-negative number" })
    .min(0, { error: "price must be a non-negative number" })
    .max(1e12, { error: "price must be a non-negative number" })
    .nullable(),
  tags: tagsField,
  orderIndex: z
    .number({ error: "orderIndex must be an integer" })
    .int({ error: "orderIndex must be an integer" })
    .min(-1e9, { error: "orderIndex must be an integer" })
    .max(1e9, { error: "orderIndex must be an integer" }),
  beginDate: dateField("beginDate"),
  endDate: dateField("endDate"),
  registrationBeginDate: dateField("registrationBeginDate"),
  registrationEndDate: dateField("registrationEndDate"),
  allowRetake: z.boolean({ error: "allowRetake must be true or false" }),
  passingGrade: z
    .number({ error: "passingGrade must be a number between 0 and 100" })
    .min(0, { error: "passingGrade must be a number between 0 and 100" })
    .max(100, { error: "passingGrade must be a number between 0 and 100" }),
  seatLimit: z
    .number({ error: "seatLimit must be a positive integer" })
    .int({ error: "seatLimit must be a positive integer" })
    .min(1, { error: "seatLimit must be a positive integer" })
    .max(1e9, { error: "seatLimit must be a positive integer" })
    .nullable()
    .openapi({ description: "Omitted or null: unlimited." }),
  offeringCategoryIds: z
    .array(withTextRule(z.string({ error: "offeringCategoryIds must be an array of ids" }), "offeringCategoryIds"), {
      error: "offeringCategoryIds must be an array of ids",
    })
    .max(50, { error: "offeringCategoryIds must hold at most 50 ids" })
    .nullable()
    .transform((ids) => [...new Set(ids ?? [])]),
};

/** An update sends only what changes (API.md); the create requires a title. */
export const OfferingUpdateSchema = z.object(fields).partial().openapi("OfferingUpdate");

export const OfferingCreateSchema = OfferingUpdateSchema.extend({ title: fields.title }).openapi("OfferingCreate");

export type OfferingUpdate = z.infer<typeof OfferingUpdateSchema>;
export type OfferingCreate = z.infer<typeof OfferingCreateSchema>;

export const OfferingSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    summary: z.string().optional(),
    thumbnailId: z.string().optional(),
    createdDate: z.string(),
    beginDate: z.string().optional(),
    endDate: z.string().optional(),
    registrationBeginDate: z.string().optional(),
    registrationEndDate: z.string().optional(),
    catalogDescription: z.string().optional(),
    dashboardDescription: z.string().optional(),
    deliveryDescription: z.string().optional(),
    price: z.number().optional(),
    offeringCategoryIds: z.array(z.string()).optional().openapi({ description: "Omitted when there are none." }),
    tags: z.array(z.string()).optional().openapi({ description: "Omitted when there are none." }),
    orderIndex: z.number(),
    allowRetake: z.boolean(),
    passingGrade: z.number(),
    seatLimit: z.number().optional(),
  })
  .openapi("Offering");

export const OfferingPageSchema = pageSchema(OfferingSchema, "OfferingPage");

export const OfferingListQuerySchema = z.object({
  ...pageQuery,
  title: substringFilter("title"),
  offeringCategoryId: queryText("offeringCategoryId"),
  tag: tagFilter,
  createdDate: dateFilterParam("createdDate"),
  userId: queryText("userId")
    .openapi({ description: "Only the offerings this user may register into now (the rules of POST /registrations)." }),
  studentId: queryText("studentId")
    .openapi({ deprecated: true, description: "The older DigitalChalk name of userId; userId wins when both are given." }),
});
