/** A userfield row (with its category) as the API's userfield object (API.md §7a). */
import type { UserfieldCategoryType, UserfieldType } from "../db/schema";
import { formatDate } from "../lib/iso-date";
import { present } from "../http/representation";

export interface UserfieldRow {
  id: string;
  name: string;
  type: UserfieldType;
  categoryId: string | null;
  categoryName: string | null;
  categoryType: UserfieldCategoryType | null;
  orderIndex: number;
  required: boolean;
  readOnly: boolean;
  message: string | null;
  options: string | null;
  constraints: string | null;
  localizedNames: string | null;
  createdAt: number;
}

const parsed = <T>(json: string | null): T | null => (json === null ? null : (JSON.parse(json) as T));

export function toUserfield(row: UserfieldRow) {
  return present({
    id: row.id,
    name: row.name,
    type: row.type,
    categoryId: row.categoryId,
    categoryName: row.categoryName,
    categoryType: row.categoryType,
    orderIndex: row.orderIndex,
    required: row.required,
    readOnly: row.readOnly,
    message: row.message,
    options: parsed<{ name: string; selected: boolean }[]>(row.options),
    constraints: parsed<{ min?: number; max?: number }>(row.constraints),
    localizedNames: parsed<Record<string, string>>(row.localizedNames),
    createdDate: formatDate(row.createdAt),
  });
}
