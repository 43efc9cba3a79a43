/**
 * The checks every endpoint of a kind owes the contract (API.md §1, §2), generated from one
 * description of the endpoint instead of written out per file: the body rules of a POST or PUT
 * (415, 413, invalid JSON, not an object), the 401s without a token or with an unknown one, and
 * the 405 with its Allow header. Each case is one `it` whose name states the rule, and asserts
 * the whole answer (status, Content-Type, X-Error-Code, exact body, and the challenge or Allow
 * header). Call these inside the endpoint's own `describe`.
 */
import { expect, it } from "vitest";
import { call, parts, type CallOptions } from "./http";
import { CHALLENGE, INVALID_CHALLENGE, UNAUTHORIZED, expectError } from "./contract";

/** What one generated case requests: the token to send and the full path. */
export interface Target {
  token: string;
  /** Prefix included, e.g. `/dc/api/v5/registrations`. */
  path: string;
}

export interface Endpoint<T extends Target = Target> {
  method: string;
  /** A fresh world for one case (each case makes its own). */
  setUp(): Promise<T>;
  /**
   * What a refused request must leave as it was, read through the API (e.g. the organization's
   * registrations); compared before and after every refused case.
   */
  state?(target: T): Promise<unknown>;
}

type Body<T> = BodyInit | ((target: T) => BodyInit);

export interface BodyRuleCases<T extends Target> {
  /** 415 for each: `returns 415 when Content-Type is <contentType>` ("missing" when undefined). */
  unsupportedMediaType?: { contentType: string | undefined; body: Body<T>; name?: string }[];
  /** 413 for each: `returns 413 for <what>`. */
  payloadTooLarge?: { what: string; body: Body<T>; contentType?: string; name?: string }[];
  /** 400 invalid_json for each, sent as application/json: `returns 400 invalid_json for <what>`. */
  invalidJson?: { what: string; body: Body<T>; name?: string }[];
  /** 400 invalid_body for each JSON value: `returns 400 invalid_body when the JSON is <what>`. */
  notAnObject?: { what: string; json: unknown }[];
}

const MEDIA_TYPE = { status: 415, code: "unsupported_media_type", body: { errors: ["Content-Type must be application/json"] } };
const TOO_LARGE = { status: 413, code: "payload_too_large", body: { errors: ["Request body is too large"] } };
const INVALID_JSON = { status: 400, code: "invalid_json", body: { errors: ["Request body is not valid JSON"] } };
const NOT_AN_OBJECT = { status: 400, code: "invalid_body", body: { errors: ["Request body must be a JSON object"] } };

/** One refused request: the exact error, and nothing changed. */
function refusal<T extends Target>(
  endpoint: Endpoint<T>,
  options: (target: T) => CallOptions,
  answer: { status: number; code: string; body: unknown },
): () => Promise<void> {
  return async () => {
    const target = await endpoint.setUp();
    const before = await endpoint.state?.(target);
    await expectError(await call(endpoint.method, target.path, { token: target.token, ...options(target) }), answer.status, answer.code, answer.body);
    if (endpoint.state) expect(await endpoint.state(target)).toEqual(before);
  };
}

const bodyOf = <T>(body: Body<T>, target: T): BodyInit => (typeof body === "function" ? body(target) : body);

/** The body rules of §1 for a POST or PUT, one `it` per case. */
export function bodyRuleTests<T extends Target>(endpoint: Endpoint<T>, cases: BodyRuleCases<T>): void {
  for (const { contentType, body, name } of cases.unsupportedMediaType ?? []) {
    const headers: Record<string, string> = contentType === undefined ? {} : { "Content-Type": contentType };
    it(
      name ?? `returns 415 when Content-Type is ${contentType ?? "missing"}`,
      refusal(endpoint, (target) => ({ body: bodyOf(body, target), headers }), MEDIA_TYPE),
    );
  }
  for (const { what, body, contentType = "application/json", name } of cases.payloadTooLarge ?? []) {
    it(
      name ?? `returns 413 for ${what}`,
      refusal(endpoint, (target) => ({ body: bodyOf(body, target), headers: { "Content-Type": contentType } }), TOO_LARGE),
    );
  }
  for (const { what, body, name } of cases.invalidJson ?? []) {
    it(
      name ?? `returns 400 invalid_json for ${what}`,
      refusal(endpoint, (target) => ({ body: bodyOf(body, target), headers: { "Content-Type": "application/json" } }), INVALID_JSON),
    );
  }
  for (const { what, json } of cases.notAnObject ?? []) {
    it(`returns 400 invalid_body when the JSON is ${what}`, refusal(endpoint, () => ({ json }), NOT_AN_OBJECT));
  }
}

/**
 * The two 401s of §2: no token (the plain challenge), an unknown token (invalid_token). The path
 * may name ids that do not exist: authentication comes before everything else.
 */
export function authenticationTests({ method, path, json }: { method: string; path: string; json?: unknown }): void {
  const cases = [
    ["returns 401 with the plain challenge without a token", undefined, CHALLENGE],
    ["returns 401 invalid_token with an unknown token", "not-a-token", INVALID_CHALLENGE],
  ] as const;
  for (const [name, token, challenge] of cases) {
    it(name, async () => {
      const response = await call(method, path, { token, json });
      expect(response.headers.get("WWW-Authenticate")).toBe(challenge);
      expect(await parts(response)).toEqual(UNAUTHORIZED);
    });
  }
}

/** The 405 of §1: each method not served on the path, with the methods that are in Allow. */
export function methodNotAllowedTests(
  setUp: () => Promise<{ path: string; token: string }>,
  methods: string[],
  allow: string[],
  options: Omit<CallOptions, "token"> = {},
): void {
  for (const method of methods) {
    it(`returns 405 with Allow: ${allow.join(", ")} for ${method}`, async () => {
      const { path, token } = await setUp();
      const response = await call(method, path, { ...options, token });
      // The set is the contract; its order is not. The separator is ", ".
      expect((response.headers.get("Allow") ?? "").split(", ").sort(), method).toEqual([...allow].sort());
      expect(await parts(response), method).toEqual({
        status: 405,
        contentType: "application/json",
        errorCode: "method_not_allowed",
        body: { errors: ["Method not allowed"] },
      });
    });
  }
}
