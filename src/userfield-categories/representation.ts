/** A userfield category row as the API's object (API.md §7a). */
import { formatDate } from "../lib/iso-date";
import type { UserfieldCategoryRow } from "./read";

export type { UserfieldCategoryRow };

export function toUserfieldCategory(row: UserfieldCategoryRow) {
  return { id: row.id, name: row.name, type: row.type, orderIndex: row.orderIndex, createdDate: formatDate(row.createdAt) };
}
