/**
 * What counts as an email address, for users (API.md §4) and `email` userfield values (§7a):
 * one rule in one place. Deliberately loose (local@domain.tld, no spaces, at most 254 characters,
 * RFC 5321's path limit); deliverability is the caller's business.
 */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmailAddress(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}
