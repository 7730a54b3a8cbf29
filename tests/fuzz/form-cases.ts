// Form inputs (what the browser sends to the modify / complete server actions) from real sandbox
// orders, and their defects: the ones the form schema refuses, and the ones only the API schema or
// the order rules catch. The sandbox must be running (./harness) before an order is read.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { fenToInput } from "@/lib/orders/amount-form";
import { reasonTextMax } from "@/lib/orders/reasons";
import type { RuleCode } from "@/lib/payscore/issues";
import type { TServiceOrder } from "@/lib/payscore/order";
import { charLength } from "@/lib/text";
import { findSeedOrder, seedOrderNumbers } from "@/server/sandbox/seed";
import { type OrderRef, completeHotel, lowerFirstLine } from "../support/order-inputs";
import { CODE_POINT, HOSTILE_KEY, NOT_A_LIST, NOT_A_STRING, badFormTextArb, badTextArb } from "./arbitraries";
import type { Defect } from "./bodies";
import { type Obj, type Path, clone, deleteAt, setAt } from "./paths";

export interface FormCase {
  op: "modify" | "complete";
  ref: OrderRef;
  outOrderNo: string;
}

function formCase(op: "modify" | "complete", mode: OrderRef["mode"]): FormCase {
  const industry = op === "complete" || mode === "merchant" ? "hotel" : "express";
  const [no] = seedOrderNumbers({ mode, industry, kind: op === "modify" ? "PAYING" : "READY" });
  if (!no) throw new Error(`no ${mode} ${industry} order`);
  const info = findSeedOrder(no);
  return { op, ref: { mode, subMchid: info.sub_mchid, industry: info.industry }, outOrderNo: no };
}

export const MODIFY_CASES = [formCase("modify", "merchant"), formCase("modify", "partner")];
export const COMPLETE_CASES = [formCase("complete", "merchant"), formCase("complete", "institution")];

export async function currentOrder(c: FormCase): Promise<TServiceOrder> {
  // Imported on first use: server/env reads the environment the harness sets.
  const { queryOrder, resolveTarget } = await import("@/server/orders/target");
  const target = resolveTarget(`demo-${c.ref.mode}`, c.ref.subMchid);
  if (!target) throw new Error("no target");
  return (await queryOrder(target, c.outOrderNo)).order;
}

interface BaseInput {
  c: FormCase;
  input: Obj;
}

/** A valid form input per case, from the order as the sandbox holds it now. */
export async function loadBaseInputs(): Promise<{ modifyBase: BaseInput[]; completeBase: BaseInput[] }> {
  const load = (cases: FormCase[]) => Promise.all(cases.map(async (c) => ({ c, input: baseInput(c, await currentOrder(c)) })));
  const [modifyBase, completeBase] = await Promise.all([load(MODIFY_CASES), load(COMPLETE_CASES)]);
  return { modifyBase, completeBase };
}

export function baseInput(c: FormCase, order: TServiceOrder): Obj {
  const input = c.op === "modify" ? lowerFirstLine(c.ref, c.outOrderNo, order) : completeHotel(c.ref, c.outOrderNo, order);
  return clone(input) as unknown as Obj;
}

/** A form-level defect: refused by ZModifyForm / ZCompleteForm at `at` (form field names). */
export function formDefectArb(op: "modify" | "complete", base: Obj): fc.Arbitrary<Defect> {
  const set = (label: string, at: Path) => (value: unknown): Defect => ({ label, at, apply: (target) => setAt(target, at, value) });
  const lines = (base.payments as unknown[]).length;
  const discounts = (base.discounts as unknown[]).length;
  const lineIndex = fc.nat(Math.max(0, lines - 1));
  const yuanBad = fc.constantFrom("-1", "-0.01", "1.234", "1.000", "abc", "1e21", "1e3", "NaN", "Infinity", "１２", "¥1", "1,000", "12.", ".5", "+1", "10000000000.00", "0x10");
  const countBad = fc.constantFrom("0", "101", "1.5", "-1", "abc", "1e2", "99999");
  const options: fc.Arbitrary<Defect>[] = [
    fc.oneof(fc.constant(""), NOT_A_STRING).map(set("profileId", ["profileId"])),
    NOT_A_STRING.map(set("subMchid", ["subMchid"])),
    fc.oneof(badTextArb(32), fc.constantFrom("../x", "a/b", "a b", "订单", "DEMO%2F1", "a".repeat(33))).map(set("outOrderNo", ["outOrderNo"])),
    fc.oneof(fc.constantFrom("", "x", "00000000-0000-0000-0000-00000000000g", `${randomUUID()} `), NOT_A_STRING).map(set("idempotencyKey", ["idempotencyKey"])),
    fc.oneof(fc.constantFrom(null, "order", 1, [], {}), NOT_A_STRING).map(set("basedOn", ["basedOn"])),
    fc.constantFrom("FOO", 1, null, 1.5).map(set("basedOn.state", ["basedOn", "state"])),
    fc.constantFrom(1.5, "100", Number.NaN, null).map(set("basedOn.total_amount", ["basedOn", "total_amount"])),
    fc.oneof(fc.constantFrom("nope", "__proto__", "constructor", "toString", "HOTEL", ""), NOT_A_STRING).map(set("industry", ["industry"])),
    fc.oneof(fc.constantFrom("__proto__", "constructor", "refund", ""), NOT_A_STRING).map(set("reasonCategory", ["reasonCategory"])),
    NOT_A_STRING.map(set("total", ["total"])),
    NOT_A_LIST.map(set("payments", ["payments"])),
    NOT_A_LIST.map(set("discounts", ["discounts"])),
    fc.constant({
      label: "101 lines",
      at: ["payments"],
      apply: (target: Obj) => setAt(target, ["payments"], Array.from({ length: 101 }, () => clone((base.payments as unknown[])[0]))),
    }),
    fc.constant({
      label: "31 discounts",
      at: ["discounts"],
      apply: (target: Obj) =>
        setAt(target, ["discounts"], Array.from({ length: 31 }, (_, i) => ({ name: `优惠${i}`, description: "d", amount: "0.01", count: "" }))),
    }),
    fc.tuple(lineIndex, fc.oneof(NOT_A_STRING, fc.string())).map(([i, value]) => set("junk line", ["payments", i])(value)),
    fc.tuple(lineIndex, yuanBad).map(([i, value]) => set("line amount", ["payments", i, "amount"])(value)),
    fc.tuple(lineIndex, countBad).map(([i, value]) => set("line count", ["payments", i, "count"])(value)),
    fc.tuple(lineIndex, fc.constantFrom("name", "amount", "description", "count"), NOT_A_STRING).map(([i, key, value]) =>
      set(`line ${key} type`, ["payments", i, key])(value),
    ),
    fc.tuple(lineIndex, fc.constantFrom("name", "amount", "description", "count")).map(([i, key]): Defect => ({
      label: `line without ${key}`,
      at: ["payments", i, key],
      apply: (target) => deleteAt(target, ["payments", i, key]),
    })),
    fc.constantFrom(null, "x", 1, []).map(set("device", ["device"])),
    fc.tuple(fc.constantFrom("start_device_id", "end_device_id", "materiel_no"), NOT_A_STRING).map(([key, value]) => set("device field", ["device", key])(value)),
    badFormTextArb(500).map(set("internalNote", ["internalNote"])),
  ];
  if (discounts > 0) {
    options.push(fc.tuple(fc.nat(discounts - 1), yuanBad).map(([i, value]) => set("discount amount", ["discounts", i, "amount"])(value)));
  }
  options.push(
    fc.constantFrom("", "0.00.0", "-5").map((value): Defect => ({
      label: "discount without a valid amount",
      at: ["discounts", discounts, "amount"],
      apply: (target) => setAt(target, ["discounts", discounts], { name: "新增优惠", description: "d", amount: value, count: "" }),
    })),
  );
  if (op === "modify") {
    const max = reasonTextMax("user_complaint");
    options.push(
      fc.oneof(fc.constantFrom("", "   ", "\u3000\t\n"), badFormTextArb(max)).map(set("reasonText", ["reasonText"])),
    );
  } else {
    options.push(
      badFormTextArb(200).map(set("reasonText", ["reasonText"])),
      fc.oneof(fc.constantFrom("yesterday", "2026-11-25 10:00", "20261125100000", "2026-11-25T10:00:00+08:00"), NOT_A_STRING).map(
        set("startTime", ["startTime"]),
      ),
      fc.constantFrom("2026-11-25", "now", "2026-11-25T10", "2026/11/25T10:00").map(set("endTime", ["endTime"])),
      fc.constantFrom("2026-11-25", "now", "2026-11-25T10:00Z").map(set("completeTime", ["completeTime"])),
      fc.constantFrom("true", 1, null, "on").map(set("profitSharing", ["profitSharing"])),
      fc.tuple(fc.constantFrom("startTimeRemark", "endTimeRemark", "startLocation", "endLocation", "goodsTag"), NOT_A_STRING).map(([key, value]) =>
        set(key, [key])(value),
      ),
    );
  }
  return fc.oneof(...options);
}

/** Unknown keys in a form input: not refused (the form schema is not strict) but dropped, never passed on. */
export const EXTRA_KEYS = fc.dictionary(HOSTILE_KEY, fc.oneof(NOT_A_STRING, fc.string()), { minKeys: 1, maxKeys: 4 });


/** Defects the form lets through but the API body schema or the order rules refuse (API field names). */
export function laterDefectArb(op: "modify" | "complete", base: Obj, mode: OrderRef["mode"]): fc.Arbitrary<Defect & { codes: RuleCode[] }> {
  const lines = (base.payments as unknown[]).length;
  const lineIndex = fc.nat(Math.max(0, lines - 1));
  const over = (max: number) => fc.string({ unit: CODE_POINT, minLength: max + 1, maxLength: max + 10 }).map((s) => s.replace(/\s/g, "x")).filter((s) => charLength(s) > max);
  const malformed = fc.constantFrom("a\u0000b", "a\ud800b", "\udfffz");
  const options: fc.Arbitrary<Defect & { codes: RuleCode[] }>[] = [
    fc.tuple(lineIndex, fc.oneof(over(20), malformed)).map(([i, value]) => ({
      label: "line name",
      at: ["post_payments", i, "name"],
      codes: ["too_long", "invalid_format"],
      apply: (target: Obj) => setAt(target, ["payments", i, "name"], value),
    })),
    fc.tuple(lineIndex, fc.oneof(over(30), malformed)).map(([i, value]) => ({
      label: "line description",
      at: ["post_payments", i, "description"],
      codes: ["too_long", "invalid_format"],
      apply: (target: Obj) => setAt(target, ["payments", i, "description"], value),
    })),
  ];
  if (mode !== "institution") {
    options.push(
      fc.oneof(over(32), malformed).map((value) => ({
        label: "device id",
        at: ["device", "start_device_id"],
        codes: ["too_long", "invalid_format"] as RuleCode[],
        apply: (target: Obj) => setAt(target, ["device", "start_device_id"], value),
      })),
    );
  }
  if (op === "modify") {
    options.push(
      fc.integer({ min: 1, max: 1_000_000 }).map((raise) => ({
        label: "total not lower",
        at: ["total_amount"],
        codes: ["total_not_lower", "total_above_risk_fund"] as RuleCode[],
        apply: (target: Obj) => {
          const payments = target.payments as { amount: string }[];
          const line = payments.find((p) => p.amount !== "");
          if (line) line.amount = fenToInput(Math.round(Number(line.amount) * 100) + 100 + raise);
        },
      })),
    );
  } else {
    options.push(
      fc.oneof(over(32), malformed).map((value) => ({
        label: "goods_tag",
        at: ["goods_tag"],
        codes: ["too_long", "invalid_format"] as RuleCode[],
        apply: (target: Obj) => setAt(target, ["goodsTag"], value),
      })),
      fc.oneof(over(20), malformed).map((value) => ({
        label: "start time remark",
        at: ["time_range", "start_time_remark"],
        codes: ["too_long", "invalid_format"] as RuleCode[],
        apply: (target: Obj) => setAt(target, ["startTimeRemark"], value),
      })),
      fc.constantFrom("2026-13-01T00:00", "2026-02-30T10:00", "2026-11-25T24:00").map((value) => ({
        label: "start time not on the calendar",
        at: ["time_range", "start_time"],
        codes: ["invalid_time"] as RuleCode[],
        apply: (target: Obj) => setAt(target, ["startTime"], value),
      })),
      fc.constantFrom("2099-01-01T00:00", "2030-06-01T12:00").map((value) => ({
        label: "end time in the future",
        at: ["time_range", "end_time"],
        codes: ["time_in_future"] as RuleCode[],
        apply: (target: Obj) => setAt(target, ["endTime"], value),
      })),
      fc.integer({ min: 200_001, max: 10_000_000 }).map((fenAmount) => ({
        label: "above the risk fund",
        at: ["total_amount"],
        codes: ["total_above_risk_fund"] as RuleCode[],
        apply: (target: Obj) => setAt(target, ["payments", 0, "amount"], fenToInput(fenAmount)),
      })),
    );
  }
  return fc.oneof(...options);
}
