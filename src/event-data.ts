/**
 * An event's `data` as GET returns the resource: each resource renders its own stored snapshot
 * with its one representation function (src/<resource>/events.ts). App level, because it knows
 * every resource; both entries hand it to delivery.
 */
import type { EventType } from "./db/schema";
import { renderOffering } from "./offerings/events";
import { renderRegistration } from "./registrations/events";
import { renderUser } from "./users/events";

const renderers: Record<EventType, (json: string) => unknown> = {
  "registration.created": renderRegistration,
  "registration.graded": renderRegistration,
  "registration.ejected": renderRegistration,
  "user.created": renderUser,
  "user.updated": renderUser,
  "user.deleted": renderUser,
  "offering.created": renderOffering,
  "offering.updated": renderOffering,
  "offering.deleted": renderOffering,
  // Written already in its final shape by its route (see src/db/outbox.ts, userfieldvaluesEvent).
  "userfieldvalues.updated": (json) => JSON.parse(json) as unknown,
};

export function renderEvent(type: string, json: string): unknown {
  const render = renderers[type as EventType] as ((json: string) => unknown) | undefined;
  return render === undefined ? (JSON.parse(json) as unknown) : render(json);
}
