/** Request and response schemas of POST /registrations/batch: they validate and they document. */
import { z } from "@hono/zod-openapi";
import { ErrorBodySchema } from "../http/route";
import { MAX_BATCH_ITEMS } from "./register-batch";

export const BATCH_SIZE_MESSAGE = `registrations must be an array of 1 to ${MAX_BATCH_ITEMS} items`;
export const ATOMIC_MESSAGE = "atomic must be a boolean";

/** Items are checked one by one, as the single POST checks its body: here only the list's shape. */
export const RegistrationBatchSchema = z
  .object({
    registrations: z
      .array(z.unknown(), { error: BATCH_SIZE_MESSAGE })
      .min(1, { error: BATCH_SIZE_MESSAGE })
      .max(MAX_BATCH_ITEMS, { error: BATCH_SIZE_MESSAGE })
      .openapi({
        type: "array",
        minItems: 1,
        maxItems: MAX_BATCH_ITEMS,
        items: { $ref: "#/components/schemas/RegistrationCreate" },
        description: "Decided in order, as if each were posted alone to POST /registrations.",
      }),
    atomic: z
      .boolean({ error: ATOMIC_MESSAGE })
      .optional()
      .openapi({ description: "All items are registered or none (409 when any is refused). Default false." }),
  })
  .openapi("RegistrationBatch");

const BatchItemResultSchema = z
  .object({
    status: z.number().int().openapi({
      description: "201 registered; 400 refused (the single POST's answer); 409 not made, atomic batch refused.",
    }),
    id: z.string().optional().openapi({ description: "With 201: the new registration's id." }),
    location: z.string().optional().openapi({ description: "With 201: `<base path>/registrations/<id>`." }),
    errors: z.array(z.string()).optional().openapi({ description: "With 400: the single POST's `errors`." }),
    code: z.string().optional().openapi({ description: "With 400: the single POST's `X-Error-Code`." }),
  })
  .openapi("RegistrationBatchItemResult");

export const RegistrationBatchResultSchema = z
  .object({ results: z.array(BatchItemResultSchema) })
  .openapi("RegistrationBatchResult");

/** The error body of every error response, with the per-item results beside `errors`. */
export const RegistrationBatchRefusedSchema = ErrorBodySchema.extend({ results: z.array(BatchItemResultSchema) }).openapi(
  "RegistrationBatchRefused",
);
