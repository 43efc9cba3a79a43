/**
 * The request media type of POST and PUT bodies (API.md §1): `application/json` with the
 * parameters of RFC 9110 §8.3.1, `type "/" subtype *( OWS ";" OWS [ parameter ] )`, so optional
 * whitespace around `;` and empty parameters (`application/json;`) are accepted.
 */

const OWS = "[ \\t]*";
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const QUOTED_STRING = '"(?:[\\t \\x21\\x23-\\x5b\\x5d-\\x7e\\x80-\\xff]|\\\\[\\t \\x21-\\x7e\\x80-\\xff])*"';
const PARAMETER = `${TOKEN}=(?:${TOKEN}|${QUOTED_STRING})`;

// Surrounding whitespace is allowed too: a field value's own leading and trailing OWS is not part of it.
const JSON_MEDIA_TYPE = new RegExp(`^${OWS}application/json(?:${OWS};${OWS}(?:${PARAMETER})?)*${OWS}$`, "i");

/** Whether a Content-Type header value names JSON. */
export function isJsonMediaType(header: string | undefined): boolean {
  return header !== undefined && JSON_MEDIA_TYPE.test(header);
}
