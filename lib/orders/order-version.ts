// Did the order change since the agent opened the form? The version is a canonical string of what
// a modify or complete depends on (state, lines, totals, collection, risk fund, time range); two agents on one order, a
// user paying or a completion all change it. `describeOrderChanges` says what changed, for the agent.
import type { TServiceOrder } from "../payscore/order";

function canonicalLines(lines: readonly Record<string, unknown>[] | undefined): string {
  return JSON.stringify(
    (lines ?? []).map((line) => [line.name ?? null, line.amount ?? null, line.description ?? null, line.count ?? null]),
  );
}

export function orderVersion(order: TServiceOrder): string {
  return JSON.stringify([
    order.state,
    order.state_description ?? null,
    order.total_amount ?? null,
    order.collection?.state ?? null,
    order.collection?.paid_amount ?? null,
    order.collection?.paying_amount ?? null,
    canonicalLines(order.post_payments),
    canonicalLines(order.post_discounts),
    order.risk_fund?.amount ?? null,
    order.time_range?.start_time ?? null,
    order.time_range?.end_time ?? null,
  ]);
}

export type OrderChange =
  | { field: "state"; before: string; after: string }
  | { field: "total_amount"; before: number | null; after: number | null }
  | { field: "collection_state"; before: string | null; after: string | null }
  | { field: "paid_amount"; before: number | null; after: number | null }
  | { field: "post_payments" }
  | { field: "post_discounts" };

export function describeOrderChanges(before: TServiceOrder, after: TServiceOrder): OrderChange[] {
  const changes: OrderChange[] = [];
  const stateOf = (o: TServiceOrder) => (o.state_description ? `${o.state}/${o.state_description}` : o.state);
  if (stateOf(before) !== stateOf(after)) changes.push({ field: "state", before: stateOf(before), after: stateOf(after) });
  if ((before.total_amount ?? null) !== (after.total_amount ?? null)) {
    changes.push({ field: "total_amount", before: before.total_amount ?? null, after: after.total_amount ?? null });
  }
  if ((before.collection?.state ?? null) !== (after.collection?.state ?? null)) {
    changes.push({ field: "collection_state", before: before.collection?.state ?? null, after: after.collection?.state ?? null });
  }
  if ((before.collection?.paid_amount ?? null) !== (after.collection?.paid_amount ?? null)) {
    changes.push({ field: "paid_amount", before: before.collection?.paid_amount ?? null, after: after.collection?.paid_amount ?? null });
  }
  if (canonicalLines(before.post_payments) !== canonicalLines(after.post_payments)) changes.push({ field: "post_payments" });
  if (canonicalLines(before.post_discounts) !== canonicalLines(after.post_discounts)) changes.push({ field: "post_discounts" });
  return changes;
}
