/** An offering category row as the API's offering category object (API.md §5). */
import { formatDate } from "../lib/iso-date";
import { present } from "../http/representation";
import type { OfferingCategoryRow } from "./read";

export type { OfferingCategoryRow };

export function toOfferingCategory(row: OfferingCategoryRow) {
  return present({
    id: row.id,
    name: row.name,
    description: row.description,
    color: row.color,
    orderIndex: row.orderIndex,
    createdDate: formatDate(row.createdAt),
  });
}

export type OfferingCategory = ReturnType<typeof toOfferingCategory>;
