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
