// Test support: fixture keys and a tiny node:http server that answers like WeChat Pay (signed answers,
// error bodies, stalls, dropped connections) and records every request it saw, checking its signature.
import "server-only";
import { createPublicKey, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { buildRequestMessage, buildResponseMessage, loadPrivateKey, parseAuthorization, signMessage, verifyMessage } from "../crypto";

const FIXTURES = new URL("../../../tests/fixtures/wechatpay/", import.meta.url);

export function readFixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES), "utf8");
}

export const TEST_MCHID = "1900000101";
export const TEST_MERCHANT_SERIAL = "5A1E0C6B8B0E4D0D9C7F3A2B1C0D9E8F7A6B5C4D";
export const TEST_PUBLIC_KEY_ID = "PUB_KEY_ID_0114232134912410000000000000000001";
export const TEST_PLATFORM_CERT_SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";

export const merchantPrivateKey = loadPrivateKey(readFixture("merchant-test-key.pem"));
export const merchantPublicKey = createPublicKey(merchantPrivateKey);
export const platformPrivateKey = loadPrivateKey(readFixture("platform-test-key.pem"));
export const platformPublicKey = createPublicKey(readFixture("platform-test-public.pem"));

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The Authorization header verified with the merchant's public key over what actually arrived. */
  signatureValid: boolean;
}

export interface SignOptions {
  timestamp?: string;
  nonce?: string;
  serial?: string;
  key?: KeyObject;
  /** Sign this text instead of the body actually sent (to simulate a changed body). */
  signedBody?: string;
}

export interface Answer {
  status: number;
  /** Sent as is; a string is sent as UTF-8. */
  body?: string | Buffer;
  /** false: no Wechatpay-* headers at all. Default: signed with the platform key as TEST_PUBLIC_KEY_ID. */
  sign?: false | SignOptions;
  /** Extra headers; an empty string value removes a header the server would otherwise send. */
  headers?: Record<string, string>;
  requestId?: string;
}

export type Handler = (request: RecordedRequest) => Answer | "destroy" | "hang" | Promise<Answer | "destroy" | "hang">;

export interface SignedServer {
  url: string;
  requests: RecordedRequest[];
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export async function startSignedServer(now: () => Date = () => new Date()): Promise<SignedServer> {
  let handler: Handler = () => ({ status: 404, body: JSON.stringify({ code: "NOT_FOUND", message: "no handler" }) });
  const requests: RecordedRequest[] = [];

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const auth = parseAuthorization(req.headers.authorization);
      const signatureValid =
        auth !== null &&
        verifyMessage(
          buildRequestMessage(req.method ?? "", req.url ?? "", auth.timestamp, auth.nonce_str, body),
          auth.signature,
          merchantPublicKey,
        );
      const recorded: RecordedRequest = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body, signatureValid };
      requests.push(recorded);
      void Promise.resolve(handler(recorded)).then((answer) => {
        if (answer === "destroy") {
          req.socket.destroy();
          return;
        }
        if (answer === "hang") return;
        const payload = typeof answer.body === "string" ? Buffer.from(answer.body, "utf8") : (answer.body ?? Buffer.alloc(0));
        const headers: Record<string, string> = { "Request-ID": answer.requestId ?? `req-${requests.length}` };
        if (payload.length > 0) headers["Content-Type"] = "application/json";
        if (answer.sign !== false) {
          const sign = answer.sign ?? {};
          const timestamp = sign.timestamp ?? String(Math.floor(now().getTime() / 1000));
          const nonce = sign.nonce ?? `nonce${requests.length}abcdefghijklmnopqrstuvw`;
          const signedBody = sign.signedBody ?? payload.toString("utf8");
          headers["Wechatpay-Timestamp"] = timestamp;
          headers["Wechatpay-Nonce"] = nonce;
          headers["Wechatpay-Serial"] = sign.serial ?? TEST_PUBLIC_KEY_ID;
          headers["Wechatpay-Signature"] = signMessage(buildResponseMessage(timestamp, nonce, signedBody), sign.key ?? platformPrivateKey);
        }
        for (const [name, value] of Object.entries(answer.headers ?? {})) {
          if (value === "") delete headers[name];
          else headers[name] = value;
        }
        res.writeHead(answer.status, headers);
        res.end(payload);
      });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle(next) {
      handler = next;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
