/** Schemas of /users/<id>/userfieldvalues (API.md §7a). */
import { z } from "@hono/zod-openapi";

const EXAMPLE = { "6d1b5f0e2c8a4b7d9e3f1a2b3c4d5e6f": "555-0100", "0f9e8d7c6b5a49382716f5e4d3c2b1a0": 42 };

export const UserfieldValuesParams = z.object({
  userId: z.string().openapi({ param: { name: "userId", in: "path" }, example: "6629aeada89133acedfad6d7d110123d" }),
});

/** Keys are userfield ids; each value is checked against its field's type when it is written. */
export const UserfieldValuesSchema = z
  .record(z.string(), z.unknown())
  .openapi("UserfieldValues", {
    description:
      "`{\"<userfieldId>\": value}`: a string, number, boolean or array of option names, by the field's type.",
    example: EXAMPLE,
  });

/**
 * The body as parsed, its own keys kept: z.record copies an object by assignment, and a
 * `"__proto__"` key then becomes the copy's prototype, so that entry vanished unreported (the
 * contract reports every id that names no userfield). bodyRules() has made sure it is an object.
 */
const parsedObject = z.custom<Record<string, unknown>>(
  (value) => value !== null && typeof value === "object" && !Array.isArray(value),
  { error: "Request body must be a JSON object" },
);

export const UserfieldValuesUpdateSchema = parsedObject
  .openapi("UserfieldValuesUpdate", {
    type: "object",
    additionalProperties: {},
    description: "Partial: fields not named keep their values; `null` or `\"\"` (or `[]`) clears one.",
    example: { ...EXAMPLE, "aa11bb22cc33dd44ee55ff6677889900": null },
  });
