/**
 * The create path of every collection (POST that answers 201 + Location), in four steps a route
 * writes top to bottom:
 *
 *   const target = await createTarget(c, "registrations");   // the new id, its Location, the key's claim
 *   if (!target.ok) return errorResponse(target.error);       // a malformed Idempotency-Key
 *   const plan = registerPlan(db, org, c.req.valid("json"), target);   // the domain's batch, as data
 *   const run = await runCreate(db, target, plan);            // ONE db.batch, the claim inside it
 *   if (run.answer) return run.answer;                        // the key answered: replayed 201 or 422
 *   const refused = plan.refusal(run.results);                // the domain reads its own results
 *   return refused ? errorResponse(...) : created(target.location);
 *
 * With `Idempotency-Key` (API.md §3) a repeat of the same request within 24 hours answers the
 * original 201 and creates nothing; the key with a different request is 422. Only a 201 is
 * remembered: a refused create leaves no record, and its retry is evaluated afresh.
 *
 * A create whose answer is a body (POST /registrations/batch) takes the same steps with
 * `createTarget(c, collection, { keepsAnswer: true })`, an AnsweringPlan and `runAnswering`: its
 * plan keeps the answer with the claim's record, a replay is the plan's outcome rebuilt from it.
 */
import type { SQL } from "drizzle-orm";
import type { Context } from "hono";
import type { Db } from "../db/client";
import type { AnsweringPlan, CreatePlan, CreateTarget, Statement } from "../db/create-plan";
import { newId } from "../lib/crypto";
import { IdempotencyClaim, isIdempotencyKey, requestHash } from "../idempotency/claim";
import { API_PREFIXES, type AppEnv } from "./app-env";
import { apiError, errorResponse, fieldErrors, MESSAGES, type ApiError } from "./errors";

export interface Target extends CreateTarget {
  ok: true;
  location: string;
  now: number;
  /** Present when the request carries an Idempotency-Key. */
  claim: IdempotencyClaim | undefined;
}

export interface CreateOptions {
  /** Body fields never to be put into a fast hash (passwords). */
  secretFields?: readonly string[];
  /**
   * The create answers a body its plan computes (an AnsweringPlan): the key's record is a 200
   * that keeps it, and `location` only marks the record as this request's.
   */
  keepsAnswer?: boolean;
}

/** The new resource's id and Location, and the Idempotency-Key's claim when one is sent. */
export async function createTarget(
  c: Context<AppEnv>,
  collection: string,
  options: CreateOptions = {},
): Promise<Target | { ok: false; error: ApiError }> {
  const now = Date.now();
  const id = newId();
  const prefix = apiPrefix(c);
  const location = `${prefix}/${collection}/${id}`;
  const key = c.req.header("idempotency-key");
  if (key === undefined) return { ok: true, id, location, now, claim: undefined, guard: undefined };
  if (!isIdempotencyKey(key)) return { ok: false, error: apiError("invalid_body", MESSAGES.malformedIdempotencyKey) };

  const organizationId = c.var.organizationId;
  const hash = await requestHash({
    method: c.req.method,
    route: c.req.path.slice(prefix.length),
    // The value the body rules parsed (c.req.json() hands it over without a second parse).
    body: await c.req.json(),
    secretFields: options.secretFields,
    salt: `${organizationId}\n${key}`,
  });
  const status = options.keepsAnswer === true ? 200 : 201;
  const claim = new IdempotencyClaim({ organizationId, key, location, now, requestHash: hash, status });
  const keep = options.keepsAnswer === true ? (db: Db, answer: SQL<string>): Statement => claim.keep(db, answer) : undefined;
  return { ok: true, id, location, now, claim, guard: claim.condition, keyed: { key, location }, keep };
}

/**
 * What running a create gives: the key's own answer, or the results of the plan's statements.
 * A replay also names the original Location (`replayed`), for a create whose 201 has a body
 * (POST /webhooks) to answer it again.
 */
export type CreateRun =
  | { answer: Response; replayed?: string; results?: undefined }
  | { answer?: undefined; replayed?: undefined; results: unknown[] };

type Planned = Pick<CreatePlan<unknown>, "statements" | "written">;

/**
 * Runs the plan in one batch, between the claim's statements when there is a key. The claim's
 * verdict comes first: an earlier request's record also holds the create back.
 */
async function run(db: Db, target: Target, plan: Planned): Promise<ClaimedRun> {
  const { claim } = target;
  if (claim === undefined) return { results: [...(await db.batch(plan.statements))] };
  const before = claim.before(db);
  const statements = [...before, ...plan.statements, ...claim.after(db, plan.written)] as unknown as Planned["statements"];
  const results: readonly unknown[] = await db.batch(statements);
  const outcome = claim.outcome(results.slice(0, before.length));
  if (outcome.kind === "replay") return { replay: outcome };
  if (outcome.kind === "conflict") return { answer: errorResponse(apiError("idempotency_key_reused")) };
  return { results: results.slice(before.length, before.length + plan.statements.length) };
}

type ClaimedRun =
  | { answer: Response }
  | { replay: { location: string; response: string | null } }
  | { results: unknown[] };

/** A create answering 201: the plan's results, or the key's answer (the original 201, or 422). */
export async function runCreate(db: Db, target: Target, plan: CreatePlan<unknown>): Promise<CreateRun> {
  const ran = await run(db, target, plan);
  if ("replay" in ran) return { answer: created(ran.replay.location), replayed: ran.replay.location };
  return ran;
}

/** What running an AnsweringPlan gives: the key's 422, or the outcome (computed, or replayed). */
export type AnsweringRun<Outcome> = { answer: Response; outcome?: undefined } | { answer?: undefined; outcome: Outcome };

/** A create that answers a body (createTarget's `keepsAnswer`): a replay is the kept outcome. */
export async function runAnswering<Outcome>(db: Db, target: Target, plan: AnsweringPlan<Outcome>): Promise<AnsweringRun<Outcome>> {
  const ran = await run(db, target, plan);
  if ("answer" in ran) return ran;
  // A record made by this kind of create always holds its answer (kept in the batch that made it).
  if ("replay" in ran) return { outcome: plan.replay(ran.replay.response ?? "[]") };
  return { outcome: plan.outcome(ran.results) };
}

/** A domain's create plan, as every domain file writes it (README "A create route"). */
export type PlanOf<Input, Refusal> = (
  db: Db,
  organizationId: string,
  input: Input,
  now: number,
  target: CreateTarget,
) => CreatePlan<Refusal> | Promise<CreatePlan<Refusal>>;

/**
 * The whole create path of a route that answers 201 + Location: the target, the domain's plan of
 * `input` for it, one batch, the key's answer, else the plan's refusal (as `refusalError` words
 * it; the field errors by default) or 201.
 */
export async function answerCreate<Input, Refusal>(
  c: Context<AppEnv>,
  collection: string,
  input: Input,
  planOf: PlanOf<Input, Refusal>,
  refusalError: (refusal: Refusal) => ApiError = fieldErrors as (refusal: unknown) => ApiError,
  options: CreateOptions = {},
): Promise<Response> {
  const target = await createTarget(c, collection, options);
  if (!target.ok) return errorResponse(target.error);
  const plan = await planOf(c.var.db, c.var.organizationId, input, target.now, target);
  const ran = await runCreate(c.var.db, target, plan);
  if (ran.answer) return ran.answer;
  const refused = plan.refusal(ran.results);
  return refused ? errorResponse(refusalError(refused)) : created(target.location);
}

/** The base path the request came in on. */
export function apiPrefix(c: Context): string {
  return API_PREFIXES.find((prefix) => c.req.path.startsWith(`${prefix}/`)) ?? API_PREFIXES[0];
}

/** `201 Created` with `Location`, an empty body and `Content-Length: 0`, as the source document shows. */
export function created(location: string): Response {
  return new Response(null, {
    status: 201,
    headers: { Location: location, "Content-Type": "application/json", "Content-Length": "0" },
  });
}
