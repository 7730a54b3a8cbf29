// Stands in for next/headers in Vitest: each call of a server action runs inside `withRequest`, and
// headers() / cookies() answer with that request's own headers — so two actions called at the same
// moment by two signed-in users each see their own session cookie, as they would in Next.js.
// Use in a test file: vi.mock("next/headers", async () => (await import("./support/request-context")).nextHeadersMock);
import { AsyncLocalStorage } from "node:async_hooks";

const store = new AsyncLocalStorage<Headers>();

export function withRequest<T>(headers: Headers, run: () => Promise<T>): Promise<T> {
  return store.run(headers, run);
}

function current(): Headers {
  return store.getStore() ?? new Headers();
}

function cookieMap(): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of (current().get("cookie") ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0) map.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return map;
}

export const nextHeadersMock = {
  headers: async () => new Headers(current()),
  cookies: async () => ({
    get: (name: string) => {
      const value = cookieMap().get(name);
      return value === undefined ? undefined : { name, value };
    },
    getAll: () => [...cookieMap()].map(([name, value]) => ({ name, value })),
    has: (name: string) => cookieMap().has(name),
    // A server action that sets a cookie (a refreshed session) has no browser here to keep it.
    set: () => undefined,
    delete: () => undefined,
  }),
};
