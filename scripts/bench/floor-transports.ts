// Two measuring sticks for the signed-call section: transports that do less than the app's
// (server/wechatpay/transport.ts), so that the same client over them shows how low a call's CPU can
// go on this machine whatever the HTTP code does. Neither is used by the app.
//   - minimalHttpTransport: node:http with a keep-alive agent and nothing else (no deadline, no size
//     limit, no close/error bookkeeping).
//   - rawSocketTransport: no HTTP library at all: the request written by hand on one keep-alive TCP
//     socket, the answer cut at its Content-Length. Loopback plain HTTP only, one call at a time,
//     no chunked answers, no errors handled: a floor, not a client.
import http from "node:http";
import net from "node:net";
import type { Transport, TransportAnswer } from "@/server/wechatpay/transport";

function headerReader(get: (name: string) => string | undefined): TransportAnswer["headers"] {
  return { get: (name) => get(name.toLowerCase()) ?? null };
}

export function minimalHttpTransport(): { transport: Transport; close(): void } {
  const agent = new http.Agent({ keepAlive: true });
  const transport: Transport = (request) =>
    new Promise((resolve, reject) => {
      const body = request.body ?? "";
      const outgoing = http.request(request.url, { method: request.method, agent, headers: { ...request.headers, "Content-Length": String(Buffer.byteLength(body)) } }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
        incoming.on("end", () => {
          const headers = incoming.headers;
          resolve({
            status: incoming.statusCode ?? 0,
            headers: headerReader((name) => {
              const value = headers[name];
              return Array.isArray(value) ? value.join(", ") : value;
            }),
            body: Buffer.concat(chunks),
          });
        });
      });
      outgoing.on("error", reject);
      outgoing.end(body);
    });
  return { transport, close: () => agent.destroy() };
}

const HEAD_END = Buffer.from("\r\n\r\n");

export function rawSocketTransport(): { transport: Transport; close(): void } {
  let socket: net.Socket | null = null;
  let received: Buffer = Buffer.alloc(0);
  let waiting: { resolve: (answer: TransportAnswer) => void; reject: (error: Error) => void } | null = null;

  function onData(chunk: Buffer): void {
    received = received.length === 0 ? chunk : Buffer.concat([received, chunk]);
    const headEnd = received.indexOf(HEAD_END);
    if (headEnd < 0 || !waiting) return;
    const lines = received.subarray(0, headEnd).toString("latin1").split("\r\n");
    const headers = new Map<string, string>();
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(":");
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const length = Number(headers.get("content-length") ?? "0");
    const end = headEnd + HEAD_END.length + length;
    if (received.length < end) return;
    const body = received.subarray(headEnd + HEAD_END.length, end);
    received = received.subarray(end);
    const { resolve } = waiting;
    waiting = null;
    resolve({ status: Number(lines[0]?.split(" ")[1]), headers: headerReader((name) => headers.get(name)), body });
  }

  const transport: Transport = (request) =>
    new Promise((resolve, reject) => {
      if (waiting) throw new Error("rawSocketTransport: one call at a time");
      if (!socket) {
        socket = net.connect(Number(request.url.port), request.url.hostname);
        socket.setNoDelay(true);
        socket.on("data", onData);
        socket.on("error", (error) => waiting?.reject(error));
      }
      waiting = { resolve, reject };
      const body = request.body ?? "";
      let head = `${request.method} ${request.url.pathname}${request.url.search} HTTP/1.1\r\nHost: ${request.url.host}\r\n`;
      for (const [name, value] of Object.entries(request.headers)) head += `${name}: ${value}\r\n`;
      socket.write(`${head}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    });
  return { transport, close: () => socket?.destroy() };
}
