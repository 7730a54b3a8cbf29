import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnswerTooLargeError, MAX_ANSWER_BYTES, TransportTimeoutError, createHttpTransport } from "./transport";

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;
const handlers = new Map<string, Handler>();
const sockets = new Set<number>();
let baseUrl = "";
const server = createServer((request, response) => {
  sockets.add(request.socket.remotePort ?? 0);
  let body = "";
  request.setEncoding("utf8");
  request.on("data", (chunk: string) => (body += chunk));
  request.on("end", () => handlers.get(request.url ?? "")?.(request, body, response));
});

beforeAll(async () => {
  handlers.set("/echo", (request, body, response) => {
    response.setHeader("Request-ID", "REQ-1");
    response.setHeader("Wechatpay-Serial", "PUB_KEY_ID_1");
    response.end(JSON.stringify({ method: request.method, contentType: request.headers["content-type"] ?? null, length: request.headers["content-length"] ?? null, body }));
  });
  handlers.set("/huge", (_request, _body, response) => {
    response.end(Buffer.alloc(MAX_ANSWER_BYTES + 1, 0x61));
  });
  handlers.set("/half", (_request, _body, response) => {
    response.writeHead(200, { "Content-Length": "100" });
    response.write("{\"partial\":");
    setTimeout(() => response.socket?.destroy(), 20);
  });
  handlers.set("/slow-body", (_request, _body, response) => {
    response.writeHead(200, { "Content-Length": "100" });
    response.write("{");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("node:http transport", () => {
  const send = createHttpTransport();

  it("sends the exact body with its byte length and reads status, headers and body", async () => {
    const body = JSON.stringify({ reason: "空调故障 ❄️" });
    const answer = await send({ url: new URL("/echo", baseUrl), method: "POST", headers: { "Content-Type": "application/json" }, body, timeoutMs: 2_000 });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("Request-ID")).toBe("REQ-1");
    expect(answer.headers.get("wechatpay-serial")).toBe("PUB_KEY_ID_1");
    expect(answer.headers.get("wechatpay-signature")).toBeNull();
    expect(JSON.parse(answer.body.toString("utf8"))).toEqual({
      method: "POST",
      contentType: "application/json",
      length: String(Buffer.byteLength(body)),
      body,
    });
  });

  it("reuses one keep-alive connection for calls in sequence", async () => {
    sockets.clear();
    for (let i = 0; i < 5; i++) await send({ url: new URL("/echo", baseUrl), method: "GET", headers: {}, timeoutMs: 2_000 });
    expect(sockets.size).toBe(1);
  });

  it("refuses an answer over the size limit", async () => {
    await expect(send({ url: new URL("/huge", baseUrl), method: "GET", headers: {}, timeoutMs: 2_000 })).rejects.toBeInstanceOf(AnswerTooLargeError);
  });

  it("a connection closed mid-body is ECONNRESET, not a short answer", async () => {
    await expect(send({ url: new URL("/half", baseUrl), method: "GET", headers: {}, timeoutMs: 2_000 })).rejects.toMatchObject({ code: "ECONNRESET" });
  });

  it("the deadline covers the body: a server that stalls mid-body times out", async () => {
    const started = Date.now();
    await expect(send({ url: new URL("/slow-body", baseUrl), method: "GET", headers: {}, timeoutMs: 300 })).rejects.toBeInstanceOf(TransportTimeoutError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});
