// Puts the orders of a synthetic bulk file (tests/support/bulk-synthetic.ts, orders "clones") into a
// sandbox's order store: one copy of the row's template order per row, under the row's out_order_no,
// with an order_id of its own — as scripts/bench/sandbox-child.ts copies its bench orders. For
// vitest suites and benches that hold the sandbox in process (startTestSandbox, startSandbox); not
// for Playwright specs (server modules). Rows of "seed" files name seeded orders and are left alone.
import type { OrderStore } from "@/server/sandbox/store";
import type { SandboxOrderRecord } from "@/server/sandbox/types";
import type { SyntheticOrder } from "./bulk-synthetic";

/** Adds the missing clone orders with one store write; returns how many were added. */
export function addSyntheticOrders(store: OrderStore, orders: readonly SyntheticOrder[]): number {
  const templates = new Map<string, SandboxOrderRecord>();
  const added: SandboxOrderRecord[] = [];
  // order_ids after every order the store has ever held (the store never shrinks but on reset).
  const firstId = 202_698_000_000_000 + store.size;
  for (const row of orders) {
    if (row.outOrderNo === row.templateOrderNo) continue;
    const template =
      templates.get(row.templateOrderNo) ?? store.findByOutOrderNo(row.templateOrderNo).find((r) => r.sub_mchid === row.subMchid);
    if (!template) throw new Error(`the sandbox has no order ${row.templateOrderNo} (sub_mchid ${row.subMchid ?? "none"}) to copy`);
    templates.set(row.templateOrderNo, template);
    if (store.get(template.mchid, template.sub_mchid, row.outOrderNo)) continue;
    const copy = structuredClone(template);
    copy.order.out_order_no = row.outOrderNo;
    copy.order.order_id = `1000000000${String(firstId + added.length)}`;
    added.push(copy);
  }
  store.putMany(added);
  return added.length;
}
