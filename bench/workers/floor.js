// The floor of the two endpoints with targets, on this runtime: the registrar's own D1 statements
// for GET /registrations/{id} and POST /registrations (201), run directly on a D1 session with its
// bookmark, with no Hono, zod, drizzle, authentication or request log at request time, and a
// minimal JSON response. The statements are taken from src/ itself (once per isolate, through the
// recording D1 binding of test/support/recording-d1.ts, the query-plan test's), so they cannot
// drift from what the registrar sends. Bundled by
// bench/lib/runtime.mjs with esbuild.
//
// registrar ÷ baseline is what the targets compare; floor ÷ baseline is the best any
// implementation of these same queries could reach here; registrar ÷ floor is what the code adds.
//
// With `X-Bench-Meta: 1` the answer is instead {status, statements: [{sql, params, meta}]}, each
// statement with D1's meta (rows read and written, duration), for bench/sql-cost.mjs.
import { drizzle } from "drizzle-orm/d1";
import { getRegistration } from "../../src/registrations/read";
import { runPlan } from "../../src/db/create-plan";
import { registerPlan } from "../../src/registrations/register";
import { recordingD1 } from "../../test/support/recording-d1";

// Stand-ins recorded in place of the request's values, swapped for the real ones per request.
const ORG = "__org__";
const USER = "__user__";
const OFFERING = "__offering__";
const ID = "__id__";
const NOW = 1111111111111; // availability compares at whole seconds: NOW's second appears too
const NOW_SECOND = 1111111111000;

/** The statements `operation` sends (in order), from a binding that records instead of running. */
async function recorded(operation) {
  const { binding, statements } = recordingD1();
  await operation(drizzle(binding));
  return statements;
}

let statements;
async function captured() {
  if (statements === undefined) {
    const [getOne, ...more] = await recorded((db) => getRegistration(db, ORG, ID));
    const post = await recorded((db) => runPlan(db, registerPlan(db, ORG, { userId: USER, offeringId: OFFERING }, NOW, { id: ID })));
    // One statement for GET, one batch for POST whose registrations insert says 201 or not (the
    // outbox's event insert follows it in the same batch).
    const inserting = post.findIndex((s) => /^insert into "registrations"/i.test(s.sql));
    if (getOne === undefined || more.length > 0 || inserting < 0) throw new Error("the registrar's statements changed shape");
    statements = { getOne, post, inserting };
  }
  return statements;
}

/** The recorded statement's parameters with this request's values in place of the stand-ins. */
function paramsOf(statement, values) {
  return statement.params.map((p) => (p === NOW ? values.now : p === NOW_SECOND ? values.second : values[p] ?? p));
}

function bind(session, statement, values) {
  return session.prepare(statement.sql).bind(...paramsOf(statement, values));
}

function newId() {
  let out = "";
  for (const byte of crypto.getRandomValues(new Uint8Array(16))) out += byte.toString(16).padStart(2, "0");
  return out;
}

const PREFIX = "/dc/api/v5/registrations";

export default {
  async fetch(request, env) {
    const { getOne, post, inserting } = await captured();
    const session = env.DB.withSession(request.headers.get("X-D1-Bookmark") ?? "first-unconstrained");
    const org = env.ORGANIZATION_ID;
    const now = Date.now();
    const headers = () => ({ "Content-Type": "application/json", "X-D1-Bookmark": session.getBookmark() ?? "" });
    const path = new URL(request.url).pathname;
    const metaOnly = request.headers.has("x-bench-meta");
    const meta = (status, sent, results) =>
      Response.json({ status, statements: results.map((r, i) => ({ sql: sent[i].sql, params: sent[i].params, meta: r.meta })) });

    if (request.method === "POST" && path === PREFIX) {
      const { userId, offeringId } = await request.json();
      const id = newId();
      const values = { [ORG]: org, [USER]: userId, [OFFERING]: offeringId, [ID]: id, now, second: Math.floor(now / 1000) * 1000 };
      const results = await session.batch(post.map((s) => bind(session, s, values)));
      const inserted = results[inserting].results.length > 0;
      if (metaOnly) return meta(inserted ? 201 : 400, post.map((s) => ({ sql: s.sql, params: paramsOf(s, values) })), results);
      if (!inserted) return new Response(JSON.stringify({ errors: ["not available"] }), { status: 400, headers: headers() });
      return new Response(null, { status: 201, headers: { ...headers(), Location: `${PREFIX}/${id}` } });
    }
    if (request.method === "GET" && path.startsWith(`${PREFIX}/`)) {
      const values = { [ORG]: org, [ID]: path.slice(PREFIX.length + 1) };
      if (metaOnly) {
        // .raw() carries no meta; .all() runs the same statement.
        const result = await bind(session, getOne, values).all();
        return meta(result.results.length > 0 ? 200 : 404, [{ sql: getOne.sql, params: paramsOf(getOne, values) }], [result]);
      }
      const [row] = await bind(session, getOne, values).raw();
      if (row === undefined) return new Response(JSON.stringify({ errors: ["not found"] }), { status: 404, headers: headers() });
      const [id, userId, offeringId, title, status] = row;
      return new Response(JSON.stringify({ id, userId, offeringId, title, status, createdDate: new Date(row[8]).toISOString() }), { headers: headers() });
    }
    return new Response("Not found", { status: 404 });
  },
};
