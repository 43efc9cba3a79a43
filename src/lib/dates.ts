/**
 * Dates on the wire: output is always UTC ISO-8601 with `Z` and no fractional seconds;
 * input is an ISO-8601 date-time with a zone (Z or ±hh:mm) or a plain date (midnight UTC).
 * Times are kept as epoch milliseconds everywhere else.
 */

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?([Zz]|[+-]\d{2}:?\d{2})$/;
const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function formatDate(ms: number): string {
  const iso = new Date(ms).toISOString();
  // Years 0-9999 give "YYYY-MM-DDTHH:mm:ss.sssZ"; cutting is cheaper than a regex on every field.
  return iso.length === 24 ? `${iso.slice(0, 19)}Z` : iso.replace(/\.\d{3}Z$/, "Z");
}

/** Epoch ms of a valid calendar date and time in UTC, or null when a part is out of range. */
export function utc(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number | null {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 2026-02-30 over into March: a changed day means the date does not exist.
  return new Date(ms).getUTCDate() === day ? ms : null;
}

export interface ParsedDateTime {
  /** Epoch ms of the instant given (fractions of a second kept). */
  ms: number;
  /** Whether the text named fractions of a second. */
  fractional: boolean;
}

/** A full date-time with a zone, as the date filters' exact form accepts it. */
export function parseDateTime(value: string): ParsedDateTime | null {
  const m = DATE_TIME.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m as unknown as string[];
  const base = utc(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s ?? 0));
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
  return { ms: base + fraction - offsetMinutes * 60_000, fractional: frac !== undefined };
}

/** A date input field: a date-time with a zone or a plain date, kept to the whole second. */
export function parseDateInput(value: string): number | null {
  const plain = PLAIN_DATE.exec(value);
  if (plain) return utc(Number(plain[1]), Number(plain[2]), Number(plain[3]));
  const parsed = parseDateTime(value);
  return parsed === null ? null : Math.floor(parsed.ms / 1000) * 1000;
}
