// Baseline 3: the same one trivial query, but in a D1 session with its bookmark read afterwards,
// as the registrar does on every request (read replication, X-D1-Bookmark). Locally, a query in a
// session costs noticeably more than a plain one: Miniflare's D1 reads the storage's current
// bookmark inside every such query's transaction. This baseline separates that local cost from
// the registrar's own.
export default {
  async fetch(_request, env) {
    const session = env.DB.withSession("first-unconstrained");
    const row = await session.prepare("SELECT 1 AS one").first();
    return Response.json(row, { headers: { "X-D1-Bookmark": session.getBookmark() ?? "" } });
  },
};
