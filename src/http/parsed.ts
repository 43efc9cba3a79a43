/**
 * A string that a parse function turns into its value (a number, a cursor, a date range…). The
 * parse answers null for a string it refuses; that is a validation issue with the field's own
 * message (the contract words a malformed value as it words a wrong type).
 */
import { z } from "@hono/zod-openapi";

/** The transform of `.transform(…)`: the parsed value, or `message` as the field's issue. */
export function parsedWith<T>(parse: (value: string) => T | null, message: string) {
  return (value: string, ctx: z.RefinementCtx): T => {
    const parsed = parse(value);
    if (parsed !== null) return parsed;
    ctx.issues.push({ code: "custom", message, input: value });
    return z.NEVER;
  };
}

/** An optional query parameter given once: `absent` when not given, else the parsed value. */
export function parsedParam<T, A>(message: string, parse: (value: string) => T | null, absent: A) {
  const parsed = parsedWith(parse, message);
  return z
    .string({ error: message })
    .optional()
    .transform((value, ctx): T | A => (value === undefined ? absent : parsed(value, ctx)));
}
