// setLocaleAction is reachable by anyone (no session): it must refuse anything that is not the
// locale switch's own form quietly — no throw (a 500), no cookie.
import { beforeEach, describe, expect, it, vi } from "vitest";

const jar = vi.hoisted(() => ({ set: vi.fn() }));
vi.mock("next/headers", () => ({ cookies: async () => jar }));

const { setLocaleAction } = await import("./locale");

beforeEach(() => {
  jar.set.mockClear();
});

function form(entries: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(entries)) data.append(key, value);
  return data;
}

/** What React decodes a forged "$T" reference to: an object that throws on any use. */
const hostile = new Proxy(
  {},
  {
    get() {
      throw new Error("opaque temporary reference");
    },
    getPrototypeOf() {
      throw new Error("opaque temporary reference");
    },
    has() {
      throw new Error("opaque temporary reference");
    },
  },
);

describe("[I18N] setLocaleAction", () => {
  it("sets the cookie for a known locale from the switch's form", async () => {
    await expect(setLocaleAction(form({ locale: "en" }))).resolves.toBeUndefined();
    expect(jar.set).toHaveBeenCalledWith("NEXT_LOCALE", "en", { path: "/", maxAge: 31_536_000, sameSite: "lax" });
  });

  it.each([
    ["undefined", undefined],
    ["null", null],
    ["a string", "en"],
    ["a number", 42],
    ["a plain object", { locale: "en" }],
    ["an object with a get() that throws", { get: () => { throw new Error("boom"); } }],
    ["an array", ["en"]],
    ["a hostile proxy", hostile],
    ["an unknown locale", form({ locale: "fr" })],
    ["no locale field", form({})],
  ])("refuses %s quietly: no throw, no cookie", async (_label, input) => {
    await expect(setLocaleAction(input)).resolves.toBeUndefined();
    expect(jar.set).not.toHaveBeenCalled();
  });
});
