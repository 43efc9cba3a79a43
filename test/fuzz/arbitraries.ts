/**
 * Generators of hostile input: strings (SQL injection, path traversal, odd Unicode), ids,
 * query strings, JSON bodies with wrong types, prototype keys, deep nesting, huge strings,
 * invalid UTF-8, Content-Types, Authorization headers and other request headers.
 */
import fc from "fast-check";
import { USERFIELD_TYPES } from "../../src/db/schema";
import { encodeCursor } from "../../src/http/cursor";
import { TYPE_ALIASES } from "../../src/userfields/field-types";

export const SQL_INJECTION = [
  "' OR '1'='1",
  "' OR 1=1 --",
  "'; DROP TABLE users; --",
  "\" OR \"\"=\"",
  "1 OR 1=1",
  "1; SELECT * FROM api_tokens",
  "' UNION SELECT token_hash, organization_id FROM api_tokens --",
  "') OR ('a'='a",
  "%' OR 1=1 --",
  "' AND (SELECT count(*) FROM sqlite_master) > 0 --",
  "'||(SELECT name FROM sqlite_master LIMIT 1)||'",
  "0123456789abcdef0123456789abcdef' OR '1'='1",
  "\\'; DELETE FROM registrations; --",
  "1' ORDER BY 100 --",
  "?",
  "?1",
  ":id",
  "$1",
  "%",
  "_",
  "%%",
  "*",
  "NULL",
  "null",
  "undefined",
];

export const PATH_TRAVERSAL = [
  "..",
  ".",
  "../",
  "../../etc/passwd",
  "..%2f..%2fadmin%2fv1",
  "%2e%2e%2f",
  "%2e%2e",
  "....//",
  "..\\..\\windows",
  "/etc/passwd",
  "..;/",
  "%00",
  "%c0%ae%c0%ae/",
  "%252e%252e%252f",
  "file:///etc/passwd",
];

export const ODD_STRINGS = [
  "",
  " ",
  "\t",
  "openapi.json",
  "docs",
  "admin",
  "true",
  "[]",
  "{}",
  "-1",
  "0",
  "1e309",
  "NaN",
  "Infinity",
  "0x10",
  "\u0000",
  "\u202e\u0041",
  "\ud83d\ude00",
  "\ufffd",
  "\ud800",
  "\udfff",
  "e\u0301",
  "\u00e9",
  "Ⓐⓓⓐ",
  "%ff",
  "%e2%82",
  "%",
  "<script>alert(1)</script>",
  "${7*7}",
  "{{7*7}}",
  "__proto__",
  "constructor",
  "prototype",
  "0123456789ABCDEF0123456789ABCDEF",
  "0123456789abcdef0123456789abcdeg",
  "0123456789abcdef0123456789abcde",
  "0123456789abcdef0123456789abcdef0",
];

/** Printable ASCII, the safe alphabet of header values. */
const asciiChar = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));

export const asciiString = (maxLength = 40) => fc.string({ unit: asciiChar, maxLength });

/**
 * Text from the whole UTF-16 range: lone surrogates and control characters included, and full
 * Unicode (the text rule of API.md §1 refuses the first two, keeps the rest byte-identical).
 */
export const anyUnicodeText: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
      fc.integer({ min: 0, max: 0x10ffff }).filter((cp) => cp < 0xd800 || cp > 0xdfff).map((cp) => String.fromCodePoint(cp)),
      fc.constantFrom("\ud800", "\udfff", "\u0000", "\u0007", "\t", "\n", "\r", "\u007f", "a", "\u{1F600}"),
    ),
    { minLength: 1, maxLength: 30 },
  )
  .map((pieces) => pieces.join(""));

/** Tag filter values of any length (API.md §6: more than 20 tags is refused). */
export const tagListValue: fc.Arbitrary<string> = fc
  .tuple(fc.array(fc.stringMatching(/^[a-z0-9]{1,6}$/), { maxLength: 120 }), fc.constantFrom(",", " ", ", "))
  .map(([tags, separator]) => tags.join(separator));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: anyUnicodeText },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 300 }).map((n) => "y".repeat(n)) },
  { weight: 4, arbitrary: fc.constantFrom(...SQL_INJECTION, ...PATH_TRAVERSAL, ...ODD_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...SQL_INJECTION, ...PATH_TRAVERSAL), fc.string({ maxLength: 10 }))
      .map(([a, b]) => a + b),
  },
  { weight: 1, arbitrary: fc.integer({ min: 256, max: 5000 }).map((n) => "x".repeat(n)) },
);

export const hex32 = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((bytes) =>
  [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join(""),
);

/**
 * Replaces lone surrogates (not representable in UTF-8, so encodeURIComponent throws on them)
 * with U+FFFD.
 */
export function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}

/** A path segment: percent-encoded (always reaches its route) or as typed (may move the path). */
export interface Segment {
  /** The value the server should see after decoding. */
  value: string;
  text: string;
  /** True when `text` is `value` percent-encoded and the route is certainly the one meant. */
  clean: boolean;
}

export function encodedSegment(value: string): Segment {
  const safe = wellFormed(value);
  const clean = safe !== "" && safe !== "." && safe !== ".." && safe === value;
  return { value, text: encodeURIComponent(safe), clean };
}

export function segmentArb(values: fc.Arbitrary<string>): fc.Arbitrary<Segment> {
  return fc.oneof(
    { weight: 4, arbitrary: values.map(encodedSegment) },
    { weight: 1, arbitrary: values.map((value) => ({ value, text: wellFormed(value), clean: false })) },
  );
}

/** Ids: of the tenant itself, of the other tenant, unknown, malformed and hostile. */
export function idArb(own: readonly string[], others: readonly string[]): fc.Arbitrary<string> {
  const options: fc.WeightedArbitrary<string>[] = [
    { weight: 3, arbitrary: hex32 },
    { weight: 3, arbitrary: hostileString },
    { weight: 1, arbitrary: hex32.map((id) => id.toUpperCase()) },
  ];
  if (own.length > 0) {
    options.push({ weight: 4, arbitrary: fc.constantFrom(...own) });
    options.push({
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...own), fc.constantFrom("upper", "suffix", "prefix", "quote", "space"))
        .map(([id, how]) =>
          how === "upper"
            ? id.toUpperCase()
            : how === "suffix"
              ? `${id}0`
              : how === "prefix"
                ? ` ${id}`
                : how === "quote"
                  ? `${id}' OR '1'='1`
                  : `${id} `,
        ),
    });
  }
  if (others.length > 0) options.push({ weight: 3, arbitrary: fc.constantFrom(...others) });
  return fc.oneof(...options);
}

// ---------------------------------------------------------------------------------------------
// Query strings

export type Validity = "valid" | "invalid" | "unknown";

export interface QueryParam {
  key: string;
  value: string;
  /** Whether the contract accepts this value for this key (only where it says so exactly). */
  validity: Validity;
  /** Encoded with encodeURIComponent (else as typed). */
  encoded: boolean;
}

const digits = (min: number, max: number) => fc.integer({ min, max }).map(String);

export const limitValue: fc.Arbitrary<[string, Validity]> = fc.oneof(
  digits(1, 100).map((v): [string, Validity] => [v, "valid"]),
  fc
    .oneof(
      digits(101, 100_000),
      digits(-1000, 0),
      fc.constantFrom("", "abc", "1.5", "1e2", "0x10", "+5", " 5", "5 ", "-0", "Infinity", "NaN", "10,20", "٣"),
      fc.double({ noNaN: true }).filter((n) => !Number.isInteger(n)).map(String),
      fc.constantFrom("99999999999999999999999", "1".repeat(400)),
    )
    .map((v): [string, Validity] => [v, "invalid"]),
  fc.oneof(hostileString, fc.constantFrom("007", "0100", "00")).map((v): [string, Validity] => {
    if (/^(100|[1-9]\d?)$/.test(v)) return [v, "valid"];
    if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 100) return [v, "invalid"];
    return [v, "unknown"];
  }),
);

export const offsetValue: fc.Arbitrary<[string, Validity]> = fc.oneof(
  fc.oneof(digits(0, 1000), digits(0, 2 ** 31)).map((v): [string, Validity] => [v, "valid"]),
  fc
    .oneof(
      digits(-1000, -1),
      fc.constantFrom("", "abc", "1.5", "1e2", "0x10", "+5", " 5", "-0", "NaN", "Infinity", "1,2"),
    )
    .map((v): [string, Validity] => [v, "invalid"]),
  fc.oneof(hostileString, fc.constantFrom("9".repeat(16), "9".repeat(40), "0000")).map((v): [string, Validity] => {
    if (/^(0|[1-9]\d{0,14})$/.test(v)) return [v, "valid"];
    if (!/^\d+$/.test(v)) return [v, "invalid"];
    return [v, "unknown"];
  }),
);

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const MAX_DATE = Date.parse("9999-12-31T23:59:59.999Z");

/** A date filter value the contract accepts: a year, month, day, exact time, or a range of those. */
const validDatePoint = fc.oneof(
  fc.integer({ min: 1970, max: 2100 }).map((y) => String(y)),
  // The whole range (API.md §1): years 0001–0099 are not 19xx, 9999 is the last; a leap second.
  fc.integer({ min: 1, max: 9999 }).map((y) => pad(y, 4)),
  fc.tuple(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${pad(y, 4)}-${pad(m, 2)}`),
  fc.constantFrom("0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2016-12-31T23:59:60Z", "0050-06-15", "0000-12-31T23:30:00-01:00"),
  fc.tuple(fc.integer({ min: 1970, max: 2100 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${pad(m, 2)}`),
  fc
    .date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2100-12-31T23:59:59Z"), noInvalidDate: true })
    .chain((d) =>
      fc.constantFrom(
        d.toISOString().slice(0, 10),
        `${d.toISOString().slice(0, 19)}Z`,
        d.toISOString(),
        `${d.toISOString().slice(0, 19)}+00:00`,
      ),
    ),
);

/** Inclusive range bounds: the earliest instant of a point, and its latest. */
/** Epoch ms of a UTC date, years as written (Date.UTC reads 0–99 as 19xx). */
function utcOf(year: number, monthIndex: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return date.getTime();
}

function spanOf(point: string): [number, number] {
  if (/^\d{4}$/.test(point)) return [utcOf(Number(point), 0, 1), Math.min(utcOf(Number(point) + 1, 0, 1) - 1, MAX_DATE)];
  if (/^\d{4}-\d{2}$/.test(point)) {
    const [y, m] = point.split("-").map(Number) as [number, number];
    return [utcOf(y, m - 1, 1), Math.min(utcOf(y, m, 1) - 1, MAX_DATE)];
  }
  if (/T23:59:60Z$/.test(point)) {
    const ms = Date.parse(point.replace(":60Z", ":59Z"));
    return [ms, ms];
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(point)) {
    const start = Date.parse(`${point}T00:00:00Z`);
    return [start, start + 86_400_000 - 1];
  }
  const ms = Date.parse(point);
  return [ms, ms];
}

export const dateFilterValue: fc.Arbitrary<[string, Validity]> = fc.oneof(
  validDatePoint.map((v): [string, Validity] => [v, "valid"]),
  fc.tuple(validDatePoint, validDatePoint).map(([a, b]): [string, Validity] => {
    const [from] = spanOf(a);
    const [, to] = spanOf(b);
    // A reversed range: the contract does not say.
    return [`${a},${b}`, from <= to ? "valid" : "unknown"];
  }),
  validDatePoint.map((v): [string, Validity] => [`${v},`, "valid"]),
  validDatePoint.map((v): [string, Validity] => [`,${v}`, "valid"]),
  fc
    .constantFrom(
      "",
      ",",
      ",,",
      "2026-13",
      "2026-00",
      "2026-02-30",
      "2026-1-5",
      "26",
      "20261",
      "2026-01-01T25:00:00Z",
      "2026-01-01T10:00:00",
      "yesterday",
      "2026-01-01,2026-02-01,2026-03-01",
      "2026-01-32",
      "0x7e4",
      "2026/01/01",
      "2026-01-01T10:00:00Zjunk",
      "0000",
      "10000",
      "0000-12",
      "9999-12-31T23:59:59-01:00",
      "0001-01-01T00:00:00+00:01",
      "2016-12-31T23:59:61Z",
    )
    .map((v): [string, Validity] => [v, "invalid"]),
  fc
    .oneof(
      hostileString,
      fc.string({ unit: fc.constantFrom(..."0123456789-:TZ+,. "), maxLength: 30 }),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    )
    .map((v): [string, Validity] => [v, "unknown"]),
);

export interface ListEndpoint {
  path: string;
  /** Paged lists (limit/offset, next/previous). */
  paged: boolean;
  dateParams: readonly string[];
  otherParams: readonly string[];
  /** Parameters of a fixed set of values (`status`, `type`, `categoryType`): anything else is refused. */
  enumParams?: Readonly<Record<string, readonly string[]>>;
  /** Takes the keyset cursor `after` (README, "Extensions"). */
  keyset?: boolean;
}

/** Cursors the API could have made (any position), and strings that are not cursors. */
export const afterValue: fc.Arbitrary<[string, Validity]> = fc.oneof(
  fc
    .record({ createdAt: fc.integer({ min: 0, max: 4_102_444_800_000 }), id: fc.stringMatching(/^[0-9a-f]{32}$/) })
    .map((cursor): [string, Validity] => [encodeCursor(cursor), "valid"]),
  fc.constantFrom("", "abc", "MS5hYmM=", "eC5hYmM", "LTEuYWJj", "MS5hL2I").map((v): [string, Validity] => [v, "invalid"]),
  hostileString.map((v): [string, Validity] => [v, "unknown"]),
);

export function queryArb(endpoint: ListEndpoint, ids: fc.Arbitrary<string>): fc.Arbitrary<QueryParam[]> {
  const param: fc.Arbitrary<[string, string, Validity]>[] = [];
  if (endpoint.paged) {
    param.push(limitValue.map(([v, ok]): [string, string, Validity] => ["limit", v, ok]));
    param.push(offsetValue.map(([v, ok]): [string, string, Validity] => ["offset", v, ok]));
  }
  for (const name of endpoint.dateParams) {
    param.push(dateFilterValue.map(([v, ok]): [string, string, Validity] => [name, v, ok]));
  }
  for (const name of endpoint.otherParams) {
    const values = name === "tag" ? fc.oneof(ids, hostileString, tagListValue) : fc.oneof(ids, hostileString);
    param.push(values.map((v): [string, string, Validity] => [name, v, "unknown"]));
  }
  if (endpoint.keyset) {
    param.push(afterValue.map(([v, ok]): [string, string, Validity] => ["after", v, ok]));
  }
  for (const [name, values] of Object.entries(endpoint.enumParams ?? {})) {
    const upper = values.map((value) => value.toUpperCase());
    param.push(
      fc
        .oneof(fc.constantFrom(...values), fc.constantFrom(...upper, "", `${values[0]} `, "deleted"), hostileString)
        .map((v): [string, string, Validity] => [name, v, values.includes(v) ? "valid" : "invalid"]),
    );
  }
  // Parameters the endpoint does not know are ignored.
  param.push(
    fc
      .tuple(fc.oneof(hostileString, fc.constantFrom("limit ", "LIMIT", "Offset", "order", "sort", "fields")), hostileString)
      .map(([k, v]): [string, string, Validity] => [k, v, "unknown"]),
  );
  return fc.array(
    fc.tuple(fc.oneof(...param), fc.boolean()).map(([[key, value, validity], raw]) => ({
      key,
      value,
      validity,
      encoded: !raw,
    })),
    { maxLength: 7 },
  );
}

export function queryString(params: readonly QueryParam[]): string {
  if (params.length === 0) return "";
  const pairs = params.map(({ key, value, encoded }) =>
    encoded
      ? `${encodeURIComponent(wellFormed(key))}=${encodeURIComponent(wellFormed(value))}`
      : `${wellFormed(key)}=${wellFormed(value)}`.replaceAll("#", "%23"),
  );
  return `?${pairs.join("&")}`;
}

// ---------------------------------------------------------------------------------------------
// Bodies

/** A value of any JSON type (and shape), to put where a field of another type is expected. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: hostileString },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      null,
      true,
      false,
      0,
      -1,
      1.5,
      100.0000001,
      -0.0000001,
      1e308,
      -1e308,
      2 ** 53 + 1,
      "",
      [],
      {},
      [null],
      { id: "x" },
      "100",
      "50",
      "true",
    ),
  },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 5 }) },
);

export type FieldKind =
  | "text"
  | "email"
  | "password"
  | "locale"
  | "tags"
  | "date"
  | "number"
  | "integer"
  | "grade"
  | "boolean"
  | "id"
  | "ids"
  | "color"
  | "status"
  | "categoryType"
  | "userfieldType"
  | "options"
  | "constraints"
  | "localizedNames"
  | "webhookUrl"
  | "events"
  | "registrationList";

/** Every type name the API accepts: the canonical ones and their aliases (API.md §7a). */
const USERFIELD_TYPE_NAMES = [...USERFIELD_TYPES, ...Object.keys(TYPE_ALIASES)];

const EVENT_TYPES = [
  "registration.created",
  "registration.graded",
  "registration.ejected",
  "user.created",
  "user.updated",
  "user.deleted",
  "offering.created",
  "offering.updated",
  "offering.deleted",
  "userfieldvalues.updated",
];

/** An item of POST /registrations/batch: a reference pair, parts of one, or not an object. */
export function batchItem(ids: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.record({ userId: ids, offeringId: ids }) },
    { weight: 2, arbitrary: fc.record({ userId: fc.oneof(ids, wrongValue), offeringId: fc.oneof(ids, wrongValue) }, { requiredKeys: [] }) },
    { weight: 1, arbitrary: wrongValue },
  );
}

function validValue(kind: FieldKind, ids: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  switch (kind) {
    case "text":
      return fc.string({ minLength: 1, maxLength: 30 });
    case "email":
      return fc.tuple(hex32, fc.constantFrom("example.test", "EXAMPLE.test")).map(([id, host]) => `${id.slice(0, 12)}@${host}`);
    case "password":
      return fc.stringMatching(/^[a-z]{3,10}[0-9]{1,5}$/);
    case "locale":
      return fc.constantFrom("en", "fr", "de", "xx");
    case "tags":
      return fc.array(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("a b", "c,d", " ", ",")), { maxLength: 5 });
    case "date":
      return fc.oneof(validDatePoint, fc.constant(null));
    case "number":
      return fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.double({ min: 0, max: 1e6, noNaN: true }));
    case "integer":
      return fc.integer({ min: -1000, max: 1000 });
    case "grade":
      return fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 100, noNaN: true }));
    case "boolean":
      return fc.boolean();
    case "id":
      return ids;
    case "ids":
      return fc.array(ids, { maxLength: 4 });
    case "color":
      return fc.stringMatching(/^#[0-9a-fA-F]{6}$/);
    case "status":
      return fc.constantFrom("ejected", "active", "passed", "failed");
    case "categoryType":
      return fc.constantFrom("public", "private");
    case "userfieldType":
      return fc.constantFrom(...USERFIELD_TYPE_NAMES);
    case "options":
      return fc.uniqueArray(
        fc.record({ name: fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), anyUnicodeText), selected: fc.boolean() }, { requiredKeys: ["name"] }),
        { minLength: 1, maxLength: 5, selector: (option) => option.name },
      );
    case "constraints":
      return fc.record({ min: fc.integer({ min: -10, max: 10 }), max: fc.integer({ min: 10, max: 1000 }) }, { requiredKeys: [] });
    case "localizedNames":
      return fc.dictionary(fc.stringMatching(/^[a-z]{2}$/), fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), anyUnicodeText), { maxKeys: 3 });
    case "webhookUrl":
      // Names under .test never resolve: the Deno server's delivery loop reaches no one.
      return fc.oneof(
        fc.stringMatching(/^[a-z0-9/]{0,20}$/).map((path) => `https://hooks.example.test/${path}`),
        fc.constantFrom("http://hooks.example.test/", "https://127.0.0.1/", "https://169.254.169.254/latest", "https://localhost/", "https://[::1]/"),
      );
    case "events":
      return fc.uniqueArray(fc.constantFrom(...EVENT_TYPES), { minLength: 1, maxLength: 4 });
    case "registrationList":
      return fc.oneof(
        { weight: 8, arbitrary: fc.array(batchItem(ids), { minLength: 1, maxLength: 6 }) },
        { weight: 1, arbitrary: fc.constantFrom([], Array.from({ length: 501 }, () => ({ userId: "x", offeringId: "y" }))) },
      );
  }
}

/** A body object: each known field absent, valid, or of a wrong type; sometimes unknown fields. */
export function fieldRecord(fields: Record<string, FieldKind>, ids: fc.Arbitrary<string>): fc.Arbitrary<Record<string, unknown>> {
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, kind] of Object.entries(fields)) {
    // A valid password costs the server a PBKDF2 of 100,000 iterations: mostly send invalid ones.
    const valid = kind === "password" ? 1 : 3;
    shape[name] = fc.oneof({ weight: valid, arbitrary: validValue(kind, ids) }, { weight: 2, arbitrary: wrongValue });
  }
  return fc
    .tuple(
      fc.record(shape, { requiredKeys: [] }),
      fc.option(fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), hostileString), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }), {
        freq: 3,
      }),
    )
    .map(([known, extra]) => ({ ...(extra ?? {}), ...known }));
}

const PROTO_KEYS = ["__proto__", "constructor", "prototype", "__defineGetter__", "hasOwnProperty", "toString", "valueOf", "__lookupGetter__"];

/** A JSON object text with prototype-polluting keys (as JSON keys, which JSON.stringify cannot write). */
export function protoBody(base: fc.Arbitrary<Record<string, unknown>>, names: readonly string[]): fc.Arbitrary<string> {
  const polluting = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom({ polluted: "yes", isAdmin: true }, { prototype: { polluted: "yes" } }, { toString: "x" }),
  );
  const entry = fc.oneof(
    fc.tuple(fc.constantFrom(...PROTO_KEYS), polluting),
    fc.tuple(fc.constantFrom(...names, "unknownField"), wrongValue),
  );
  return fc
    .tuple(base, fc.array(entry, { minLength: 1, maxLength: 5 }), fc.boolean())
    .map(([base, extra, first]) => {
      const known = Object.entries(base).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? "null"}`);
      const hostile = extra.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? "null"}`);
      return `{${(first ? [...hostile, ...known] : [...known, ...hostile]).join(",")}}`;
    });
}

export const MAX_BODY = 64 * 1024;

/** A JSON object text of exactly `size` UTF-8 bytes: one field holding a long string. */
export function sizedBody(field: string, size: number, filler: string): string {
  const head = `{${JSON.stringify(field)}:"`;
  const tail = `"}`;
  const encoder = new TextEncoder();
  const fixed = encoder.encode(head + tail).byteLength;
  const room = Math.max(0, size - fixed);
  const unit = encoder.encode(filler).byteLength;
  const wide = Math.floor(room / unit);
  const text = filler.repeat(wide) + "a".repeat(room - wide * unit);
  return head + text + tail;
}

export const bodySize = fc.oneof(
  fc.integer({ min: MAX_BODY - 4, max: MAX_BODY + 4 }),
  fc.integer({ min: 1, max: 4096 }),
  fc.integer({ min: 4096, max: MAX_BODY + 8192 }),
  fc.constantFrom(MAX_BODY * 2, 1 << 20),
);

/** Deeply nested JSON, as the whole body or as one field's value. */
export function nestedBody(fields: readonly string[]): fc.Arbitrary<string> {
  return fc
    .record({
      depth: fc.oneof(fc.integer({ min: 1, max: 300 }), fc.constantFrom(1_000, 5_000, 10_000, 13_000, 20_000, 32_000)),
      kind: fc.constantFrom("array", "object", "mixed"),
      at: fc.oneof(fc.constant("top"), fc.constantFrom(...fields, "unknownField")),
    })
    .map(({ depth, kind, at }) => {
      const open = kind === "array" ? "[" : kind === "object" ? '{"a":' : '{"a":[';
      const close = kind === "array" ? "]" : kind === "object" ? "}" : "]}";
      const nested = open.repeat(depth) + "1" + close.repeat(depth);
      return at === "top" ? nested : `{${JSON.stringify(at)}:${nested}}`;
    });
}

const INVALID_UTF8: readonly number[][] = [
  [0xff],
  [0xfe],
  [0x80],
  [0xbf],
  [0xc0, 0x80],
  [0xc1, 0xbf],
  [0xe0, 0x80, 0x80],
  [0xed, 0xa0, 0x80],
  [0xed, 0xbf, 0xbf],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf5, 0x80, 0x80, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xe2, 0x82],
  [0xf0, 0x9f, 0x98],
  [0xc3],
];

/** Bytes that are not valid UTF-8 (or valid UTF-8 in surprising forms), mostly around JSON. */
export function invalidUtf8Body(json: fc.Arbitrary<string>): fc.Arbitrary<Uint8Array> {
  const encoder = new TextEncoder();
  return fc.oneof(
    fc
      .tuple(json, fc.constantFrom(...INVALID_UTF8), fc.nat())
      .map(([text, bad, at]) => {
        const bytes = encoder.encode(text);
        // Inside the first string value when there is one, else anywhere.
        const quote = text.indexOf(':"');
        const position = quote >= 0 ? encoder.encode(text.slice(0, quote + 2)).byteLength : at % (bytes.byteLength + 1);
        return Uint8Array.from([...bytes.subarray(0, position), ...bad, ...bytes.subarray(position)]);
      }),
    fc.uint8Array({ maxLength: 64 }),
    json.map((text) => Uint8Array.from([0xef, 0xbb, 0xbf, ...encoder.encode(text)])),
    json.map((text) => {
      // UTF-16LE, with a BOM half of the time.
      const out: number[] = [0xff, 0xfe];
      for (let i = 0; i < text.length; i++) out.push(text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8);
      return Uint8Array.from(out);
    }),
    json.map((text) => Uint8Array.from([...encoder.encode(text), 0x00])),
  );
}

/** Text that is almost JSON, or JSON that is not an object. */
export function malformedJson(json: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(
      "",
      " ",
      "{",
      "}",
      "{'a':1}",
      "{a:1}",
      '{"a":1,}',
      "[1,]",
      "NaN",
      '{"a":NaN}',
      '{"a":Infinity}',
      '{"a":-}',
      '{"a":01}',
      '{"a":"\\x41"}',
      '{"a":"\\ud800"}',
      "//c\n{}",
      "/*c*/{}",
      "{}garbage",
      "{} {}",
      "\ufeff{}",
      "null",
      "[]",
      "[{}]",
      '"string"',
      "42",
      "true",
      '{"a":"\u0000"}',
      '{"a":"line\nbreak"}',
      '{"__proto__":1,"__proto__":2}',
    ),
    fc.tuple(json, fc.nat()).map(([text, n]) => text.slice(0, n % Math.max(1, text.length))),
    fc.tuple(json, fc.nat(), fc.constantFrom("{", "}", "[", "]", ",", ":", '"', "\\", "\u0000", "'")).map(
      ([text, n, c]) => {
        const at = n % (text.length + 1);
        return text.slice(0, at) + c + text.slice(at);
      },
    ),
    fc.jsonValue({ maxDepth: 2 }).filter((v) => v === null || typeof v !== "object" || Array.isArray(v)).map((v) => JSON.stringify(v)),
  );
}

// ---------------------------------------------------------------------------------------------
// Headers

/** [Content-Type header or undefined (none sent)]. Mostly JSON, so that bodies get looked at. */
export const contentTypeArb: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 12, arbitrary: fc.constant("application/json") },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      "application/json; charset=utf-8",
      "APPLICATION/JSON",
      "Application/Json;charset=UTF-8",
      "application/json ; charset=utf-8",
      "application/json;charset=utf-16",
      "application/json; foo=bar; baz",
      "application/json\t;x=1",
      "application/json;",
      "application/json;;",
      'application/json; charset="utf-8"',
      "application/json ;charset=utf-8 ;",
    ),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      undefined,
      "",
      "text/plain",
      "text/json",
      "application/jsonp",
      "application/json-patch+json",
      "application/vnd.api+json",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/ json",
      "application/json x",
      "application/json, text/plain",
      "application/xml",
      "*/*",
      "application/*",
      "json",
    ),
  },
  { weight: 1, arbitrary: asciiString(40) },
);

export type MediaVerdict = "json" | "not-json" | "unknown";

/**
 * Whether the contract reads a body sent with this Content-Type: "json" for `application/json`
 * with `; name=value` parameters ("parameters such as `; charset=utf-8` allowed"), "not-json"
 * for any other media type, and "unknown" for the unusual spellings of `application/json` that
 * RFC 9110 allows or that are malformed (space before `;`, an empty or valueless parameter):
 * the contract does not decide those.
 */
export function mediaVerdict(contentType: string | undefined | null): MediaVerdict {
  if (contentType === undefined || contentType === null) return "not-json";
  if ((contentType.split(";")[0] ?? "").trim().toLowerCase() !== "application/json") return "not-json";
  // RFC 9110 §8.3.1, as the contract now says (OWS around `;`, empty parameters allowed).
  const token = "[!#$%&'*+.^_`|~0-9a-zA-Z-]+";
  const parameter = `${token}=(${token}|"([\\t \\x21\\x23-\\x5b\\x5d-\\x7e]|\\\\[\\t \\x21-\\x7e])*")`;
  return new RegExp(`^[ \\t]*application/json([ \\t]*;[ \\t]*(${parameter})?)*[ \\t]*$`, "i").test(contentType) ? "json" : "not-json";
}

/**
 * An Authorization header, with placeholders the fuzzer fills in at send time ({{A}}: a valid
 * token of tenant A; {{ADMIN}}; {{REVOKED}}; {{A_UPPER}}: A's token upper-cased). `resource`
 * and `admin` say whether it authenticates on the resource API and on the operator API.
 */
export interface AuthPlan {
  header: string | undefined;
  resource: boolean | "unknown";
  admin: boolean | "unknown";
}

const auth = (header: string | undefined, resource: boolean | "unknown", admin: boolean | "unknown"): AuthPlan => ({
  header,
  resource,
  admin,
});

export const resourceAuth: fc.Arbitrary<AuthPlan> = fc.constantFrom(
  auth("Bearer {{A}}", true, false),
  auth("bearer {{A}}", true, false),
  auth("BEARER   {{A}}", true, false),
  auth("Bearer {{A}}  ", true, false),
);

export const adminAuth: fc.Arbitrary<AuthPlan> = fc.constantFrom(
  auth("Bearer {{ADMIN}}", false, true),
  auth("bearer {{ADMIN}}", false, true),
  auth("Bearer  {{ADMIN}}", false, true),
);

export const badAuth: fc.Arbitrary<AuthPlan> = fc.oneof(
  fc.constantFrom(
    auth(undefined, false, false),
    auth("", false, false),
    auth("Bearer", false, false),
    auth("Bearer ", false, false),
    auth("Bearer {{REVOKED}}", false, false),
    auth("Bearer {{A_UPPER}}", false, false),
    auth("Bearer {{A}}x", false, false),
    auth("Bearer x{{A}}", false, false),
    auth("Bearer {{A}} {{A}}", false, false),
    auth("Basic dXNlcjpwYXNz", false, false),
    auth("Token {{A}}", false, false),
    auth("{{A}}", false, false),
    auth("Bearer {{ADMIN}}x", false, false),
    auth("Bearer ' OR '1'='1", false, false),
    auth("Bearer %27%20OR%201=1", false, false),
    auth("Bearer 0123456789abcdef0123456789abcdef", false, false),
    auth(`Bearer ${"a".repeat(600)}`, false, false),
    auth("Bearer\t{{A}}", "unknown", "unknown"),
  ),
  asciiString(60).map((text) => auth(text, "unknown", "unknown")),
  asciiString(60).map((text) => auth(`Bearer ${text}`, "unknown", "unknown")),
);

export const anyAuth: fc.Arbitrary<AuthPlan> = fc.oneof(
  { weight: 3, arbitrary: resourceAuth },
  { weight: 1, arbitrary: adminAuth },
  { weight: 3, arbitrary: badAuth },
);

/** Other request headers that reach the app: bookmarks, idempotency keys, request ids, client IP. */
export const extraHeaders: fc.Arbitrary<Record<string, string>> = fc
  .record(
    {
      "X-D1-Bookmark": fc.oneof(
        fc.string({ unit: fc.constantFrom(..."0123456789abcdef-"), maxLength: 60 }),
        asciiString(30),
        fc.constantFrom("", "-", "00000000-00000000-00000000-0000000000000000", "ffffffff-ffffffff-ffffffff-ffffffffffffffff"),
      ),
      "Idempotency-Key": fc.oneof(
        fc.constantFrom("k1", "k2", "k3", "same-key"),
        asciiString(20),
        fc.constantFrom("", " ", "x".repeat(255), "x".repeat(256), "ключ"),
      ),
      "X-Request-Id": fc.oneof(asciiString(40), fc.constantFrom("x".repeat(129), "a\tb", "id-1")),
      "cf-ray": asciiString(30),
      Accept: fc.constantFrom("*/*", "text/html", "application/xml", "", "application/json;q=0"),
      "Accept-Encoding": fc.constantFrom("gzip", "identity", "br, gzip"),
    },
    { requiredKeys: [] },
  )
  .map((headers) => {
    const out: Record<string, string> = {};
    // Non-ASCII values cannot travel in an HTTP header from every client: keep them printable.
    for (const [name, value] of Object.entries(headers)) out[name] = value.replace(/[^\x20-\x7e]/g, "?");
    return out;
  });

/**
 * Methods: the standard ones in any case (fetch upper-cases those), and the others the Workers
 * runtime knows (it refuses any other method name before the Worker sees it).
 */
export const METHODS = [
  "GET",
  "HEAD",
  "POST",
  "PUT",
  "DELETE",
  "PATCH",
  "OPTIONS",
  "PURGE",
  "PROPFIND",
  "PROPPATCH",
  "MKCOL",
  "COPY",
  "MOVE",
  "LOCK",
  "UNLOCK",
  "SEARCH",
  "REPORT",
  "QUERY",
  "get",
  "Delete",
  "post",
];

export const methodArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS") },
  { weight: 2, arbitrary: fc.constantFrom(...METHODS) },
);

/** Methods whose requests cannot carry a body (fetch refuses one). */
export function bodyless(method: string): boolean {
  return ["GET", "HEAD"].includes(method.toUpperCase());
}
