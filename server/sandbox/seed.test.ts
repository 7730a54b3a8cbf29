// The demo set: complete coverage (mode × industry × state), lines valid for their industry
// templates, and every "ready" order completable / every "paying" order modifiable over HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INDUSTRY_IDS, INDUSTRY_TEMPLATES } from "@/lib/industries";
import { charLength } from "@/lib/text";
import { ZOutOrderNo, ZPostDiscount, ZPostDiscountWithDescription, ZPostPayment, formatBeijingTime } from "@/lib/payscore/fields";
import { ZServiceOrder } from "@/lib/payscore/order";
import { checkDiscountNames, checkTotals, expectedTotal } from "@/lib/payscore/rules";
import { checkIndustryLines } from "@/lib/industries";
import { SEED_ORDERS, buildSeedRecords, findSeedOrder, seedOrderNumbers, type SeedKind } from "@/server/sandbox/seed";
import { control, postOp, queryOrder, startTestSandbox, type TestSandbox } from "@/server/sandbox/test-support";
import type { PostPayment, SandboxOrderRecord } from "@/server/sandbox/types";

const records = buildSeedRecords(new Date());

describe("demo set coverage", () => {
  it("has unique, valid out_order_no values", () => {
    const numbers = SEED_ORDERS.map((spec) => spec.out_order_no);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const no of numbers) expect(ZOutOrderNo.safeParse(no).success, no).toBe(true);
  });

  it("covers every mode × industry in every state an agent meets", () => {
    const base: SeedKind[] = ["CREATED", "READY", "READY-NOEND", "PAYING", "PAID", "REVOKED", "EXPIRED"];
    const combos: [("merchant" | "partner" | "institution"), readonly (typeof INDUSTRY_IDS)[number][]][] = [
      ["merchant", ["hotel"]],
      ["partner", INDUSTRY_IDS],
      ["institution", INDUSTRY_IDS],
    ];
    for (const [mode, industries] of combos) {
      for (const industry of industries) {
        for (const kind of base) expect(seedOrderNumbers({ mode, industry, kind }).length, `${mode} ${industry} ${kind}`).toBeGreaterThan(0);
        expect(seedOrderNumbers({ mode, industry, kind: "PAYING" }).length).toBeGreaterThanOrEqual(4);
        if (mode === "partner") expect(seedOrderNumbers({ mode, industry, kind: "MODIFIED" })).toHaveLength(1);
        if (industry === "car_rental") expect(seedOrderNumbers({ mode, industry, kind: "ZERO-PAID" })).toHaveLength(1);
      }
    }
    expect(seedOrderNumbers({ mode: "merchant", kind: "DEDUCTING" })).toEqual(["DEMO-M-HOTEL-DEDUCTING-1"]);
    expect(findSeedOrder("DEMO-M-HOTEL-PAYING-1")).toMatchObject({ state: "DOING", state_description: "MCH_COMPLETE", collection_state: "USER_PAYING" });
  });
});

describe("demo lines", () => {
  const completed = records.filter((record) => record.order.state_description === "MCH_COMPLETE");

  it("parse as order objects and respect the field limits", () => {
    for (const record of records) {
      expect(ZServiceOrder.safeParse(record.order).success, record.order.out_order_no).toBe(true);
      expect(charLength(record.order.service_introduction)).toBeLessThanOrEqual(20);
      for (const line of record.order.post_payments ?? []) {
        expect(ZPostPayment.safeParse(line).success, `${record.order.out_order_no} ${JSON.stringify(line)}`).toBe(true);
      }
      const discountSchema = record.mode === "merchant" ? ZPostDiscount : ZPostDiscountWithDescription;
      for (const line of record.order.post_discounts ?? []) expect(discountSchema.safeParse(line).success).toBe(true);
      expect(record.order.total_amount).toBeLessThanOrEqual(record.order.risk_fund.amount);
    }
  });

  it("completed lines pass the industry templates and the Σ rule", () => {
    expect(completed.length).toBeGreaterThan(100);
    for (const record of completed) {
      const payments = record.order.post_payments ?? [];
      const issues = [
        ...checkIndustryLines(record.industry, payments),
        ...checkDiscountNames(record.order.post_discounts),
        ...checkTotals({
          payments,
          discounts: record.order.post_discounts,
          total_amount: record.order.total_amount,
          riskFundAmount: record.order.risk_fund.amount,
        }),
      ];
      expect(issues, record.order.out_order_no).toEqual([]);
      if (record.order.collection?.state === "USER_PAYING") {
        expect(record.order.collection).toEqual({
          state: "USER_PAYING",
          total_amount: record.order.total_amount,
          paying_amount: record.order.total_amount,
          paid_amount: 0,
        });
      }
    }
  });

  it("ready orders created without end_time have none; the others do", () => {
    for (const record of records) {
      expect(record.order.time_range?.end_time !== undefined, record.order.out_order_no).toBe(record.createdWithEndTime);
    }
  });
});

/** The same lines with the total lowered by 1 fen (through a line amount when the Σ rule applies). */
function lowered(record: SandboxOrderRecord): { post_payments: PostPayment[]; post_discounts?: unknown[]; total_amount: number } {
  const payments = (record.order.post_payments ?? []).map((line) => ({ ...line }));
  const discounts = record.order.post_discounts?.map((line) => ({ ...line }));
  if (expectedTotal(payments, discounts) !== null) {
    const line = payments.find((candidate) => (candidate.amount ?? 0) > 0);
    if (!line || line.amount === undefined) throw new Error(`cannot lower ${record.order.out_order_no}`);
    line.amount -= 1;
  }
  return { post_payments: payments, ...(discounts ? { post_discounts: discounts } : {}), total_amount: record.order.total_amount - 1 };
}

describe("demo orders over HTTP", () => {
  let t: TestSandbox;
  beforeAll(async () => {
    t = await startTestSandbox();
  });
  afterAll(async () => {
    await t.stop();
  });

  it("every PAYING order is modifiable (total − 1 fen)", async () => {
    await control(t, "POST", "/__sandbox/reset");
    const paying = records.filter((record) => findSeedOrder(record.order.out_order_no).kind === "PAYING");
    for (const record of paying) {
      const result = await postOp(t, record.order.out_order_no, "modify", { ...lowered(record), reason: "演示：下调1分" });
      expect(result.status, `${record.order.out_order_no}: ${result.text}`).toBe(record.mode === "merchant" ? 200 : 204);
    }
  });

  it("every READY order is completable with its industry's example lines", async () => {
    await control(t, "POST", "/__sandbox/reset");
    const ready = records.filter((record) => findSeedOrder(record.order.out_order_no).kind.startsWith("READY"));
    const now = new Date(Date.now() - 5000);
    for (const record of ready) {
      const example = INDUSTRY_TEMPLATES[record.industry].variants[0]?.example ?? [];
      const payments = example.map((line) => ({ ...line }));
      const total = expectedTotal(payments) ?? 100;
      const timeRange =
        record.mode === "institution"
          ? { start_time: record.order.time_range?.start_time as string, end_time: formatBeijingTime(now) }
          : { end_time: formatBeijingTime(now) };
      const result = await postOp(t, record.order.out_order_no, "complete", { post_payments: payments, total_amount: total, time_range: timeRange });
      expect(result.status, `${record.order.out_order_no}: ${result.text}`).toBe(record.mode === "merchant" ? 200 : 204);
      const after = await queryOrder(t, record.order.out_order_no);
      expect((after.json as { state_description?: string }).state_description).toBe("MCH_COMPLETE");
    }
  });
});
