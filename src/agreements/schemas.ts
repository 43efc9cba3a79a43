/** Request and response schemas of the agreements routes and of the operator's agreement call. */
import { z } from "@hono/zod-openapi";
import { AGREEMENT_TYPES } from "../db/schema";
import { requiredString } from "../http/openapi-schemas";

/**
 * The type is a plain string to the validator: an unknown type names no agreement, which is a
 * 404 (API.md §7), not a 400.
 */
const type = z
  .string()
  .openapi({ param: { name: "type", in: "path" }, type: "string", enum: [...AGREEMENT_TYPES], example: "standard" });

export const AgreementTypeParams = z.object({ type });

export const UserAgreementParams = z.object({
  userId: z
    .string()
    .openapi({ param: { name: "userId", in: "path" }, example: "6629aeada89133acedfad6d7d110123d" }),
  type,
});

export const AgreementSchema = z
  .object({
    type: z.enum(AGREEMENT_TYPES),
    title: z.string(),
    text: z.string(),
    createdDate: z.string(),
    updatedDate: z.string(),
    required: z.boolean(),
  })
  .openapi("Agreement");

export const AgreementListSchema = z.object({ results: z.array(AgreementSchema) }).openapi("AgreementList");

export const UserAgreementSchema = AgreementSchema.extend({
  agreed: z.boolean(),
  agreedDate: z.string().optional(),
}).openapi("UserAgreement");

export const UserAgreementListSchema = z
  .object({ results: z.array(UserAgreementSchema) })
  .openapi("UserAgreementList");

function booleanField(field: string) {
  return z.boolean({
    error: (issue) =>
      issue.input === undefined || issue.input === null ? `${field} is required` : `${field} must be true or false`,
  });
}

export const UserAgreementAnswerSchema = z
  .object({ agreed: booleanField("agreed").openapi({ example: true }) })
  .openapi("UserAgreementAnswer");

/** The operator's PUT: the whole agreement; `required` defaults to false. */
export const AgreementSettingsSchema = z
  .object({
    title: requiredString("title").openapi({ example: "Terms of use" }),
    text: requiredString("text", { multiline: true }).openapi({ example: "By using this site you agree to …" }),
    required: z
      .boolean({ error: "required must be true or false" })
      .optional()
      .openapi({ description: "Whether users must agree; defaults to false." }),
  })
  .openapi("AgreementSettings");

export type AgreementSettings = z.infer<typeof AgreementSettingsSchema>;
