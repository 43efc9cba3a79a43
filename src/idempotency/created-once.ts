/**
 * The POST that creates a resource, made safe to retry with `Idempotency-Key` (API.md §3):
 * a repeat of the same request under the same key within 24 hours answers the original 201
 * and creates nothing; the key with a different request is refused with 422. Only a 201 is
 * remembered: a refused request leaves no record, and its retry is evaluated afresh.
 */
import type { Context } from "hono";
import { newId } from "../db/ids";
import type { CreateOptions } from "../db/write-guard";
import type { AppEnv } from "../http/app-env";
import { requestError } from "../http/errors";
import { apiPrefix, created } from "../http/responses";
import { IdempotencyClaim } from "./claim";
import { idempotencyKeyOf, requestHash } from "./request";

export const keyReused = () =>
  requestError(422, "idempotency_key_reused", "Idempotency-Key was already used with a different request");

export interface CreatedOnceOptions {
  /** Body fields never to be put into a fast hash (passwords). */
  secretFields?: readonly string[];
}

/**
 * Runs `create` with the new resource's id (and, with a key, the claim as its guard) and
 * answers `201` with its Location. `create` throws the ApiError of a refused create.
 */
export async function createdOnce(
  c: Context<AppEnv>,
  collection: string,
  create: (options: CreateOptions & { id: string }) => Promise<void>,
  options: CreatedOnceOptions = {},
): Promise<Response> {
  const key = idempotencyKeyOf(c.req.header("idempotency-key"));
  const id = newId();
  const prefix = apiPrefix(c);
  const location = `${prefix}/${collection}/${id}`;
  if (key === undefined) {
    await create({ id });
    return created(location);
  }

  const organizationId = c.var.organizationId;
  const claim = new IdempotencyClaim({
    organizationId,
    key,
    location,
    now: Date.now(),
    requestHash: await requestHash({
      method: c.req.method,
      route: c.req.path.slice(prefix.length),
      // The value json-body parsed (it makes c.req.json() hand it over without a second parse).
      body: await c.req.json(),
      secretFields: options.secretFields,
      salt: `${organizationId}\n${key}`,
    }),
  });

  let failure: { error: unknown } | undefined;
  try {
    await create({ id, guard: claim });
  } catch (error) {
    failure = { error };
  }
  const outcome = claim.outcome();
  // The batch never ran (e.g. the database failed): the error is the answer.
  if (outcome === undefined) {
    if (failure !== undefined) throw failure.error;
    throw new Error("the create did not run its guard");
  }
  // The claim's verdict comes first: an earlier request's record also blocks the create.
  if (outcome.kind === "replay") return created(outcome.location);
  if (outcome.kind === "conflict") throw keyReused();
  if (failure !== undefined) throw failure.error;
  return created(location);
}
