/**
 * The one date parser and formatter (API.md §1, §6). Output is UTC ISO-8601 with `Z` and no
 * fractional seconds; input is an ISO-8601 date-time with a zone (`Z` or ±hh:mm) or a plain date
 * (midnight UTC). Every instant lies in 0001-01-01T00:00:00Z … 9999-12-31T23:59:59Z after the
 * offset is applied; outside is invalid. A leap second `:60` is read as `:59` of its minute.
 * Times are epoch milliseconds everywhere else.
 *
 * `Date.UTC` is not used: it reads years 0–99 as 1900–1999 (the cause of `0050` stored as 1950).
 */

/** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z: the range every date must fall in. */
export const MIN_DATE_MS = -62_135_596_800_000;
export const MAX_DATE_MS = 253_402_300_799_999;

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?([Zz]|[+-]\d{2}:?\d{2})$/;
const YEAR = /^(\d{4})$/;
const YEAR_MONTH = /^(\d{4})-(\d{2})$/;
const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const DAY_MS = 86_400_000;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** Days from 1970-01-01 to the given proleptic Gregorian date (any year; no two-digit rule). */
function daysFromEpoch(year: number, month: number, day: number): number {
  // Howard Hinnant's days_from_civil: exact integer arithmetic, valid for every year.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * Epoch ms of a calendar date and time in UTC, or null when a part is out of range (month 13,
 * February 30th, hour 24). A second of 60 (a leap second) is read as 59. Years are taken as
 * written. The result is not range-checked: see `inRange`.
 */
export function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 60) return null;
  const seconds = hour * 3600 + minute * 60 + Math.min(second, 59);
  return daysFromEpoch(year, month, day) * DAY_MS + seconds * 1000;
}

/** Whether an instant lies in 0001-01-01T00:00:00Z … 9999-12-31T23:59:59.999Z. */
export function inRange(ms: number): boolean {
  return ms >= MIN_DATE_MS && ms <= MAX_DATE_MS;
}

/** `2012-03-01T06:03:10Z`: the one output form. */
export function formatDate(ms: number): string {
  // toISOString() gives "YYYY-MM-DDTHH:mm:ss.sssZ" for the years 0–9999, the only ones stored.
  const iso = new Date(ms).toISOString();
  return iso.length === 24 ? `${iso.slice(0, 19)}Z` : iso.replace(/\.\d{3}Z$/, "Z");
}

export interface ParsedDateTime {
  /** Epoch ms of the instant given (fractions of a second kept). */
  ms: number;
  /** Whether the text named fractions of a second. */
  fractional: boolean;
}

/** A full date-time with a zone, within the range; null otherwise. */
export function parseDateTime(value: string): ParsedDateTime | null {
  const m = DATE_TIME.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m as unknown as string[];
  const base = utcMs(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s ?? 0));
  if (base === null || zone === undefined) return null;
  let offsetMinutes = 0;
  if (zone !== "Z" && zone !== "z") {
    const digits = zone.replace(":", "");
    const hours = Number(digits.slice(1, 3));
    const minutes = Number(digits.slice(3, 5));
    if (hours > 23 || minutes > 59) return null;
    offsetMinutes = (zone.startsWith("-") ? -1 : 1) * (hours * 60 + minutes);
  }
  const fraction = frac ? Math.floor(Number(`0${frac}`) * 1000) : 0;
  const ms = base + fraction - offsetMinutes * 60_000;
  return inRange(ms) ? { ms, fractional: frac !== undefined } : null;
}

/** A date input field: a date-time with a zone or a plain date, kept to the whole second. */
export function parseDateInput(value: string): number | null {
  const plain = PLAIN_DATE.exec(value);
  if (plain) {
    const ms = utcMs(Number(plain[1]), Number(plain[2]), Number(plain[3]));
    return ms !== null && inRange(ms) ? ms : null;
  }
  const parsed = parseDateTime(value);
  return parsed === null ? null : Math.floor(parsed.ms / 1000) * 1000;
}

/** Inclusive bounds of a span of time, in epoch ms. */
export interface Span {
  start: number;
  end: number;
}

/** A year, month or day as its whole span in UTC, cut to the range. */
function calendarSpan(year: number, month: number | undefined, day: number | undefined): Span | null {
  const start = utcMs(year, month ?? 1, day ?? 1);
  if (start === null || !inRange(start)) return null;
  let next: number | null;
  if (day !== undefined) next = start + DAY_MS;
  else if (month !== undefined && month < 12) next = utcMs(year, month + 1, 1);
  else next = utcMs(year + 1, 1, 1);
  return next === null ? null : { start, end: Math.min(next - 1, MAX_DATE_MS) };
}

/**
 * A date filter's one side (API.md §6): an imprecise date (`2026`, `2026-01`, `2026-01-31`)
 * meaning its whole span, or an exact time; a time without a fraction means that whole second.
 */
export function parseSpan(text: string): Span | null {
  let m = YEAR.exec(text);
  if (m) return calendarSpan(Number(m[1]), undefined, undefined);
  m = YEAR_MONTH.exec(text);
  if (m) return calendarSpan(Number(m[1]), Number(m[2]), undefined);
  m = PLAIN_DATE.exec(text);
  if (m) return calendarSpan(Number(m[1]), Number(m[2]), Number(m[3]));
  const exact = parseDateTime(text);
  if (exact === null) return null;
  return { start: exact.ms, end: exact.fractional ? exact.ms : exact.ms + 999 };
}
