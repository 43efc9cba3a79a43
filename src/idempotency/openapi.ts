/**
 * How the create routes document Idempotency-Key. It is a plain OpenAPI parameter rather than a
 * request schema, so typed clients need not pass it; createdOnce validates it.
 */
import { errorResponse } from "../http/openapi-schemas";

export const idempotencyKeyParameter = {
  name: "Idempotency-Key",
  in: "header" as const,
  required: false,
  schema: { type: "string" as const, minLength: 1, maxLength: 255, pattern: "^[\\x21-\\x7e]+$" },
  description:
    "1 to 255 visible ASCII characters. A repeat of the same request under the same key within 24 hours " +
    "answers the original 201 (same Location) and creates nothing; only a 201 is remembered. " +
    "Malformed: 400 `invalid_body`.",
  example: "3f1c9a6e-7b2d-4e8a-9c5f-2d7e8b1a4c60",
};

export const keyReusedResponse = errorResponse("Idempotency-Key was already used with a different request");
