/** Request and response schemas of the agreements routes. */
import { z } from "@hono/zod-openapi";
import { AGREEMENT_TYPES } from "../db/schema";
import { AgreementTypeParams } from "../http/route";

export const UserAgreementParams = z.object({
  userId: z
    .string()
    .openapi({ param: { name: "userId", in: "path" }, example: "6629aeada89133acedfad6d7d110123d" }),
  type: AgreementTypeParams.shape.type,
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
