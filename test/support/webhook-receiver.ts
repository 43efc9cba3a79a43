/**
 * A webhook receiver on loopback for the end-to-end tests (Deno, and `wrangler dev` in
 * test/node): it records every request it gets and answers the statuses a test queued for the
 * path, in turn, then 200.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** Starts the receiver; `received` fills up, `answers` is read per request. */
export async function startReceiver(received: Received[], answers: Map<string, number[]>): Promise<{ origin: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = request.url ?? "";
      received.push({ path, headers: request.headers as Record<string, string>, body: Buffer.concat(chunks).toString("utf8") });
      response.statusCode = answers.get(path)?.shift() ?? 200;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
