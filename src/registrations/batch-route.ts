/**
 * POST /registrations/batch: HTTP in (the list's shape, then each item checked as the single
 * POST checks its body), one domain operation, HTTP out (each item's answer as the single POST
 * would give it at that moment).
 */
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../http/app-env";
import { ApiError, bodyNotAnObject } from "../http/errors";
import { errorResponse } from "../http/openapi-schemas";
import { apiPrefix } from "../http/responses";
import { toApiError } from "../http/validation";
import { answeredOnce } from "../idempotency/answered-once";
import { idempotencyKeyParameter, keyReusedResponse } from "../idempotency/openapi";
import { RegistrationBatchRefusedSchema, RegistrationBatchResultSchema, RegistrationBatchSchema } from "./batch-schemas";
import { jsonBody } from "../http/json-body";
import { readOutcome, registerBatch, type BatchOutcome } from "./register-batch";
import type { RegisterInput } from "./register";
import { registrationRefusal } from "./refusal";
import { RegistrationCreateSchema } from "./schemas";

export const ATOMIC_REFUSED = "No registration was made: at least one item was refused";

export const batchCreate = createRoute({
  method: "post",
  path: "/registrations/batch",
  tags: ["Registrations"],
  security: [{ Bearer: [] }],
  summary: "Register a cohort: 1 to 500 registrations, decided in order",
  description:
    "Each item is answered exactly as POST /registrations would answer it at that moment, in order: " +
    "a seat taken by an earlier item is no longer free; the same pair twice gives 201, then " +
    "`already_registered`. Counts as one request for the rate limit.",
  parameters: [idempotencyKeyParameter],
  middleware: [jsonBody()] as const,
  request: {
    body: { required: true, content: { "application/json": { schema: RegistrationBatchSchema } } },
  },
  responses: {
    200: {
      description: "One result per item, in order",
      content: { "application/json": { schema: RegistrationBatchResultSchema } },
    },
    400: errorResponse("Invalid body (not a list of 1 to 500 items, or atomic not a boolean)"),
    409: {
      ...errorResponse(
        "Atomic batch with at least one refused item: nothing was registered. `X-Error-Code` is the first refused item's code.",
      ),
      content: { "application/json": { schema: RegistrationBatchRefusedSchema } },
    },
    422: keyReusedResponse,
  },
});

type Checked = RegisterInput | ApiError;

/** An item checked as the single POST checks its body (API.md §1 "not an object", §3 step 2). */
function checkItem(item: unknown): Checked {
  if (item === null || typeof item !== "object" || Array.isArray(item)) return bodyNotAnObject();
  const parsed = RegistrationCreateSchema.safeParse(item);
  return parsed.success ? parsed.data : toApiError(parsed.error, "json", true);
}

function refusedEntry(error: ApiError) {
  return { status: error.status, ...error.body, code: error.code };
}

function respond(c: Context<AppEnv>, checked: readonly Checked[], outcome: BatchOutcome) {
  const prefix = apiPrefix(c);
  const results = checked.map((item, i) => {
    if (item instanceof ApiError) return refusedEntry(item);
    const result = outcome.results[i];
    if (result == null) throw new Error("an evaluated item without a result");
    if (!result.ok) return refusedEntry(registrationRefusal(result));
    if (outcome.undone) return { status: 409 };
    return { status: 201, id: result.id, location: `${prefix}/registrations/${result.id}` };
  });
  if (!outcome.undone) return c.json({ results }, 200);
  const firstRefused = results.find((entry): entry is ReturnType<typeof refusedEntry> => "code" in entry);
  return c.json({ errors: [ATOMIC_REFUSED], results }, 409, { "X-Error-Code": firstRefused?.code ?? "invalid_body" });
}

export function answerBatch(c: Context<AppEnv>, body: { registrations: unknown[]; atomic?: boolean | undefined }) {
  const checked = body.registrations.map(checkItem);
  const items = checked.map((item) => (item instanceof ApiError ? null : item));
  const atomic = body.atomic ?? false;
  return answeredOnce(
    c,
    async (guard) => {
      const outcome = await registerBatch(c.var.db, c.var.organizationId, items, Date.now(), { atomic, guard });
      // Null only when the guard blocked the write; answeredOnce then answers from the claim.
      if (outcome === null) throw new Error("the batch was blocked by its guard");
      return respond(c, checked, outcome);
    },
    (kept) => respond(c, checked, readOutcome(items, kept, atomic)),
  );
}
