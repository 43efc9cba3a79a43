/** Shared setup of the /webhooks tests: a subscription body, the answers its rules give, subscribing. */
import { expect } from "vitest";
import { PREFIX, type Json } from "./contract";
import type { TestOrganization } from "./fixtures";
import { call } from "./http";

export const URL_ERROR = { fieldErrors: { url: "url must be an https URL on a public host" } };
export const EVENTS_ERROR = {
  fieldErrors: {
    events:
      "events must name at least one of registration.created, registration.graded, registration.ejected, user.created, user.updated, user.deleted, offering.created, offering.updated, offering.deleted, userfieldvalues.updated",
  },
};

/** Nothing is ever delivered to it in the resource's tests: no webhook there sees an event of its types. */
export const HOOK = { url: "https://hooks.example.com/registrar", events: ["registration.created"], description: "LMS" };

export function postWebhook(org: TestOrganization, json: Json = HOOK, headers: Record<string, string> = {}): Promise<Response> {
  return call("POST", `${PREFIX}/webhooks`, { token: org.token, json, headers });
}

/** A new webhook of the organization: its id and secret. */
export async function subscribe(org: TestOrganization, json: Json = HOOK): Promise<{ id: string; secret: string }> {
  const response = await postWebhook(org, json);
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; secret: string };
}
