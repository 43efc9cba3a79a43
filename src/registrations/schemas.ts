/** Request and response schemas of /registrations: they validate and they document. */
import { z } from "@hono/zod-openapi";
import { REGISTRATION_STATUSES, type RegistrationStatus } from "../db/schema";
import { dateFilterParam } from "../http/date-filter";
import { requiredReference } from "../http/route";
import { keysetPageQuery, pageSchema } from "../http/paging";
import { queryText } from "../http/query-param";
import { FIELD_MESSAGES } from "../http/errors";
import { isAllowedText, type TextRuleOptions } from "../lib/text-rule";
import type { GradeInput } from "./update";

// References are looked up, never stored as sent: any text that is not an id of the organization
// is step 3's "No … exists" (API.md §3, "malformed" included), not the text rule's error.
export const RegistrationCreateSchema = z
  .object({
    userId: requiredReference("userId").openapi({ example: "6629aeada89133acedfad6d7d110123d" }),
    offeringId: requiredReference("offeringId").openapi({ example: "89cd2eada89133acedfad6d766a2d931" }),
    // Read as userId by the route's body middleware (REGISTRATION_BODY_ALIASES); here to be documented.
    studentId: z.string().optional().openapi({
      deprecated: true,
      description: "The older DigitalChalk name of userId; userId wins when both are given.",
    }),
  })
  .openapi("RegistrationCreate");

/** POST /registrations reads DigitalChalk's older `studentId` as `userId` (API.md §10). */
export const REGISTRATION_BODY_ALIASES = { studentId: "userId" } as const;

export const RegistrationSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    offeringId: z.string(),
    title: z.string(),
    status: z.enum(REGISTRATION_STATUSES),
    grade: z.number().optional(),
    graderId: z.string().optional(),
    graderComment: z.string().optional(),
    createdDate: z.string(),
    beginDate: z.string().optional(),
    lastActiveDate: z.string().optional(),
    endDate: z.string().optional(),
  })
  .openapi("Registration");

export const RegistrationPageSchema = pageSchema(RegistrationSchema, "RegistrationPage");

const statuses: readonly string[] = REGISTRATION_STATUSES;

export const RegistrationListQuerySchema = z.object({
  ...keysetPageQuery,
  status: z
    .string({ error: "status must be one of active, passed, failed, ejected" })
    .optional()
    .refine((value) => value === undefined || statuses.includes(value), {
      error: "status must be one of active, passed, failed, ejected",
    })
    .transform((value) => value as RegistrationStatus | undefined)
    .openapi({ type: "string", enum: [...REGISTRATION_STATUSES] }),
  userId: queryText("userId"),
  offeringId: queryText("offeringId"),
  createdDate: dateFilterParam("createdDate"),
  beginDate: dateFilterParam("beginDate"),
  lastActiveDate: dateFilterParam("lastActiveDate"),
  endDate: dateFilterParam("endDate"),
});

export type RegistrationUpdate = { kind: "grade"; grade: GradeInput } | { kind: "eject" };

const GRADE_MESSAGE = "grade must be a number between 0 and 100";

function optionalText(
  value: unknown,
  field: string,
  max: number,
  ctx: z.RefinementCtx,
  options: TextRuleOptions = {},
): string | undefined {
  // null: cleared with "" (src/http/json-body.ts), the same as not given.
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string" && value.length <= max) {
    if (isAllowedText(value, options)) return value;
    ctx.addIssue({ code: "custom", path: [field], message: FIELD_MESSAGES.notAllowed(field) });
    return undefined;
  }
  ctx.addIssue({ code: "custom", path: [field], message: `${field} must be a string of at most ${max} characters` });
  return undefined;
}

/**
 * PUT body: exactly one of a grade assignment or `{"status":"ejected"}`. The shape is checked
 * by hand so that "both or neither" wins over the values of either.
 */
export const RegistrationUpdateSchema = z
  .object({
    grade: z.unknown().optional().openapi({ type: "number", minimum: 0, maximum: 100 }),
    gradePercentage: z.unknown().optional().openapi({ type: "number", minimum: 0, maximum: 100, description: "Alias of grade." }),
    graderId: z.unknown().optional().openapi({ type: "string", maxLength: 64 }),
    graderComment: z.unknown().optional().openapi({ type: "string", maxLength: 1000 }),
    status: z.unknown().optional().openapi({ type: "string", enum: ["ejected"] }),
  })
  .transform((body, ctx): RegistrationUpdate => {
    const grade = body.grade !== undefined ? body.grade : body.gradePercentage;
    if ((grade === undefined) === (body.status === undefined)) {
      ctx.addIssue({ code: "custom", path: [], message: "Provide either grade or status" });
      return z.NEVER;
    }
    if (body.status !== undefined) {
      if (body.status === "ejected") return { kind: "eject" };
      ctx.addIssue({ code: "custom", path: ["status"], message: "status can only be set to ejected" });
      return z.NEVER;
    }
    if (typeof grade !== "number" || !Number.isFinite(grade) || grade < 0 || grade > 100) {
      ctx.addIssue({ code: "custom", path: ["grade"], message: GRADE_MESSAGE });
    }
    const graderId = optionalText(body.graderId, "graderId", 64, ctx);
    const graderComment = optionalText(body.graderComment, "graderComment", 1000, ctx, { multiline: true });
    return { kind: "grade", grade: { grade: grade as number, graderId, graderComment } };
  })
  .openapi("RegistrationUpdate");
