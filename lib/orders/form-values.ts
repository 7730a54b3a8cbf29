// The values both money forms start from (the lib/orders/operation-form.ts fields, reason aside):
// the order's lines seeded into the industry template, its total, a fresh idempotency key; and the
// device block as the confirmation lists it.
import type { IndustryId } from "../industries";
import type { TDevice } from "../payscore/fields";
import type { TServiceOrder } from "../payscore/order";
import { currentOrderTotal } from "../payscore/rules";
import type { PublicProfile } from "../profiles";
import { fenToInput } from "./amount-lines";
import { newIdempotencyKey } from "./idempotency";
import { seedDiscounts, seedPayments, variantOfLines } from "./template-lines";

/** The device block as the confirmation lists it: "start_device_id=POS-1，materiel_no=M-2". */
export function deviceText(device: TDevice): string {
  return Object.entries(device)
    .map(([key, value]) => `${key}=${value}`)
    .join("，");
}

/** The values both money forms start from (the lib/orders/operation-form.ts fields, reason aside). */
export function baseFormValues(
  profile: Pick<PublicProfile, "id">,
  subMchid: string | null,
  order: TServiceOrder,
  industry: IndustryId,
) {
  const seeded = seedPayments(industry, undefined, order.post_payments);
  const isZero = variantOfLines(industry, seeded.payments).totalMode === "zero";
  return {
    dropped: seeded.dropped,
    values: {
      profileId: profile.id,
      subMchid: subMchid ?? "",
      outOrderNo: order.out_order_no,
      idempotencyKey: newIdempotencyKey(),
      basedOn: order,
      industry,
      payments: seeded.payments,
      discounts: seedDiscounts(order.post_discounts),
      total: isZero ? "0.00" : fenToInput(currentOrderTotal(order)),
      reasonText: "",
      internalNote: "",
      device: { start_device_id: "", end_device_id: "", materiel_no: "" },
    },
  };
}
