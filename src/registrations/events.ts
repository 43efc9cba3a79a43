/**
 * A registration event's stored snapshot (src/db/outbox.ts) as delivery renders it: the read's
 * own fields (the source every write appends is `registrationEventSource` in ./register.ts) and
 * the one representation function.
 */
import { decodeSnapshot } from "../db/outbox";
import { columns } from "./read";
import { toRegistration, type RegistrationRow } from "./representation";

export function renderRegistration(json: string) {
  return toRegistration(decodeSnapshot<RegistrationRow>(columns, json));
}
