// Baseline 2: one trivial D1 query per request, on the same local D1 as the registrar.
// Every registrar endpoint makes (at least) one D1 call, so this is the floor it is held to.
export default {
  async fetch(_request, env) {
    const row = await env.DB.prepare("SELECT 1 AS one").first();
    return Response.json(row);
  },
};
