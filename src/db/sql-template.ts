/**
 * SQL rendered once per isolate, bound per request. Building a statement out of Drizzle's
 * fragments (the availability rule, the outbox's snapshot) and rendering it is most of a hot
 * request's CPU in the Worker, and only a few values differ between two requests. A template
 * renders the fragments once with marker values; each request then gets the same text with its
 * own values (Drizzle's `sql` over the pre-split text: one flat fragment, cheap to render).
 *
 * Soundness is checked, not assumed: the fragments are rendered twice, with two different
 * marker sets. The texts must be equal, and every parameter must be either equal in both
 * renders (a constant) or the same marker in both (a slot). A value derived from a marker
 * (say, `now` rounded to the second) would differ without being a marker: such a template
 * declares that value as a marker of its own, or it is unsound, and then every call renders the
 * fragments afresh (same SQL, only slower).
 */
import { sql, type SQL } from "drizzle-orm";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";

type Values = Record<string, string | number>;

/** One fragment's text around its parameters, and what each parameter is. */
interface Compiled {
  strings: TemplateStringsArray;
  /** A slot names the marker whose value goes there; otherwise the constant itself. */
  params: ({ slot: string } | { constant: unknown })[];
}

const dialect = new SQLiteAsyncDialect();

const primitive = (value: unknown) => value === null || ["string", "number", "bigint"].includes(typeof value);

function compile<C, F extends string>(render: (context: C, values: Values) => Record<F, SQL>, context: C, a: Values, b: Values): Record<F, Compiled> | null {
  const slotOf = (value: unknown, markers: Values) => Object.keys(markers).find((name) => markers[name] === value);
  const first = render(context, a);
  const second = render(context, b);
  const out = {} as Record<F, Compiled>;
  for (const name of Object.keys(first) as F[]) {
    const x = dialect.sqlToQuery(first[name]);
    const y = dialect.sqlToQuery(second[name]);
    const texts = x.sql.split("?");
    if (x.sql !== y.sql || texts.length !== x.params.length + 1 || x.params.length !== y.params.length) return null;
    const params: Compiled["params"] = [];
    for (const [k, value] of x.params.entries()) {
      const slot = slotOf(value, a);
      if (slot !== undefined && slotOf(y.params[k], b) === slot) params.push({ slot });
      else if (slot === undefined && value === y.params[k] && slotOf(value, b) === undefined && primitive(value)) params.push({ constant: value });
      else return null;
    }
    out[name] = { strings: Object.assign([...texts], { raw: texts }), params };
  }
  return out;
}

/**
 * `render(context, values)` as a template: the returned function gives the same fragments for
 * any values, rendered once (lazily, on the first call, with that call's `context`: a query
 * builder, say, which must not change the text). `markers` are two sets of stand-in values for
 * every key, all distinct and unlike any constant the fragments contain.
 */
export function sqlTemplate<C, V extends Values, F extends string>(
  render: (context: C, values: V) => Record<F, SQL>,
  markers: readonly [V, V],
): (context: C, values: V) => Record<F, SQL> {
  let compiled: Record<F, Compiled> | null | undefined;
  return (context, values) => {
    compiled ??= compile(render as (context: C, values: Values) => Record<F, SQL>, context, markers[0], markers[1]);
    if (compiled === null) return render(context, values);
    const out = {} as Record<F, SQL>;
    for (const name of Object.keys(compiled) as F[]) {
      const { strings, params } = compiled[name];
      out[name] = sql(strings, ...params.map((p) => ("slot" in p ? values[p.slot] : p.constant)));
    }
    return out;
  };
}
