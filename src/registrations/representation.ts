/** A registration row as the API's registration object (API.md §3). */
import { formatDate } from "../lib/iso-date";
import { dateOrNull, present } from "../http/representation";
import type { RegistrationRow } from "./read";

export type { RegistrationRow };

export function toRegistration(row: RegistrationRow) {
  return present({
    id: row.id,
    userId: row.userId,
    offeringId: row.offeringId,
    title: row.title,
    status: row.status,
    grade: row.grade,
    graderId: row.graderId,
    graderComment: row.graderComment,
    createdDate: formatDate(row.createdAt),
    beginDate: dateOrNull(row.beginAt),
    lastActiveDate: dateOrNull(row.lastActiveAt),
    endDate: dateOrNull(row.endAt),
  });
}

export type Registration = ReturnType<typeof toRegistration>;
