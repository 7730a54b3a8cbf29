// What an order charges, as the trail compares it: the total and the payment and discount lines —
// the fields a modify or complete sets, and that nothing but such a call changes (a user confirming
// or paying moves the state, never these). Drift detection compares WeChat's order with what the
// trail says it should be; reconciliation asks whether an order shows a sent change.
import type { TServiceOrder } from "../payscore/order";

export interface OrderMoney {
  total: number | null;
  /** Canonical text of the lines; null = not known (not compared). */
  payments: string | null;
  discounts: string | null;
}

type Line = { name?: unknown; amount?: unknown; description?: unknown; count?: unknown };

function canonicalLines(lines: readonly Line[] | undefined): string {
  return JSON.stringify((lines ?? []).map((line) => [line.name ?? null, line.amount ?? null, line.description ?? null, line.count ?? null]));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function linesOf(value: unknown): Line[] | undefined {
  return Array.isArray(value) ? value.filter(isRecord) : undefined;
}

/** The total an order charges now (total_amount, else the collection's). */
export function orderTotal(order: Pick<TServiceOrder, "total_amount" | "collection">): number | null {
  return order.total_amount ?? order.collection?.total_amount ?? null;
}

export function moneyOfOrder(order: TServiceOrder): OrderMoney {
  return { total: orderTotal(order), payments: canonicalLines(order.post_payments), discounts: canonicalLines(order.post_discounts) };
}

/**
 * What a sent modify/complete body makes the order charge. Discount lines a body leaves out are
 * not known from it (the order may keep the ones it had), so they are not compared.
 */
export function moneyOfBody(body: unknown): OrderMoney {
  const record = isRecord(body) ? body : {};
  const payments = linesOf(record.post_payments);
  const discounts = linesOf(record.post_discounts);
  return {
    total: typeof record.total_amount === "number" ? record.total_amount : null,
    payments: payments ? canonicalLines(payments) : null,
    discounts: discounts ? canonicalLines(discounts) : null,
  };
}

/** Equal wherever both sides are known. */
export function sameMoney(expected: OrderMoney, seen: OrderMoney): boolean {
  return (
    expected.total === seen.total &&
    (expected.payments === null || seen.payments === null || expected.payments === seen.payments) &&
    (expected.discounts === null || seen.discounts === null || expected.discounts === seen.discounts)
  );
}

/**
 * Does the order show this call's change? Modify: its total and payment lines are the ones sent.
 * Complete: the order is merchant-completed (or paid) with the total sent. Cancel: it is REVOKED.
 * Sync: it is paid, with a merchant-channel (MCH) payment at the paid_time sent.
 */
export function showsWrite(operation: string, body: unknown, order: TServiceOrder): boolean {
  const sent = moneyOfBody(body);
  if (operation === "modify") {
    return orderTotal(order) === sent.total && sent.payments !== null && canonicalLines(order.post_payments) === sent.payments;
  }
  if (operation === "complete") {
    const completed = (order.state === "DOING" && order.state_description === "MCH_COMPLETE") || order.state === "DONE";
    return completed && orderTotal(order) === sent.total;
  }
  if (operation === "cancel") return order.state === "REVOKED";
  if (operation === "sync") {
    // Paid, with a merchant-channel payment at the time the sync named.
    const paidTime = isRecord(body) && isRecord(body.detail) && typeof body.detail.paid_time === "string" ? body.detail.paid_time : null;
    const full = paidTime !== null && paidTime.length === 8 ? `${paidTime}000000` : paidTime;
    return order.collection?.state === "USER_PAID" && (order.collection.details ?? []).some((detail) => detail.paid_type === "MCH" && detail.paid_time === full);
  }
  return false;
}
