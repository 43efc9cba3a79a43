/**
 * The availability rule of POST /registrations (API.md §3 step 4), written once, in SQL.
 * It serves the guarded insert of a registration and `GET /offerings?userId=` alike.
 */
import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { qualified } from "./qualified";
import { offerings, registrations } from "./schema";

/**
 * Why an offering is not available to a user, in the contract's order of precedence. Each is also
 * an error code: the catalogue (src/http/errors.ts) takes them from here, with one shared message.
 */
export const UNAVAILABILITY_REASONS = [
  "already_registered",
  "retake_not_allowed",
  "registration_not_open",
  "registration_closed",
  "offering_ended",
  "offering_full",
] as const;
export type UnavailabilityReason = (typeof UNAVAILABILITY_REASONS)[number];

/**
 * The first reason the current `offerings` row is not available to `userId` at `now`, or NULL
 * when it is available. The caller's query must have `offerings` in its FROM clause.
 * Boundaries are inclusive and compared to the whole second, the API's resolution.
 */
export function unavailabilityReason(userId: string | SQLWrapper, now: number): SQL<UnavailabilityReason | null> {
  const second = Math.floor(now / 1000) * 1000;
  const o = {
    id: qualified(offerings.id),
    organizationId: qualified(offerings.organizationId),
    allowRetake: qualified(offerings.allowRetake),
    registrationBeginDate: qualified(offerings.registrationBeginDate),
    registrationEndDate: qualified(offerings.registrationEndDate),
    endDate: qualified(offerings.endDate),
    seatLimit: qualified(offerings.seatLimit),
    activeRegistrations: qualified(offerings.activeRegistrations),
  };
  // The active one is a probe of ux_registrations_one_active (its columns, its WHERE). A
  // finished one walks the user's few registrations (idx_registrations_user_org_created): the
  // unary + keeps SQLite from walking the offering's many instead (without statistics the two
  // indexes look alike to it).
  const active = sql`EXISTS (
      SELECT 1 FROM ${registrations} r
      WHERE r.organization_id = ${o.organizationId} AND r.user_id = ${userId} AND r.offering_id = ${o.id} AND r.status = 'active')`;
  const finished = sql`EXISTS (
      SELECT 1 FROM ${registrations} r
      WHERE r.user_id = ${userId} AND r.organization_id = ${o.organizationId} AND +r.offering_id = ${o.id} AND r.status IN ('passed', 'failed'))`;
  return sql<UnavailabilityReason | null>`(CASE
    WHEN ${active} THEN 'already_registered'
    WHEN ${o.allowRetake} = 0 AND ${finished} THEN 'retake_not_allowed'
    WHEN ${o.registrationBeginDate} IS NOT NULL AND ${second} < ${o.registrationBeginDate} THEN 'registration_not_open'
    WHEN ${o.registrationEndDate} IS NOT NULL AND ${second} > ${o.registrationEndDate} THEN 'registration_closed'
    WHEN ${o.endDate} IS NOT NULL AND ${second} > ${o.endDate} THEN 'offering_ended'
    WHEN ${o.seatLimit} IS NOT NULL AND ${o.activeRegistrations} >= ${o.seatLimit} THEN 'offering_full'
  END)`;
}
