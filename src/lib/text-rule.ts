/**
 * The text rule of API.md §1: a string holding a lone UTF-16 surrogate or a control character
 * (U+0000–U+001F, U+007F) is refused. Multi-line text (descriptions, comments) may hold tab,
 * line feed and carriage return.
 *
 * Why it matters: JSON's `"\ud800"` parses into a lone surrogate, which has no UTF-8 form. On its
 * way to SQLite it is encoded as three bytes that are not UTF-8 and read back as three U+FFFD,
 * so the value would silently change (inside a JSON-encoded list it survived as an escape, hence
 * the difference between `name` and `tags`). Refusing it before storage keeps every accepted
 * string byte-identical on the way back.
 */

// Code-unit regexes (no `u` flag): a high surrogate not followed by a low one, or a low one not
// preceded by a high one, is lone.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CONTROL = /[\u0000-\u001F\u007F]/;
const CONTROL_EXCEPT_LINE_BREAKS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export interface TextRuleOptions {
  /** Tab, line feed and carriage return are allowed (descriptions and comments). */
  multiline?: boolean;
}

/** Whether `value` obeys the text rule. */
export function isAllowedText(value: string, options: TextRuleOptions = {}): boolean {
  const control = options.multiline ? CONTROL_EXCEPT_LINE_BREAKS : CONTROL;
  return !control.test(value) && !LONE_SURROGATE.test(value);
}
