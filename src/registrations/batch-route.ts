/**
 * POST /registrations/batch: HTTP in (the list's shape, then each item checked as the single
 * POST checks its body), the create path with a plan that keeps its answer (src/http/create.ts),
 * HTTP out (each item's answer as the single POST would give it at that moment).
 */
import { createRoute, OpenAPIHono, type RouteConfigToTypedResponse } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../http/app-env";
import { createTarget, runAnswering, apiPrefix } from "../http/create";
import { apiError, batchRefusedResponse, CATALOGUE, errorListHook, errorResponse, validationError, type ApiError } from "../http/errors";
import { withAliases, withPresentValues, type JsonObject, bodyRules } from "../http/json-body";
import { authErrors, BEARER, bodyErrors, errorDoc, idempotencyKeyParameter, jsonBody, jsonDoc, keyReusedDoc } from "../http/route";
import { RegistrationBatchRefusedSchema, RegistrationBatchResultSchema, RegistrationBatchSchema } from "./batch-schemas";
import type { RegisterInput } from "./register";
import { registerBatchPlan, unevaluated, type BatchOutcome } from "./register-batch";
import { refusalError } from "./refusal";
import { REGISTRATION_BODY_ALIASES, RegistrationCreateSchema } from "./schemas";

const batchCreate = createRoute({
  method: "post",
  path: "/registrations/batch",
  tags: ["Registrations"],
  security: BEARER,
  summary: "Register a cohort: 1 to 500 registrations, decided in order",
  description:
    "Each item is answered exactly as POST /registrations would answer it at that moment, in order: " +
    "a seat taken by an earlier item is no longer free; the same pair twice gives 201, then " +
    "`already_registered`. Counts as one request for the rate limit.",
  parameters: [idempotencyKeyParameter],
  middleware: [bodyRules()] as const,
  request: { body: jsonBody(RegistrationBatchSchema) },
  responses: {
    200: jsonDoc(RegistrationBatchResultSchema, "One result per item, in order"),
    400: errorDoc("Invalid body (not a list of 1 to 500 items, or atomic not a boolean)"),
    409: {
      ...errorDoc(
        "Atomic batch with at least one refused item: nothing was registered. `X-Error-Code` is the first refused item's code.",
      ),
      ...jsonDoc(RegistrationBatchRefusedSchema, "Atomic batch refused"),
    },
    422: keyReusedDoc,
    ...bodyErrors,
    ...authErrors,
  },
});

type Checked = RegisterInput | { invalid: ApiError };

/**
 * An item checked as the single POST checks its body (API.md §1 "not an object", §3 step 2),
 * read as that body is read (§10: null is absent, `studentId` is `userId`).
 */
function checkItem(item: unknown): Checked {
  if (item === null || typeof item !== "object" || Array.isArray(item)) return { invalid: apiError("invalid_body") };
  const body = withAliases(withPresentValues(item as JsonObject), REGISTRATION_BODY_ALIASES);
  const parsed = RegistrationCreateSchema.safeParse(body);
  return parsed.success ? parsed.data : { invalid: validationError(parsed.error, "json", true) };
}

/** A refused item's entry: the single POST's status, body and code. */
function refusedEntry(error: ApiError) {
  return { status: CATALOGUE[error.code].status, ...error.body, code: error.code };
}

function respond(c: Context<AppEnv>, checked: readonly Checked[], outcome: BatchOutcome) {
  const prefix = apiPrefix(c);
  const results = checked.map((item, i) => {
    if ("invalid" in item) return refusedEntry(item.invalid);
    const result = outcome.results[i];
    if (result == null) throw new Error("an evaluated item without a result");
    if ("refused" in result) return refusedEntry(refusalError(result.refused));
    if (outcome.undone) return { status: 409 };
    return { status: 201, id: result.registered, location: `${prefix}/registrations/${result.registered}` };
  });
  if (!outcome.undone) return c.json({ results }, 200);
  const firstRefused = results.find((entry): entry is ReturnType<typeof refusedEntry> => "code" in entry);
  return batchRefusedResponse(firstRefused?.code ?? "invalid_body", results);
}

type BatchBody = { registrations: unknown[]; atomic?: boolean | undefined };
type BatchAnswer = RouteConfigToTypedResponse<typeof batchCreate>;

/**
 * The route, on a router of its own: its body's problems are listed in `errors`, as the single
 * POST lists them (errorListHook as the router's hook, which is not typed by the route's answers).
 */
export function batchRoutes() {
  return new OpenAPIHono<AppEnv>({ defaultHook: errorListHook }).openapi(batchCreate, async (c) => {
    // Every answer is one the route documents; the error responses are plain Responses.
    return (await answer(c, c.req.valid("json"))) as unknown as BatchAnswer;
  });
}

async function answer(c: Context<AppEnv>, body: BatchBody): Promise<Response> {
  const checked = body.registrations.map(checkItem);
  const items = checked.map((item) => ("invalid" in item ? null : item));
  const atomic = body.atomic ?? false;
  const target = await createTarget(c, "registrations/batch", { keepsAnswer: true });
  if (!target.ok) return errorResponse(target.error);
  const plan = registerBatchPlan(c.var.db, c.var.organizationId, items, atomic, target.now, target);
  // No item reached the database: answered without a D1 call, and nothing for the key to keep.
  if (plan === null) return respond(c, checked, unevaluated(items, atomic));
  const run = await runAnswering(c.var.db, target, plan);
  if (run.answer) return run.answer;
  return respond(c, checked, run.outcome);
}
