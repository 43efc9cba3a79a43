/**
 * A fuzzed request before its secrets are filled in (`Plan`), the way to send it, and the
 * contract's body rules as an oracle (API.md §1).
 */
import fc from "fast-check";
import { ADMIN_TOKEN } from "../support/fixtures";
import { mediaVerdict, MAX_BODY, wellFormed, type AuthPlan, type Segment } from "./arbitraries";
import { PREFIXES, type Route } from "./endpoints";
import { ContractViolation, describeRequest, type Fuzzer, type FuzzRequest, type Observed } from "./harness";
import type { TokenPool, World } from "./world";

export interface Plan {
  method: string;
  /** Path and query string, as sent. */
  path: string;
  auth: AuthPlan;
  contentType?: string | undefined;
  body?: string | Uint8Array | undefined;
  headers: Record<string, string>;
  /** The client IP the rate limit of failed authentication counts by (one per request here). */
  ip: string;
  /** Also send it under the other resource base path (API.md §1: both serve every resource). */
  twin?: boolean;
  /** The route and parameters meant, when every segment is clean (reaches that route for sure). */
  target?: { route: Route; params: Record<string, string> } | undefined;
}

export function printablePlan(plan: Plan): Plan {
  // A lone surrogate has no UTF-8 form; runtimes differ in what they send for one (U+FFFD or
  // its WTF-8 bytes), so string bodies are kept well-formed. Raw invalid bytes are sent as bytes.
  if (typeof plan.body === "string") plan.body = wellFormed(plan.body);
  const view: FuzzRequest = {
    method: plan.method,
    path: plan.path,
    headers: {
      ...(plan.auth.header === undefined ? {} : { Authorization: plan.auth.header }),
      ...(plan.contentType === undefined ? {} : { "Content-Type": plan.contentType }),
      ...plan.headers,
    },
    ...(plan.body === undefined ? {} : { body: plan.body }),
  };
  return Object.assign(plan, { [fc.toStringMethod]: () => describeRequest(view) });
}

/** Fills in the Authorization placeholders and sends the request through the fuzzer. */
export class Sender {
  constructor(
    private readonly fuzzer: Fuzzer,
    private readonly world: World,
    private readonly tokens: TokenPool,
  ) {}

  #authorization(template: string): string {
    let text = template;
    if (text.includes("{{A")) {
      const token = this.tokens.take();
      text = text.replaceAll("{{A_UPPER}}", token.toUpperCase()).replaceAll("{{A}}", token);
    }
    return text.replaceAll("{{ADMIN}}", ADMIN_TOKEN).replaceAll("{{REVOKED}}", this.world.revokedToken);
  }

  async #one(plan: Plan, path: string, extra?: (observed: Observed) => string[]): Promise<Observed> {
    const headers: Record<string, string> = { ...plan.headers, "cf-connecting-ip": plan.ip };
    if (plan.auth.header !== undefined) headers.Authorization = this.#authorization(plan.auth.header);
    if (plan.contentType !== undefined) headers["Content-Type"] = plan.contentType;
    const request: FuzzRequest = { method: plan.method, path, headers };
    if (plan.body !== undefined) request.body = plan.body;
    return this.fuzzer.send(request, extra);
  }

  /**
   * One run: the plan, and, for a plan under a resource base path (`twin`), the same request
   * under the other base path, which must be refused alike when the first was refused. Then
   * the check that refused requests (and GET/HEAD requests) changed no row.
   */
  async send(plan: Plan, extra?: (observed: Observed) => string[]): Promise<Observed[]> {
    if (this.tokens.due) {
      // Issuing a token writes a row: check what is pending first, then take it as the baseline.
      await this.fuzzer.flush();
      await this.tokens.rotate();
      await this.fuzzer.resync();
    }
    await this.fuzzer.beforeRun([plan.method]);
    try {
      return await this.#run(plan, extra);
    } catch (error) {
      // A run cut short by a violation is not followed by afterRun: start afresh from what is there,
      // so the next run (fast-check shrinks by running again) is judged on its own.
      await this.fuzzer.resync();
      throw error;
    }
  }

  async #run(plan: Plan, extra?: (observed: Observed) => string[]): Promise<Observed[]> {
    const first = await this.#one(plan, plan.path, extra);
    const run = [first];
    const [from, to] = plan.path.startsWith(`${PREFIXES[0]}/`) ? PREFIXES : [PREFIXES[1], PREFIXES[0]];
    if (plan.twin === true && plan.path.startsWith(`${from}/`)) {
      const second = await this.#one(plan, to + plan.path.slice(from.length), extra);
      run.push(second);
      const answer = (o: Observed) => `${o.status} ${o.headers.get("x-error-code")} ${o.text}`;
      if (first.status >= 400 && answer(first) !== answer(second)) {
        throw new ContractViolation(
          `the base paths answer one refused request differently: ${answer(first)} / ${answer(second)}\n  request: ${describeRequest(second.request)}`,
        );
      }
    }
    await this.fuzzer.afterRun(run);
    return run;
  }
}

/** A route's path under `base` with its parameters filled in by the given segments. */
export function fillPath(base: string, route: Route, segments: Record<string, Segment>): { path: string; clean: boolean } {
  let clean = true;
  const path = route.template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const segment = segments[name];
    if (segment === undefined) throw new Error(`no segment for ${name}`);
    clean &&= segment.clean;
    return segment.text;
  });
  return { path: base + path, clean };
}

export function bytesOf(body: string | Uint8Array | undefined): Uint8Array {
  if (body === undefined) return new Uint8Array(0);
  return typeof body === "string" ? new TextEncoder().encode(body) : body;
}

/** The Content-Type the request goes out with: a string body without one becomes text/plain. */
export function effectiveContentType(plan: Plan): string | undefined {
  if (plan.contentType !== undefined) return plan.contentType;
  return typeof plan.body === "string" ? "text/plain;charset=UTF-8" : undefined;
}

export interface ErrorAnswer {
  status: number;
  code: string;
  body: { errors?: string[]; fieldErrors?: Record<string, string> };
}

const UNSUPPORTED: ErrorAnswer = {
  status: 415,
  code: "unsupported_media_type",
  body: { errors: ["Content-Type must be application/json"] },
};

/** The answer of API.md §1's body rules to a body read as JSON, or null (and the object) when it passes them. */
function jsonBodyRule(plan: Plan): { answer: ErrorAnswer | null; value?: Record<string, unknown> } {
  const bytes = bytesOf(plan.body);
  if (bytes.byteLength > MAX_BODY) {
    return { answer: { status: 413, code: "payload_too_large", body: { errors: ["Request body is too large"] } } };
  }
  const invalid = { answer: { status: 400, code: "invalid_json", body: { errors: ["Request body is not valid JSON"] } } };
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes));
  } catch {
    return invalid;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { answer: { status: 400, code: "invalid_body", body: { errors: ["Request body must be a JSON object"] } } };
  }
  return { answer: null, value: value as Record<string, unknown> };
}

/**
 * The body rules (API.md §1: 415, 413, invalid JSON, not an object) as an oracle: the
 * violations of the response, and the body object when the request got past the rules.
 */
export function bodyRules(plan: Plan, observed: Observed): { found: string[]; value?: Record<string, unknown> } {
  const media = mediaVerdict(effectiveContentType(plan));
  if (media === "not-json") return { found: exactly(observed, UNSUPPORTED, "body rules (Content-Type)") };
  // A spelling the contract does not decide may be refused as not JSON, or read as JSON.
  if (media === "unknown" && exactly(observed, UNSUPPORTED, "").length === 0) return { found: [] };
  const { answer, value } = jsonBodyRule(plan);
  if (answer !== null) return { found: exactly(observed, answer, "body rules") };
  return { found: notABodyRuleAnswer(observed), value };
}

/** Violations when the response is not exactly `expected`. */
export function exactly(observed: Observed, expected: ErrorAnswer, why: string): string[] {
  const code = observed.headers.get("x-error-code");
  // A HEAD answer has the GET answer's status and headers, and no body.
  const head = observed.request.method.toUpperCase() === "HEAD";
  const same =
    observed.status === expected.status &&
    code === expected.code &&
    (head ? observed.text === "" : JSON.stringify(observed.json) === JSON.stringify(expected.body));
  return same ? [] : [`${why}: expected ${expected.status} ${expected.code} ${JSON.stringify(expected.body)}`];
}

const BODY_RULE_MESSAGES = new Set([
  "Content-Type must be application/json",
  "Request body is too large",
  "Request body is not valid JSON",
  "Request body must be a JSON object",
]);

/** Violations when a body that passes the rules was answered as if it had not. */
function notABodyRuleAnswer(observed: Observed): string[] {
  const errors = (observed.json as { errors?: unknown } | undefined)?.errors;
  const shown = Array.isArray(errors) ? errors.filter((m) => BODY_RULE_MESSAGES.has(m as string)) : [];
  if (observed.status === 413 || observed.status === 415 || shown.length > 0) {
    return [`a body that passes the body rules was refused by them (${observed.status} ${JSON.stringify(shown)})`];
  }
  return [];
}

export const UNAUTHORIZED: ErrorAnswer = {
  status: 401,
  code: "unauthorized",
  body: { errors: ["A valid access token is required"] },
};

export const NOT_FOUND_ID: ErrorAnswer = {
  status: 404,
  code: "not_found",
  body: { errors: ["No resource exists with the given id."] },
};

export const STANDARD_METHODS = ["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"];

/** The method as fetch sends it: the standard ones are upper-cased, any other kept as written. */
export function sentMethod(method: string): string {
  const upper = method.toUpperCase();
  return STANDARD_METHODS.includes(upper) ? upper : method;
}
