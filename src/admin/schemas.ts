/** Request schemas of the operator API. */
import { z } from "@hono/zod-openapi";
import { requiredString } from "../http/route";

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
