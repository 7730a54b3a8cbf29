// Which address a request comes from, for the per-IP sign-in limit (and the sessions' ipAddress).
//
// A client that reaches `next start` directly controls X-Forwarded-For: Next keeps a header the
// client sent (`x-forwarded-for ??= socket address`), so keying on it let every attempt with a new
// forged value start a fresh bucket. So the Node server overwrites a header of ours,
// CLIENT_IP_HEADER, on every request before Next sees it, with the address computed here from the
// socket and — only when TRUSTED_PROXY_HOPS says that many proxies stand in front of the console —
// from X-Forwarded-For, counted from the right (the entries the trusted proxies appended).
// better-auth reads only that header (advanced.ipAddress.ipAddressHeaders in ./config.ts).
//
// If the header is missing (a request that did not come through the patched server), better-auth
// finds no address and puts every such request in one shared bucket per path: still limited.
import "server-only";
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";

export const CLIENT_IP_HEADER = "x-console-client-ip";

function cleanAddress(value: string | undefined): string | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  return isIP(trimmed) === 0 ? null : trimmed;
}

/**
 * The client's address. `hops` is the number of trusted proxies in front of the app, the last of
 * which is the socket's peer; each one appends the address it saw to X-Forwarded-For. The chain is
 * [...X-Forwarded-For, socket address] and the client is `hops` entries left of its right end.
 * - hops 0 (the default): the socket address, whatever X-Forwarded-For says.
 * - a chain shorter than `hops` + 1 (the request did not pass every proxy), or a non-IP entry where
 *   the client should be: the socket address — nothing in the header is trusted then.
 * Returns null only when the socket address is unknown (a destroyed socket).
 */
export function resolveClientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, hops: number): string | null {
  const socket = cleanAddress(socketAddress);
  if (hops <= 0 || socket === null) return socket;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const chain = [...header.split(",").filter((entry) => entry.trim() !== ""), socket];
  const index = chain.length - 1 - hops;
  if (index < 0) return socket;
  return cleanAddress(chain[index]) ?? socket;
}

/** Sets (or removes) CLIENT_IP_HEADER on a Node request: a value the client sent never survives. */
export function stampClientAddress(request: http.IncomingMessage, hops: number): void {
  const address = resolveClientAddress(request.socket?.remoteAddress, request.headers["x-forwarded-for"], hops);
  if (address === null) delete request.headers[CLIENT_IP_HEADER];
  else request.headers[CLIENT_IP_HEADER] = address;
}

const installed = Symbol.for("payscore.clientAddressStamp");

type Emit = (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;

/**
 * Makes every HTTP(S) server of this process stamp CLIENT_IP_HEADER on each request before any
 * listener (Next's handler) sees it. Called once at start (server/startup.ts); idempotent.
 */
export function installClientAddressStamp(hops: number): void {
  for (const prototype of [http.Server.prototype, https.Server.prototype] as unknown as { emit: Emit; [installed]?: true }[]) {
    if (prototype[installed]) continue;
    const original = prototype.emit;
    prototype.emit = function emit(this: unknown, event: string | symbol, ...args: unknown[]): boolean {
      if (event === "request" && args[0] instanceof http.IncomingMessage) stampClientAddress(args[0], hops);
      return original.call(this, event, ...args);
    };
    prototype[installed] = true;
  }
}
