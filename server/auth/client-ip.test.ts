// The client address for the per-IP sign-in limit: the socket address unless TRUSTED_PROXY_HOPS
// says proxies stand in front, then the entry those proxies appended — never one the client wrote.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER, installClientAddressStamp, resolveClientAddress } from "./client-ip";

describe("[AUTH][IP] resolveClientAddress", () => {
  it("hops 0: the socket address, whatever X-Forwarded-For says", () => {
    expect(resolveClientAddress("198.51.100.7", undefined, 0)).toBe("198.51.100.7");
    expect(resolveClientAddress("198.51.100.7", "203.0.113.1", 0)).toBe("198.51.100.7");
    expect(resolveClientAddress("::ffff:127.0.0.1", "203.0.113.1, 10.0.0.1", 0)).toBe("::ffff:127.0.0.1");
  });

  it("hops 1 (one proxy): the entry that proxy appended, the rightmost; forged entries to its left are ignored", () => {
    // client 198.51.100.20 sent "1.2.3.4"; the proxy (10.0.0.2, the socket) appended the client.
    expect(resolveClientAddress("10.0.0.2", "1.2.3.4, 198.51.100.20", 1)).toBe("198.51.100.20");
    expect(resolveClientAddress("10.0.0.2", "198.51.100.20", 1)).toBe("198.51.100.20");
    // Several X-Forwarded-For headers arrive joined, or as an array.
    expect(resolveClientAddress("10.0.0.2", ["9.9.9.9", "198.51.100.20"], 1)).toBe("198.51.100.20");
  });

  it("hops 2 (two proxies): two entries from the right of the chain ending in the socket", () => {
    // client → proxy1 (10.0.0.1) → proxy2 (10.0.0.2, the socket)
    expect(resolveClientAddress("10.0.0.2", "198.51.100.30, 10.0.0.1", 2)).toBe("198.51.100.30");
    expect(resolveClientAddress("10.0.0.2", "6.6.6.6, 7.7.7.7, 198.51.100.30, 10.0.0.1", 2)).toBe("198.51.100.30");
    expect(resolveClientAddress("2001:db8::2", " 2001:db8::30 ,2001:db8::1", 2)).toBe("2001:db8::30");
  });

  it("a chain shorter than the hops (a proxy was bypassed or did not append): the socket address", () => {
    expect(resolveClientAddress("10.0.0.2", undefined, 1)).toBe("10.0.0.2");
    expect(resolveClientAddress("10.0.0.2", "", 1)).toBe("10.0.0.2");
    expect(resolveClientAddress("10.0.0.2", " , ", 1)).toBe("10.0.0.2");
    expect(resolveClientAddress("10.0.0.2", "198.51.100.30", 2)).toBe("10.0.0.2");
  });

  it("a non-address where the client should be: the socket address", () => {
    expect(resolveClientAddress("10.0.0.2", "unknown", 1)).toBe("10.0.0.2");
    expect(resolveClientAddress("10.0.0.2", "198.51.100.20:4444", 1)).toBe("10.0.0.2");
    expect(resolveClientAddress("10.0.0.2", "1.2.3.4, <script>", 1)).toBe("10.0.0.2");
  });

  it("no socket address: none (better-auth then shares one bucket, still limited)", () => {
    expect(resolveClientAddress(undefined, "203.0.113.1", 0)).toBeNull();
    expect(resolveClientAddress(undefined, "203.0.113.1", 1)).toBeNull();
  });
});

describe("[AUTH][IP] the stamp on a real Node server", () => {
  it("overwrites a client-sent header and ignores a forged X-Forwarded-For (hops 0)", async () => {
    installClientAddressStamp(0);
    installClientAddressStamp(0); // idempotent: installed once
    const seen: (string | string[] | undefined)[] = [];
    const server = http.createServer((request, response) => {
      seen.push(request.headers[CLIENT_IP_HEADER]);
      response.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const attempts: Record<string, string>[] = [{}, { "x-forwarded-for": "203.0.113.9" }, { [CLIENT_IP_HEADER]: "203.0.113.10", "x-forwarded-for": "203.0.113.11" }];
      for (const headers of attempts) {
        const response = await fetch(`http://127.0.0.1:${port}/`, { headers });
        expect(await response.text()).toBe("ok");
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(seen).toEqual(["127.0.0.1", "127.0.0.1", "127.0.0.1"]);
  });
});
