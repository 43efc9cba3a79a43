// Raw one-statement baselines on the registrar's table, no checks and no authentication: what one
// D1 call that does the endpoint's core work costs here.
//   POST /dc/api/v5/registrations      one INSERT of the body's (userId, offeringId), 201 + Location
//   GET  /dc/api/v5/registrations/{id} one primary-key read of the registrations row, 200 JSON
// Plain env.DB (no session). The organization is the dataset's (binding ORGANIZATION_ID).

const PREFIX = "/dc/api/v5/registrations";

function newId() {
  let out = "";
  for (const byte of crypto.getRandomValues(new Uint8Array(16))) out += byte.toString(16).padStart(2, "0");
  return out;
}

export default {
  async fetch(request, env) {
    const path = new URL(request.url).pathname;
    if (request.method === "POST" && path === PREFIX) {
      const { userId, offeringId } = await request.json();
      const id = newId();
      await env.DB.prepare(
        "INSERT INTO registrations (id, organization_id, user_id, offering_id, status, created_at) VALUES (?, ?, ?, ?, 'active', ?)",
      ).bind(id, env.ORGANIZATION_ID, userId, offeringId, Date.now()).run();
      return new Response(null, { status: 201, headers: { Location: `${PREFIX}/${id}` } });
    }
    if (request.method === "GET" && path.startsWith(`${PREFIX}/`)) {
      const row = await env.DB.prepare("SELECT * FROM registrations WHERE id = ?").bind(path.slice(PREFIX.length + 1)).first();
      return row === null ? Response.json({ errors: ["not found"] }, { status: 404 }) : Response.json(row);
    }
    return new Response("Not found", { status: 404 });
  },
};
