/**
 * What a userfield value may be, by the field's type (API.md §7a): the one place of that rule.
 * Database-free: it reads a JSON value and says, for every type it could belong to, how it is
 * stored and what is left to check against the field itself: a `measure` its `constraints`
 * bound (the number for integer and decimal, the length for text) and the option `names` it
 * must be among. `valueFits` applies it to a field definition in code; the PUT applies the
 * same candidates in its one SQL batch (./write.ts), so it needs no read before the write.
 */
import type { UserfieldType } from "../db/schema";
import { formatDate, parseDateInput } from "../lib/iso-date";
import { isAllowedText } from "../lib/text-rule";
import { isEmailAddress } from "../lib/email";

/** Stored as JSON text, so a value comes back with its JSON type. */
export interface Candidate {
  type: UserfieldType;
  stored: string;
  measure?: number;
  names?: string[];
}

/** `null`, `""` and `[]` clear a value; anything else is one or more candidates (maybe none). */
export type Interpretation = { clear: true } | { clear: false; candidates: Candidate[] };

export const MAX_TEXT = 1000;
const EARLIEST = -62_135_596_800_000; // 0001-01-01T00:00:00Z
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59);

function textCandidates(value: string): Candidate[] {
  // The text rule (API.md §1). Tab, LF and CR stay allowed as before (a text value may be an
  // address over lines); option names, emails and dates hold none, so only text can carry one.
  // A refused string fits no type, so the PUT answers "Invalid value for <field name>".
  if (!isAllowedText(value, { multiline: true })) return [];
  const stored = JSON.stringify(value);
  const out: Candidate[] = [];
  const length = [...value].length;
  if (length <= MAX_TEXT) out.push({ type: "text", stored, measure: length });
  if (isEmailAddress(value)) out.push({ type: "email", stored });
  const ms = parseDateInput(value);
  if (ms !== null && ms >= EARLIEST && ms <= LATEST) out.push({ type: "date", stored: JSON.stringify(formatDate(ms)) });
  out.push({ type: "dropdown", stored, names: [value] }, { type: "radiobuttons", stored, names: [value] });
  if (value === "yes" || value === "no") out.push({ type: "yesno", stored });
  return out;
}

function listCandidates(value: unknown[]): Candidate[] {
  const names = value.filter((item): item is string => typeof item === "string");
  if (names.length !== value.length || new Set(names).size !== names.length) return [];
  if (!names.every((name) => isAllowedText(name))) return [];
  return [{ type: "checkboxes", stored: JSON.stringify(names), names }];
}

export function interpret(value: unknown): Interpretation {
  if (value === null || value === "" || (Array.isArray(value) && value.length === 0)) return { clear: true };
  const stored = JSON.stringify(value);
  let candidates: Candidate[] = [];
  if (typeof value === "string") candidates = textCandidates(value);
  else if (typeof value === "boolean") candidates = [{ type: "checkbox", stored }, { type: "truefalse", stored }];
  else if (typeof value === "number" && Number.isFinite(value)) {
    candidates = [{ type: "decimal", stored, measure: value }];
    if (Number.isSafeInteger(value)) candidates.unshift({ type: "integer", stored, measure: value });
  } else if (Array.isArray(value)) candidates = listCandidates(value);
  return { clear: false, candidates };
}

/** The parts of a field definition a value is checked against. */
export interface FieldRules {
  type: UserfieldType;
  options?: readonly { name: string }[] | undefined;
  constraints?: { min?: number | undefined; max?: number | undefined } | undefined;
}

/** The stored JSON text of `value` for `field`, or null when it does not fit. Not for clears. */
export function storedValue(field: FieldRules, value: unknown): string | null {
  const interpretation = interpret(value);
  if (interpretation.clear) return null;
  const candidate = interpretation.candidates.find((c) => c.type === field.type);
  if (candidate === undefined) return null;
  const { min, max } = field.constraints ?? {};
  if (candidate.measure !== undefined && ((min !== undefined && candidate.measure < min) || (max !== undefined && candidate.measure > max))) {
    return null;
  }
  const options = new Set((field.options ?? []).map((option) => option.name));
  if (candidate.names !== undefined && !candidate.names.every((name) => options.has(name))) return null;
  return candidate.stored;
}
