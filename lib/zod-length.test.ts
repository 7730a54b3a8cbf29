import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { ZChangeRole, ZCreateUser } from "@/lib/admin/users";
import { ZSignIn } from "@/lib/auth/sign-in";
import { ZCompleteFormInput } from "@/lib/orders/complete-form";
import { ZModifyFormInput } from "@/lib/orders/modify-form";
import { ZReviewFilters } from "@/lib/review/filters";
import { maxLength, minLength } from "./zod-length";

// Objects a forged server-action request can carry whose `length` cannot be compared with a number:
// zod's own length checks throw "Cannot convert object to primitive value" on them.
const FORGED = [
  { length: Object.create(null) as object },
  { length: { toString: 1, valueOf: 1 } },
  { length: [Object.create(null)] },
];

describe("length checks only on strings and arrays", () => {
  it("zod's own check throws on a forged length (why these exist)", () => {
    expect(() => z.array(z.string()).check(z.maxLength(3)).safeParse(FORGED[0])).toThrow(TypeError);
  });

  it.each(FORGED)("a forged %o is an invalid_type issue, not a throw", (forged) => {
    const list = z.array(z.string()).check(minLength(1), maxLength(3)).safeParse(forged);
    const text = z.string().check(minLength(1), maxLength(3)).safeParse(forged);
    for (const result of [list, text]) {
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => [issue.code, issue.path])).toEqual([["invalid_type", []]]);
    }
  });

  it("still measures strings in code points and arrays in items", () => {
    expect(z.string().check(maxLength(2)).safeParse("房房").success).toBe(true);
    expect(z.string().check(maxLength(2)).safeParse("房房房").error?.issues[0]).toMatchObject({ code: "too_big", maximum: 2 });
    expect(z.string().check(maxLength(2)).safeParse("😀😀").success).toBe(true);
    expect(z.array(z.number()).check(maxLength(2)).safeParse([1, 2, 3]).error?.issues[0]).toMatchObject({ code: "too_big", maximum: 2 });
    expect(z.string().check(minLength(1, { error: "nameRequired" })).safeParse("").error?.issues[0]?.message).toBe("nameRequired");
  });

  it.each([
    ["modify form payments", ZModifyFormInput, "payments"],
    ["modify form discounts", ZModifyFormInput, "discounts"],
    ["modify form profileId", ZModifyFormInput, "profileId"],
    ["complete form discounts", ZCompleteFormInput, "discounts"],
    ["sign-in password", ZSignIn, "password"],
    ["create user name", ZCreateUser, "name"],
    ["change role userId", ZChangeRole, "userId"],
    ["review filter q", ZReviewFilters, "q"],
  ] as const)("%s: a forged length is refused at that field", (_label, schema, field) => {
    for (const forged of FORGED) {
      const result = (schema as z.ZodMiniType).safeParse({ [field]: forged });
      expect(result.success).toBe(false);
      expect(result.error?.issues.some((issue) => issue.path[0] === field && issue.code === "invalid_type")).toBe(true);
    }
  });
});
