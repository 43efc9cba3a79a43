/**
 * API.md §10, "Empty bodies stay empty", where it can break: over real HTTP from `wrangler dev`,
 * whose Miniflare entry gzips responses by Content-Type for clients that accept it (Java's
 * HttpClient, Node's fetch and browsers send gzip). See src/http/wire.ts.
 */
import { request } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, type DevServer, startDevServer } from "./dev-server";

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** node:http, so that nothing decodes or drops headers on the way: the bytes as sent. */
function send(url: string, method: string, token: string, json?: unknown): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const body = json === undefined ? undefined : JSON.stringify(json);
    const req = request(url, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        "Accept-Encoding": "gzip, deflate, br",
        ...(body === undefined ? {} : { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) }),
      },
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

function decoded({ headers, body }: Raw): Buffer {
  if (headers["content-encoding"] === "gzip") return gunzipSync(body);
  if (headers["content-encoding"] === "br") return brotliDecompressSync(body);
  return body;
}

let server: DevServer;
let token: string;

beforeAll(async () => {
  server = await startDevServer({ migrate: true });
  const org = await send(`${server.url}/admin/v1/organizations`, "POST", ADMIN_TOKEN, { name: "Encoding" });
  token = (JSON.parse(decoded(org).toString()) as { token: string }).token;
});

afterAll(async () => {
  await server?.stop();
});

describe("responses under wrangler dev with Accept-Encoding: gzip, deflate, br", () => {
  it("a 201 keeps Content-Length: 0, an empty body and no content coding", async () => {
    const created = await send(`${server.url}/dc/api/v5/users`, "POST", token, { firstName: "A", lastName: "B", email: "a@b.example" });
    expect(created.status).toBe(201);
    expect(created.headers["content-length"]).toBe("0");
    expect(created.headers["transfer-encoding"]).toBeUndefined();
    // `identity` is "no coding": the only value Miniflare's compression leaves alone (src/http/wire.ts).
    expect([undefined, "identity"]).toContain(created.headers["content-encoding"]);
    expect(created.headers["content-type"]).toBe("application/json");
    expect(created.body.length).toBe(0);
  });

  it("a 204 has no body and no content coding", async () => {
    const created = await send(`${server.url}/dc/api/v5/users`, "POST", token, { firstName: "C", lastName: "D", email: "c@d.example" });
    const location = created.headers.location as string;
    const updated = await send(`${server.url}${location}`, "PUT", token, { lastName: "E" });
    expect(updated.status).toBe(204);
    expect([undefined, "identity"]).toContain(updated.headers["content-encoding"]);
    expect(updated.body.length).toBe(0);
  });

  it("a 200 with a body is still compressed (by Miniflare, as the edge would): only empty bodies opt out", async () => {
    const list = await send(`${server.url}/dc/api/v5/users`, "GET", token);
    expect(list.status).toBe(200);
    expect(list.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(decoded(list).toString())).toMatchObject({ results: [expect.objectContaining({ firstName: "A" }), expect.objectContaining({ firstName: "C" })] });
  });
});
