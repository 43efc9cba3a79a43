/**
 * A plain query parameter. Given twice (`?title=a&title=b`) it arrives as a list; that is
 * refused with the parameter's own message rather than zod's default text.
 */
import { z } from "@hono/zod-openapi";

export function queryText(name: string) {
  return z.string({ error: `${name} must be given once` }).optional();
}
