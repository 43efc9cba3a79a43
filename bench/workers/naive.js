// The naive peer: POST /registrations and GET /registrations/{id} the way a typical Workers + D1
// tutorial writes them, on the registrar's own schema and data, with no framework. The POST makes
// five sequential D1 calls, each awaited before the next is built:
//   1. check the user (live, in the organization),   2. check the offering (the whole row),
//   3. the user's prior registrations in it,           4. count the offering's active seats,
//   5. insert;
// the availability rule (API.md §3 step 4: already registered, retake, registration window,
// ended, full) is then decided in JavaScript between the calls. GET one is one primary-key read
// (joined to the offering for its title, which the registration object carries).
//
// Authentication is the registrar's own scheme, made fair: the bearer token's SHA-256 is looked
// up in api_tokens (one more D1 call) and the answer is cached per isolate for 60 s, as the
// registrar does (src/auth/bearer-auth.ts). Under load every request hits the cache,
// so the POST's five calls and GET's one are what the peer pays per request.
//
// Plain env.DB, no D1 session (tutorials do not use read replication); the registrar's session
// costs a little locally: compare the two D1 baselines of the same run.
//
// With `X-Bench-Meta: 1` the answer is instead {status, statements: [{sql, params, meta}]}, one
// per D1 call with D1's meta, for bench/sql-cost.mjs (calls then use .all(), which carries the
// meta; .first() does not).

const PREFIX = "/dc/api/v5/registrations";
const TOKEN_TTL_MS = 60_000;
const tokens = new Map(); // token hash -> { organizationId, expiresAt }

function hex(bytes) {
  let out = "";
  for (const byte of bytes) out += byte.toString(16).padStart(2, "0");
  return out;
}

const newId = () => hex(crypto.getRandomValues(new Uint8Array(16)));
const sha256 = async (text) => hex(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))));

/** first/all/run on env.DB; in meta mode every call goes through .all() and its meta is kept. */
function queries(db, metas) {
  const call = async (sql, params, method) => {
    const statement = db.prepare(sql).bind(...params);
    if (metas === null) return statement[method]();
    const result = await statement.all();
    metas.push({ sql, params, meta: result.meta });
    return method === "first" ? (result.results[0] ?? null) : result;
  };
  return {
    first: (sql, ...params) => call(sql, params, "first"),
    all: (sql, ...params) => call(sql, params, "all"),
    run: (sql, ...params) => call(sql, params, "run"),
  };
}

const json = (body, status = 200, headers = {}) => Response.json(body, { status, headers });
const refused = (message) => json({ errors: [message] }, 400);

async function organizationOf(request, q) {
  const token = /^Bearer +(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  if (token === undefined) return null;
  const hash = await sha256(token);
  const cached = tokens.get(hash);
  if (cached !== undefined && cached.expiresAt > Date.now()) return cached.organizationId;
  const row = await q.first("SELECT organization_id FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL", hash);
  if (row === null) return null;
  tokens.set(hash, { organizationId: row.organization_id, expiresAt: Date.now() + TOKEN_TTL_MS });
  return row.organization_id;
}

async function register(request, q, org) {
  const body = await request.json().catch(() => null);
  const userId = body?.userId;
  const offeringId = body?.offeringId;
  if (typeof userId !== "string" || typeof offeringId !== "string") return refused("userId and offeringId are required");

  const user = await q.first("SELECT id FROM users WHERE id = ? AND organization_id = ? AND deleted_at IS NULL", userId, org);
  if (user === null) return refused("No user exists with the given userId");
  const offering = await q.first("SELECT * FROM offerings WHERE id = ? AND organization_id = ? AND deleted_at IS NULL", offeringId, org);
  if (offering === null) return refused("No offering exists with the given offeringId");
  const { results: prior } = await q.all("SELECT status FROM registrations WHERE user_id = ? AND offering_id = ?", userId, offeringId);
  const { seats } = await q.first("SELECT count(*) AS seats FROM registrations WHERE offering_id = ? AND status = 'active'", offeringId);

  const now = Date.now();
  const second = Math.floor(now / 1000) * 1000;
  const unavailable =
    prior.some((r) => r.status === "active") ||
    (!offering.allow_retake && prior.some((r) => r.status === "passed" || r.status === "failed")) ||
    (offering.registration_begin_date !== null && second < offering.registration_begin_date) ||
    (offering.registration_end_date !== null && second > offering.registration_end_date) ||
    (offering.end_date !== null && second > offering.end_date) ||
    (offering.seat_limit !== null && seats >= offering.seat_limit);
  if (unavailable) return refused("This offering is not available for registration for the given user");

  const id = newId();
  try {
    await q.run(
      "INSERT INTO registrations (id, organization_id, user_id, offering_id, status, created_at) VALUES (?, ?, ?, ?, 'active', ?)",
      id, org, userId, offeringId, now,
    );
  } catch {
    // A racing twin got the one active registration first (the unique index).
    return refused("This offering is not available for registration for the given user");
  }
  return new Response(null, { status: 201, headers: { Location: `${PREFIX}/${id}`, "Content-Type": "application/json", "Content-Length": "0" } });
}

const date = (ms) => (ms === null ? undefined : new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z"));

async function getOne(id, q, org) {
  const row = await q.first(
    "SELECT r.*, o.title FROM registrations r JOIN offerings o ON o.id = r.offering_id WHERE r.id = ? AND r.organization_id = ?",
    id, org,
  );
  if (row === null) return json({ errors: ["The requested resource was not found"] }, 404);
  // The registration object of API.md §3: fields without a value are left out.
  const out = {
    id: row.id, userId: row.user_id, offeringId: row.offering_id, title: row.title, status: row.status,
    grade: row.grade ?? undefined, graderId: row.grader_id ?? undefined, graderComment: row.grader_comment ?? undefined,
    createdDate: date(row.created_at), beginDate: date(row.begin_at), lastActiveDate: date(row.last_active_at), endDate: date(row.end_at),
  };
  return json(out);
}

export default {
  async fetch(request, env) {
    const metas = request.headers.has("x-bench-meta") ? [] : null;
    const q = queries(env.DB, metas);
    const org = await organizationOf(request, q);
    const path = new URL(request.url).pathname;
    let response;
    if (org === null) response = json({ errors: ["A valid access token is required"] }, 401);
    else if (request.method === "POST" && path === PREFIX) response = await register(request, q, org);
    else if (request.method === "GET" && path.startsWith(`${PREFIX}/`)) response = await getOne(path.slice(PREFIX.length + 1), q, org);
    else response = json({ errors: ["Not found"] }, 404);
    return metas === null ? response : json({ status: response.status, statements: metas });
  },
};
