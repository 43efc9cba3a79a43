/** A userfield category row as the API's object (API.md §7a). */
import type { UserfieldCategoryType } from "../db/schema";
import { formatDate } from "../lib/iso-date";

export interface UserfieldCategoryRow {
  id: string;
  name: string;
  type: UserfieldCategoryType;
  orderIndex: number;
  createdAt: number;
}

export function toUserfieldCategory(row: UserfieldCategoryRow) {
  return { id: row.id, name: row.name, type: row.type, orderIndex: row.orderIndex, createdDate: formatDate(row.createdAt) };
}
