/**
 * A POST whose answer is a body computed by its write (POST /registrations/batch), made safe to
 * retry with `Idempotency-Key` like every create (API.md §3): a repeat of the same request under
 * the same key within 24 hours answers from the first answer and writes nothing; the key with a
 * different request is refused with 422. The write keeps its answer with the claim's record in
 * its own batch (AnswerKeepingGuard); an answer it does not keep leaves no record.
 */
import type { Context } from "hono";
import { newId } from "../db/ids";
import type { AnswerKeepingGuard } from "../db/write-guard";
import type { AppEnv } from "../http/app-env";
import { apiPrefix } from "../http/responses";
import { IdempotencyClaim } from "./claim";
import { keyReused } from "./created-once";
import { idempotencyKeyOf, requestHash } from "./request";

/**
 * Runs `write` (with a key: under the claim as its guard) and answers what it answers; a replay
 * is answered by `replay` from the kept answer.
 */
export async function answeredOnce<R extends Response>(
  c: Context<AppEnv>,
  write: (guard: AnswerKeepingGuard | undefined) => Promise<R>,
  replay: (kept: string) => R,
): Promise<R> {
  const key = idempotencyKeyOf(c.req.header("idempotency-key"));
  if (key === undefined) return write(undefined);

  const organizationId = c.var.organizationId;
  const path = c.req.path;
  const claim = new IdempotencyClaim({
    organizationId,
    key,
    status: 200,
    // Only a marker that this request's record is its own: never answered.
    location: `${path}#${newId()}`,
    now: Date.now(),
    requestHash: await requestHash({
      method: c.req.method,
      route: path.slice(apiPrefix(c).length),
      body: await c.req.json(),
      salt: `${organizationId}\n${key}`,
    }),
  });

  let answer: { response: R } | { error: unknown };
  try {
    answer = { response: await write(claim) };
  } catch (error) {
    answer = { error };
  }
  const outcome = claim.outcome();
  if (outcome === undefined) {
    // The batch never ran: the write's error (or its answer without the database) stands.
    if ("error" in answer) throw answer.error;
    return answer.response;
  }
  if (outcome.kind === "replay") return replay(outcome.response ?? "[]");
  if (outcome.kind === "conflict") throw keyReused();
  if ("error" in answer) throw answer.error;
  return answer.response;
}
