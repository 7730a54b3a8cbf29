// The synthetic bulk files keep their promises: every row lowers a modifiable sandbox order (the
// clones' template or the seeded order itself) within its risk fund, and the clones land in the store.
import { describe, expect, it } from "vitest";
import { parseBulkFile } from "@/lib/bulk/file";
import { buildSeedRecords } from "@/server/sandbox/seed";
import { OrderStore } from "@/server/sandbox/store";
import { SANDBOX_IDENTITIES } from "@/server/sandbox/world";
import { SANDBOX_LOOKUP } from "./support/bulk-lookup";
import { addSyntheticOrders } from "./support/bulk-sandbox";
import { SYNTHETIC_TARGETS, syntheticBulkCsv } from "./support/bulk-synthetic";

function seededStore(): OrderStore {
  const store = new OrderStore(null, () => buildSeedRecords(new Date()));
  store.load();
  return store;
}

describe("syntheticBulkCsv", () => {
  it.each(Object.entries(SYNTHETIC_TARGETS))("%s: every row, clone or seed, lowers a modifiable order within its risk fund", (_name, target) => {
    const store = seededStore();
    const mchid = SANDBOX_IDENTITIES.find((i) => i.id === target.profileId)?.mchid ?? "";
    const clones = syntheticBulkCsv({ rows: 120, target, firstIndex: 7 });
    expect(addSyntheticOrders(store, clones.orders)).toBe(120);
    expect(addSyntheticOrders(store, clones.orders)).toBe(0);
    const seeds = syntheticBulkCsv({ rows: target.seedCount, target, orders: "seed" });
    expect(addSyntheticOrders(store, seeds.orders)).toBe(0);
    expect(() => syntheticBulkCsv({ rows: target.seedCount + 1, target, orders: "seed" })).toThrow(RangeError);
    expect(clones.orders[0]?.outOrderNo).toBe(`${target.clonePrefix}-00008`);

    const orderIds = new Set<string>();
    for (const row of [...clones.orders, ...seeds.orders]) {
      const record = store.get(mchid, row.subMchid, row.outOrderNo);
      if (!record) throw new Error(`no ${row.outOrderNo}`);
      expect(record.order.state_description).toBe("MCH_COMPLETE");
      expect(record.order.collection?.state).toBe("USER_PAYING");
      orderIds.add(record.order.order_id ?? "");
      const current = record.order.total_amount ?? 0;
      // The new total: the one line's new amount plus the other lines, less the discounts.
      const lines = record.order.post_payments ?? [];
      const others = lines.filter((l) => l.name !== target.lineName).reduce((sum, l) => sum + (l.amount ?? 0), 0);
      const discounts = (record.order.post_discounts ?? []).reduce((sum, d) => sum + d.amount, 0);
      const after = target.amounts === "total" ? row.newAmountFen : row.newAmountFen + others - discounts;
      expect(after, row.outOrderNo).toBeLessThan(current);
      expect(after, row.outOrderNo).toBeGreaterThanOrEqual(0);
      expect(after).toBeLessThanOrEqual(record.order.risk_fund?.amount ?? 0);
    }
    expect(orderIds.size).toBe(120 + target.seedCount);

    const parsed = parseBulkFile(clones.bytes, SANDBOX_LOOKUP);
    expect(parsed.ok && parsed.problems).toEqual([]);
  });
});
