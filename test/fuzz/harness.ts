/**
 * The fuzzer's one way to send a request: through the test transport (the Worker's fetch entry,
 * or HTTP to the Deno server), then every property the contract (API.md §1) asks of any
 * response, and — where the database is readable — that a rejected request changed no row.
 * Every request sent here is counted; the total is printed once at the end of the run.
 */
import { call } from "../support/http";
import { ROUTES } from "./endpoints";
import { changedTables, snapshotTables, type TableSnapshot } from "./table-snapshot";

/** A request as the fuzzer generates it; prints compactly in counterexamples. */
export interface FuzzRequest {
  method: string;
  /** Path and query string, as sent. */
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

export interface Observed {
  request: FuzzRequest;
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body when it is JSON, else undefined. */
  json: unknown;
}

export const ERROR_CODES: ReadonlySet<string> = new Set([
  "unauthorized",
  "not_found",
  "method_not_allowed",
  "unsupported_media_type",
  "payload_too_large",
  "invalid_json",
  "invalid_body",
  "validation_failed",
  "unknown_user",
  "unknown_offering",
  "already_registered",
  "retake_not_allowed",
  "registration_not_open",
  "registration_closed",
  "offering_ended",
  "offering_full",
  "idempotency_key_reused",
  "rate_limited",
  "unavailable",
  "internal",
]);

const SECURITY_HEADERS: Record<string, string> = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "cache-control": "no-store",
  "referrer-policy": "no-referrer",
};

const REQUEST_ID = /^[\w.:=-]{1,128}$/;
/** What no error body may ever show: stack frames, SQL engine or driver names. */
const INTERNALS = /\n\s+at |SQLITE|D1_|drizzle|sqlite_master|TypeError|RangeError|SyntaxError|undefined is not/i;

function short(text: string, max = 300): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} chars)`;
}

function bodyForDisplay(body: string | Uint8Array | undefined): string {
  if (body === undefined) return "none";
  if (typeof body === "string") return JSON.stringify(short(body));
  const head = [...body.subarray(0, 120)].map((byte) => byte.toString(16).padStart(2, "0")).join(" ");
  return `bytes[${body.byteLength}] ${head}${body.byteLength > 120 ? " …" : ""}`;
}

export function describeRequest(request: FuzzRequest): string {
  return `${request.method} ${short(request.path)} headers=${short(JSON.stringify(request.headers))} body=${bodyForDisplay(request.body)}`;
}

export function describeResponse(observed: Observed): string {
  const headers = [...observed.headers].map(([name, value]) => `${name}: ${value}`).join("; ");
  return `${observed.status} [${headers}] ${short(observed.text)}`;
}

/**
 * The contract's error body: `{"errors":[string...]}` and/or `{"fieldErrors":{string:string}}`;
 * with `results`, also the per-item answers of a refused atomic batch beside `errors` (README,
 * POST /registrations/batch).
 */
export function isErrorBody(value: unknown, results = false): boolean {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  if (entries.length === 0) return false;
  return entries.every(([key, field]) => {
    if (key === "results" && results) return Array.isArray(field) && "errors" in value;
    if (key === "errors") {
      return Array.isArray(field) && field.length > 0 && field.every((m) => typeof m === "string" && m !== "");
    }
    if (key === "fieldErrors") {
      if (field === null || typeof field !== "object" || Array.isArray(field)) return false;
      const messages = Object.values(field);
      return messages.length > 0 && messages.every((m) => typeof m === "string" && m !== "");
    }
    return false;
  });
}

/**
 * The words of an error body that are the service's own. Not the keys of `fieldErrors` (field
 * names, or the ids a userfield values body sent, echoed as sent), nor the field name in
 * "Invalid value for <field name>" (the tenant's own name for it): a client's SQL-looking input
 * coming back there is not a leak.
 */
function ownWords(json: unknown, text: string): string {
  if (!isErrorBody(json, true)) return text;
  const body = json as { errors?: string[]; fieldErrors?: Record<string, string> };
  const messages = [...(body.errors ?? []), ...Object.values(body.fieldErrors ?? {})];
  return messages.map((message) => (message.startsWith("Invalid value for ") ? "Invalid value for" : message)).join("\n");
}

/** What API.md §1 asks of every response, whatever the request. */
export function contractViolations(observed: Observed): string[] {
  const { request, status, headers, text, json } = observed;
  const found: string[] = [];
  const head = request.method.toUpperCase() === "HEAD";
  if (status >= 500) found.push(`a ${status}`);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    if (headers.get(name) !== value) found.push(`${name} is ${JSON.stringify(headers.get(name))}, not ${value}`);
  }
  const requestId = headers.get("x-request-id");
  if (requestId === null || !REQUEST_ID.test(requestId)) found.push(`X-Request-Id is ${JSON.stringify(requestId)}`);

  if (status >= 400) {
    if (headers.get("content-type") !== "application/json") {
      found.push(`error Content-Type is ${JSON.stringify(headers.get("content-type"))}`);
    }
    const code = headers.get("x-error-code");
    if (code === null || !ERROR_CODES.has(code)) found.push(`X-Error-Code is ${JSON.stringify(code)}`);
    if (!head) {
      const batchRefused = status === 409 && /\/registrations\/batch$/.test(new URL(`http://x${request.path}`).pathname);
      if (!isErrorBody(json, batchRefused)) found.push("the error body is not {errors:[string...]} and/or {fieldErrors:{string:string}}");
      if (INTERNALS.test(ownWords(json, text))) found.push("the error body shows internals");
    }
    if (status === 401) {
      const challenge = headers.get("www-authenticate");
      if (challenge !== 'Bearer realm="api"' && challenge !== 'Bearer realm="api", error="invalid_token"') {
        found.push(`401 with WWW-Authenticate ${JSON.stringify(challenge)}`);
      }
    }
    if (status === 405 && !headers.get("allow")) found.push("405 without Allow");
    if ((status === 429 || status === 503) && !headers.get("retry-after")) found.push(`${status} without Retry-After`);
  } else if (status === 204) {
    if (text !== "") found.push("204 with a body");
  } else if (status === 201) {
    // Every create names its resource, except a new token's (API.md §2: id and token in the body).
    const token = /^\/admin\/v1\/organizations\/[^/]+\/tokens$/.test(new URL(`http://x${request.path}`).pathname);
    if (!token && !headers.get("location")) found.push("201 without Location");
    if (text !== "" && json === undefined) found.push("201 with a body that is not JSON");
  } else if (status >= 200 && status < 300 && !head && !new URL(`http://x${request.path}`).pathname.startsWith("/docs")) {
    if (headers.get("content-type")?.split(";")[0] !== "application/json") {
      found.push(`${status} with Content-Type ${JSON.stringify(headers.get("content-type"))}`);
    }
    if (json === undefined) found.push(`${status} with a body that is not JSON`);
  }
  return found;
}

/** Thrown when a response breaks the contract; fast-check reports it with the request. */
export class ContractViolation extends Error {
  override name = "ContractViolation";
}

let requests = 0;
/** Responses by status class ("2xx", "4xx", "5xx", …). */
const byClass = new Map<string, number>();
/** Requests by the collection they name (the path's first segment after the base path, and a sub-collection). */
const byCollection = new Map<string, number>();
/** Refused requests after which every table was compared and found unchanged (project "workers"). */
let refusalsChecked = 0;

/** Requests fuzzed so far in this test file (this project). */
export function fuzzedRequests(): number {
  return requests;
}

/** What the run saw, for its closing line: responses by status class, refusals checked against the tables. */
export function fuzzTally(): { byClass: Record<string, number>; byCollection: Record<string, number>; refusalsChecked: number } {
  return { byClass: Object.fromEntries([...byClass].sort()), byCollection: Object.fromEntries([...byCollection].sort()), refusalsChecked };
}

/** The collections the routes name: `users`, `users/{id}/userfieldvalues`, … */
const COLLECTIONS: ReadonlySet<string> = new Set(
  ROUTES.map((route) => route.template.split("/").filter(Boolean)).map(([first, param, sub]) =>
    param === undefined || sub === undefined || param === "batch" ? `${first}` : `${first}/{id}/${sub}`,
  ),
);

/** `/dc/api/v5/users/<id>/userfieldvalues?x` → `users/{id}/userfieldvalues`; junk paths → `other`. */
function collectionOf(path: string): string {
  const match = /^\/(?:dc\/api\/v5|api\/v5|admin\/v1)\/([a-z]+)(?:\/[^/?]+(?:\/([a-z]+))?)?/.exec(path);
  const name = match?.[2] === undefined ? match?.[1] : `${match[1]}/{id}/${match[2]}`;
  return name !== undefined && COLLECTIONS.has(name) ? name : "other";
}

function violation(found: string[], observed: Observed): ContractViolation {
  return new ContractViolation(
    `${found.join("; ")}\n  request:  ${describeRequest(observed.request)}\n  response: ${describeResponse(observed)}`,
  );
}

const SAFE_METHODS = new Set(["GET", "HEAD"]);

function isSafe(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

/** Runs of GET and HEAD requests checked together (they may never change a row, whatever their status). */
const SAFE_BATCH = 8;

/**
 * Sends requests and checks the contract; where the database is readable (project "workers"),
 * also that no refused request, and no GET or HEAD at all, changed any row: a snapshot of every
 * table is compared before and after each run of such requests (runs of GET/HEAD in batches).
 */
export class Fuzzer {
  #last: TableSnapshot | null = null;
  /** Requests since the last snapshot, every one refused or safe. */
  #pending: Observed[] = [];
  #pendingRuns = 0;

  /** Takes the current contents as the baseline (after writes made outside the fuzzer's requests). */
  async resync(): Promise<void> {
    this.#last = await snapshotTables();
    this.#pending = [];
    this.#pendingRuns = 0;
  }

  /** Compares the tables with the baseline if requests are pending; the current contents become the baseline. */
  async flush(): Promise<void> {
    if (this.#pending.length === 0) return;
    const pending = this.#pending;
    const before = this.#last;
    await this.resync();
    const after = this.#last;
    if (before === null || after === null) return;
    const changed = changedTables(before, after);
    if (changed.length > 0) {
      const requests = pending.map((o) => `\n  ${o.status} <- ${describeRequest(o.request)}`).join("");
      throw new ContractViolation(
        `refused or safe requests changed rows in ${changed.join(", ")}; the requests since the last check:${requests}`,
      );
    }
    refusalsChecked += pending.filter((o) => o.status >= 400).length;
  }

  /** Before a run: a run that may write must not blur what the pending requests did. */
  async beforeRun(methods: readonly string[]): Promise<void> {
    if (!methods.every(isSafe)) await this.flush();
  }

  /** After a run: refused and safe requests wait for the next check; a successful write is the new baseline. */
  async afterRun(run: readonly Observed[]): Promise<void> {
    const unchanging = run.every((o) => o.status >= 400 || isSafe(o.request.method));
    if (!unchanging) {
      await this.resync();
      return;
    }
    this.#pending.push(...run);
    this.#pendingRuns++;
    if (this.#pendingRuns >= SAFE_BATCH || !run.every((o) => isSafe(o.request.method))) await this.flush();
  }

  /**
   * Sends the request and checks the contract. `extra` adds a property's own expectations
   * (returns violations). Throws ContractViolation on any.
   */
  async send(request: FuzzRequest, extra?: (observed: Observed) => string[]): Promise<Observed> {
    const response = await call(request.method, request.path, {
      token: null,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
    });
    const text = await response.text();
    requests++;
    const statusClass = `${Math.floor(response.status / 100)}xx`;
    byClass.set(statusClass, (byClass.get(statusClass) ?? 0) + 1);
    const collection = collectionOf(request.path);
    byCollection.set(collection, (byCollection.get(collection) ?? 0) + 1);
    let json: unknown;
    try {
      json = text === "" ? undefined : (JSON.parse(text) as unknown);
    } catch {
      json = undefined;
    }
    const observed: Observed = { request, status: response.status, headers: response.headers, text, json };
    const found = contractViolations(observed);
    if (extra) found.push(...extra(observed));
    if (found.length > 0) throw violation(found, observed);
    return observed;
  }
}
