/** What the hardening tests share: creating through the API, and the "never a 5xx" check. */
import { expect } from "vitest";
import { call } from "../support/http";
import { PREFIX } from "../support/contract";

export { PREFIX };

/** POST that must create; the new resource's Location. */
export async function create(token: string, collection: string, json: unknown): Promise<string> {
  const response = await call("POST", `${PREFIX}/${collection}`, { token, json });
  expect(response.status, await response.clone().text()).toBe(201);
  return response.headers.get("Location") ?? "";
}

/** GET of a resource as JSON. */
export async function read(token: string, location: string): Promise<Record<string, unknown>> {
  const response = await call("GET", location, { token });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

/** Fails the property on a 5xx (with the body, to see why). */
export async function notServerError(response: Response): Promise<Response> {
  if (response.status >= 500) throw new Error(`${response.status}: ${await response.text()}`);
  return response;
}
