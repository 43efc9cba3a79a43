/** An offering row as the API's offering object (API.md §5). */
import { formatDate } from "../lib/iso-date";
import { dateOrNull, present } from "../http/representation";
import { parseStoredList } from "../http/tags";
import type { OfferingRow } from "./read";

export type { OfferingRow };

export function toOffering(row: OfferingRow) {
  return present({
    id: row.id,
    title: row.title,
    summary: row.summary,
    thumbnailId: row.thumbnailId,
    createdDate: formatDate(row.createdAt),
    beginDate: dateOrNull(row.beginDate),
    endDate: dateOrNull(row.endDate),
    registrationBeginDate: dateOrNull(row.registrationBeginDate),
    registrationEndDate: dateOrNull(row.registrationEndDate),
    catalogDescription: row.catalogDescription,
    dashboardDescription: row.dashboardDescription,
    deliveryDescription: row.deliveryDescription,
    price: row.price,
    offeringCategoryIds: parseStoredList(row.offeringCategoryIds),
    tags: parseStoredList(row.tags),
    orderIndex: row.orderIndex,
    allowRetake: row.allowRetake,
    passingGrade: row.passingGrade,
    seatLimit: row.seatLimit,
  });
}
