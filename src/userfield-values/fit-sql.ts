/**
 * The field-side half of ./value-rules.ts in SQL: given the candidates of each entry (JSON
 * `{"<userfieldId>": [Candidate, ...]}`), the stored text of the candidate that fits the
 * `userfields` row in scope (its type, its constraints' bounds on `measure`, its options'
 * names), or NULL when none fits. Generic: no type is named here.
 */
import { sql, type SQL } from "drizzle-orm";
import { qualified } from "../db/qualified";
import { userfields } from "../db/schema";

export function fittingStored(candidates: string): SQL {
  const id = qualified(userfields.id);
  const type = qualified(userfields.type);
  const constraints = qualified(userfields.constraints);
  const options = qualified(userfields.options);
  const measure = sql`json_extract(c.value, '$.measure')`;
  const min = sql`json_extract(${constraints}, '$.min')`;
  const max = sql`json_extract(${constraints}, '$.max')`;
  return sql`(SELECT json_extract(c.value, '$.stored') FROM json_each(${candidates}, '$."' || ${id} || '"') c
    WHERE json_extract(c.value, '$.type') = ${type}
      AND (${measure} IS NULL OR ((${min} IS NULL OR ${measure} >= ${min}) AND (${max} IS NULL OR ${measure} <= ${max})))
      AND (json_extract(c.value, '$.names') IS NULL OR NOT EXISTS (
        SELECT 1 FROM json_each(json_extract(c.value, '$.names')) n
        WHERE NOT EXISTS (SELECT 1 FROM json_each(${options}) o WHERE json_extract(o.value, '$.name') = n.value)))
    LIMIT 1)`;
}
