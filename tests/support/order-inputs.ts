// Form inputs (what the browser sends to the modify / complete server actions) built from an order
// as the sandbox answers it, for the fault and fuzz suites. Pure: lib/ imports only.
import { randomUUID } from "node:crypto";
import type { IndustryId } from "@/lib/industries";
import type { TServiceOrder } from "@/lib/payscore/order";
import type { TModifyFormInput } from "@/lib/orders/modify-form";
import { payscoreTimeToLocalInput, type TCompleteFormInput } from "@/lib/orders/complete-form";
import { fenToInput } from "@/lib/orders/amount-form";

export type Mode = "merchant" | "partner" | "institution";

export interface OrderRef {
  mode: Mode;
  subMchid: string | null;
  industry: IndustryId;
}

export const EMPTY_DEVICE = { start_device_id: "", end_device_id: "", materiel_no: "" } as const;

export function profileIdOf(mode: Mode): string {
  return `demo-${mode}`;
}

/** The order's lines as the form shows them (元 strings, "" = not sent). */
export function paymentInputs(order: TServiceOrder): TModifyFormInput["payments"] {
  return (order.post_payments ?? []).map((line) => ({
    name: line.name,
    amount: fenToInput(line.amount),
    description: line.description ?? "",
    count: line.count === undefined ? "" : String(line.count),
  }));
}

export function discountInputs(order: TServiceOrder): TModifyFormInput["discounts"] {
  return (order.post_discounts ?? []).map((line) => ({
    name: line.name ?? "",
    description: line.description ?? "",
    amount: fenToInput(line.amount ?? 0),
    count: line.count === undefined ? "" : String(line.count),
  }));
}

/**
 * A modify that lowers the first line carrying an amount by `lowerByFen` (default 1 元), keeping
 * every other line and discount: valid for any PAYING seed order whose lines carry amounts.
 */
export function lowerFirstLine(
  ref: OrderRef,
  outOrderNo: string,
  order: TServiceOrder,
  options: { lowerByFen?: number; reasonText?: string; internalNote?: string; key?: string } = {},
): TModifyFormInput {
  const payments = paymentInputs(order);
  const index = (order.post_payments ?? []).findIndex((line) => (line.amount ?? 0) > 0);
  const line = order.post_payments?.[index];
  const target = payments[index];
  if (!line || !target || line.amount === undefined) throw new Error(`order ${outOrderNo} has no line with an amount`);
  target.amount = fenToInput(Math.max(0, line.amount - (options.lowerByFen ?? 100)));
  return {
    profileId: profileIdOf(ref.mode),
    subMchid: ref.subMchid ?? "",
    outOrderNo,
    idempotencyKey: options.key ?? randomUUID(),
    basedOn: order,
    industry: ref.industry,
    payments,
    discounts: discountInputs(order),
    total: "",
    reasonCategory: "user_complaint",
    reasonText: options.reasonText ?? "房间空调故障，减免部分费用",
    internalNote: options.internalNote ?? "",
    device: { ...EMPTY_DEVICE },
  };
}

/** A hotel completion (one 酒店房费 line) over the order's own service times. */
export function completeHotel(
  ref: OrderRef,
  outOrderNo: string,
  order: TServiceOrder,
  options: { roomYuan?: string; description?: string; reasonText?: string; internalNote?: string; key?: string } = {},
): TCompleteFormInput {
  return {
    profileId: profileIdOf(ref.mode),
    subMchid: ref.subMchid ?? "",
    outOrderNo,
    idempotencyKey: options.key ?? randomUUID(),
    basedOn: order,
    industry: ref.industry,
    payments: [{ name: "酒店房费", amount: options.roomYuan ?? "300.00", description: options.description ?? "标准间一晚", count: "" }],
    discounts: [],
    total: "",
    startTime: payscoreTimeToLocalInput(order.time_range?.start_time),
    startTimeRemark: "",
    endTime: payscoreTimeToLocalInput(order.time_range?.end_time),
    endTimeRemark: "",
    startLocation: "",
    endLocation: "",
    profitSharing: false,
    completeTime: "",
    goodsTag: "",
    device: { ...EMPTY_DEVICE },
    reasonCategory: "other",
    reasonText: options.reasonText ?? "",
    internalNote: options.internalNote ?? "",
  };
}
