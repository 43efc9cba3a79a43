/**
 * Building API objects: fields without a value are omitted, never null (API.md §1); an empty
 * list (`tags`, `offeringCategoryIds`) has no value either (API.md §10).
 */
import { formatDate } from "../lib/iso-date";

type MaybeAbsent<T> = {
  [K in keyof T]: null extends T[K] ? K : undefined extends T[K] ? K : T[K] extends readonly unknown[] ? K : never;
}[keyof T];

/** Fields that may be null, and lists, become optional and lose the null. */
export type Present<T> = { [K in Exclude<keyof T, MaybeAbsent<T>>]: T[K] } & {
  [K in MaybeAbsent<T>]?: Exclude<T[K], null | undefined>;
};

/** Copies the fields that have a value; `null`/`undefined` fields and empty lists are left out. */
export function present<T extends Record<string, unknown>>(fields: T): Present<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === null || value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = value;
  }
  return out as Present<T>;
}

/** An optional epoch-ms time as an API date. */
export function dateOrNull(ms: number | null): string | null {
  return ms === null ? null : formatDate(ms);
}
