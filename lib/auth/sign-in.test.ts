import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generatePassword, ZCreateUser } from "@/lib/admin/users";
import { loginUrl, safeNextPath } from "./sign-in";

describe("[AUTH] safeNextPath: only paths on this site", () => {
  it.each([
    ["/orders/p1/A123?x=1", "/orders/p1/A123?x=1"],
    ["/", "/"],
    ["/admin/users#top", "/admin/users#top"],
  ])("%s → %s", (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });

  it.each([
    "https://evil.example/",
    "//evil.example/x",
    "/\\evil.example",
    "javascript:alert(1)",
    "orders",
    "/login",
    "/login?next=/x",
    "/api/auth/sign-out",
    "/x\n/y",
    undefined,
    42,
    `/${"a".repeat(3000)}`,
  ])("%j → /", (input) => {
    expect(safeNextPath(input)).toBe("/");
  });

  // Issue #11: dot segments that collapse into a protocol-relative `//host` after normalisation.
  it.each([
    "/.//127.0.0.1:4399/x",
    "/%2e//127.0.0.1:4399/x",
    "/%2E%2E//127.0.0.1:4399/x",
    "/a/..//127.0.0.1:4399/x",
    "/a/%2e%2e//127.0.0.1:4399/x",
    "/./\\127.0.0.1:4399/x",
    "/a/../\\\\127.0.0.1:4399/x",
    "/.///127.0.0.1:4399/x",
  ])("%j (collapses to //host) → /", (input) => {
    expect(safeNextPath(input)).toBe("/");
    expect(loginUrl(input)).toBe("/login");
  });

  it("keeps harmless dot segments, normalised", () => {
    expect(safeNextPath("/orders/./p1/../p2/A1")).toBe("/orders/p2/A1");
    expect(safeNextPath("/%2e/review?x=1")).toBe("/review?x=1");
  });

  // Whatever comes in, what comes out is a path that every origin resolves to itself, and that a
  // second pass leaves as it is (so the login page, the form and the guard agree on it).
  const sameOriginBases = ["http://console.invalid", "https://console.example:8443/deep/page?q=1", "http://127.0.0.1:3000/login"];
  function assertSameOriginPath(out: string): void {
    expect(out.startsWith("/")).toBe(true);
    expect(out[1] === "/" || out[1] === "\\").toBe(false);
    for (const base of sameOriginBases) expect(new URL(out, base).origin).toBe(new URL(base).origin);
    expect(safeNextPath(out)).toBe(out);
  }
  const pieces = fc.constantFrom("/", "//", "\\", ".", "..", "%2e", "%2E", "%2f", "%5c", ":", "@", "?", "#", "127.0.0.1:4399", "evil.example", "x", "login", "api", "\t", "\n", " ");
  it("only ever answers a same-origin path (property)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(pieces, { maxLength: 12 }).map((parts) => parts.join("")), fc.string({ unit: "binary", maxLength: 40 }), fc.webUrl(), fc.webPath()), (input) => {
        assertSameOriginPath(safeNextPath(input));
        assertSameOriginPath(safeNextPath(`/${input}`));
      }),
      { numRuns: 1000 },
    );
  });

  it("builds the login URL", () => {
    expect(loginUrl("/admin/users?page=2")).toBe("/login?next=%2Fadmin%2Fusers%3Fpage%3D2");
    expect(loginUrl("/")).toBe("/login");
    expect(loginUrl("//evil.example")).toBe("/login");
  });
});

describe("[ADMIN] user schemas", () => {
  it("normalises the email and checks the password length", () => {
    const parsed = ZCreateUser.safeParse({ email: "  Ops@Example.COM ", name: " 运维 ", role: "admin", password: "0123456789" });
    expect(parsed.success && parsed.data).toEqual({ email: "ops@example.com", name: "运维", role: "admin", password: "0123456789" });
    const short = ZCreateUser.safeParse({ email: "a@b.co", name: "x", role: "agent", password: "short" });
    expect(short.success ? [] : short.error.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([["password", "passwordTooShort"]]);
    const badRole = ZCreateUser.safeParse({ email: "a@b.co", name: "x", role: "user", password: "0123456789" });
    expect(badRole.success).toBe(false);
  });

  it("generates 16-character passwords that pass the schema and differ", () => {
    const passwords = new Set(Array.from({ length: 50 }, () => generatePassword()));
    expect(passwords.size).toBe(50);
    for (const password of passwords) {
      expect(password).toMatch(/^[A-HJ-NP-Za-km-z2-9]{16}$/);
    }
  });
});
