// The client's HTTP transport: node:http / node:https with keep-alive agents. Measured against Node
// 20's fetch (undici) in `npm run bench` (signed-call): fetch alone cost about twice the RSA work of a
// call, node:http about 0.7 of it, and the console makes thousands of these calls a day.
// One deadline bounds the whole exchange (connect, send, answer headers, body). Nothing is resent: a
// reset cannot be told apart from a server that dropped the call after reading it (the caller marks a
// POST's outcome unknown and reconciles by querying). Free sockets are closed before a server's usual
// idle timeout, so a reused socket is rarely one the server is closing.
import "server-only";
import http from "node:http";
import https from "node:https";

export interface TransportRequest {
  url: URL;
  method: "GET" | "POST";
  headers: Readonly<Record<string, string>>;
  /** POST only: the exact bytes that were signed. */
  body?: string;
  timeoutMs: number;
}

export interface TransportAnswer {
  status: number;
  headers: { get(name: string): string | null };
  body: Buffer;
}

export type Transport = (request: TransportRequest) => Promise<TransportAnswer>;

/** Larger answers are refused: no Payscore answer comes near it, and it bounds memory per call. */
export const MAX_ANSWER_BYTES = 1024 * 1024;

export class TransportTimeoutError extends Error {
  override readonly name = "TimeoutError";
}

export class AnswerTooLargeError extends Error {
  readonly code = "ANSWER_TOO_LARGE";
}

const AGENT_OPTIONS = {
  keepAlive: true,
  maxSockets: 64,
  // Free sockets are dropped after 4 s, or sooner when the server's Keep-Alive hint says so.
  timeout: 4_000,
  scheduling: "lifo",
} as const;

export function createHttpTransport(): Transport {
  const agents = { http: new http.Agent(AGENT_OPTIONS), https: new https.Agent(AGENT_OPTIONS) };

  return (request) => exchange(request, agents);
}

function exchange(
  request: TransportRequest,
  agents: { http: http.Agent; https: https.Agent },
): Promise<TransportAnswer> {
  return new Promise((resolve, reject) => {
    const isHttps = request.url.protocol === "https:";
    const protocol = isHttps ? https : http;
    let settled = false;
    const outgoing = protocol.request(request.url, {
      method: request.method,
      headers: request.body === undefined ? request.headers : { ...request.headers, "Content-Length": String(Buffer.byteLength(request.body)) },
      agent: isHttps ? agents.https : agents.http,
    });
    // Settles first, then tears the socket down: whatever the teardown emits afterwards is ignored.
    const fail = (error: Error) => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      reject(error);
      outgoing.destroy();
    };
    const timer = setTimeout(
      () => fail(new TransportTimeoutError(`No complete answer within ${request.timeoutMs} ms`)),
      request.timeoutMs,
    );

    outgoing.on("error", fail);
    outgoing.on("response", (incoming) => {
      const chunks: Buffer[] = [];
      let size = 0;
      incoming.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) fail(new AnswerTooLargeError(`Answer larger than ${MAX_ANSWER_BYTES} bytes`));
        else chunks.push(chunk);
      });
      incoming.on("error", fail);
      incoming.on("close", () => {
        if (!incoming.complete) fail(Object.assign(new Error("Connection closed mid-answer"), { code: "ECONNRESET" }));
      });
      incoming.on("end", () => {
        clearTimeout(timer);
        if (settled) return;
        settled = true;
        const headers = incoming.headers;
        resolve({
          status: incoming.statusCode ?? 0,
          headers: {
            get(name) {
              const value = headers[name.toLowerCase()];
              return Array.isArray(value) ? value.join(", ") : (value ?? null);
            },
          },
          body: Buffer.concat(chunks, size),
        });
      });
    });
    outgoing.end(request.body);
  });
}
