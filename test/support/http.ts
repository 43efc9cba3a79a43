/**
 * Requests as a client would send them, to whichever runtime this test project runs against:
 * the Worker's own fetch entry (project "workers") or a `deno serve` process over loopback
 * (project "deno"). See ./transport.ts.
 */
import { BASE, send } from "./transport";

export { BASE };

export interface CallOptions {
  token?: string | null;
  /** A value to send as JSON (with `Content-Type: application/json`). */
  json?: unknown;
  /** A raw body; no Content-Type is added. */
  body?: BodyInit;
  headers?: Record<string, string>;
}

export function call(method: string, path: string, options: CallOptions = {}): Promise<Response> {
  const headers = new Headers(options.headers);
  if (options.token) headers.set("Authorization", `Bearer ${options.token}`);
  let body = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    if (!headers.has("Content-Type")) headers.set("Content-Type", "application/json");
  }
  return send(`${BASE}${path}`, { method, headers, body: body ?? null });
}

/** The parts of a response a contract test asserts on. */
export async function parts(response: Response) {
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get("Content-Type"),
    errorCode: response.headers.get("X-Error-Code"),
    body: text === "" ? null : (JSON.parse(text) as unknown),
  };
}

/**
 * A body sent as a stream (no Content-Length): `head`, then `count` chunks of `chunk`, then
 * `tail`, one piece per pull.
 */
export function streamOf(count: number, chunk: string, head = "", tail = ""): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const bytes = encoder.encode(chunk);
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === 0 && head !== "") controller.enqueue(encoder.encode(head));
      if (sent >= count) {
        if (tail !== "") controller.enqueue(encoder.encode(tail));
        controller.close();
        return;
      }
      controller.enqueue(bytes);
      sent++;
    },
  });
}
