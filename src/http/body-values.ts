/**
 * What a body property's value means (API.md §10), decided once for every POST and PUT before
 * any schema sees the body:
 *
 * - `null` is absent: DigitalChalk's own server reads bodies into typed objects, where null and
 *   absent are the same, and .NET and Java serialisers send every property (`"username":null`).
 *   So a null property is dropped.
 * - `""` is the one way to clear an optional field, whatever its type (`"seatLimit": ""`,
 *   `"registrationEndDate": ""`). It reaches the schemas as `null`, which every clearable field
 *   accepts (`.nullable()`) and a required one answers with its "is required" message.
 *
 * Only the top-level properties: nested values (list items, option objects) are the field's own.
 */
export type JsonObject = Record<string, unknown>;

/** The body as the schemas read it: nulls dropped, `""` turned into null (clear). */
export function withPresentValues(body: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(body)) {
    if (value === null) continue;
    out[key] = value === "" ? null : value;
  }
  return out;
}

/**
 * The body with older property names read as their current ones (`studentId` is `userId`):
 * the current name wins when both are given.
 */
export function withAliases(body: JsonObject, aliases: Readonly<Record<string, string>>): JsonObject {
  const out = { ...body };
  for (const [older, current] of Object.entries(aliases)) {
    if (!(older in out)) continue;
    if (!(current in out)) out[current] = out[older];
    delete out[older];
  }
  return out;
}
