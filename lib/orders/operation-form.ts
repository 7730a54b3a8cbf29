// The fields both money forms (modify and complete) share: which order, from which identity, based on
// which snapshot, the lines and discounts as typed, and the reason. Each form's schema spreads this
// shape and adds its own fields.
import * as z from "zod/mini";
import { INDUSTRY_IDS } from "../industries";
import { ZServiceOrder } from "../payscore/order";
import { ZOutOrderNo } from "../payscore/fields";
import { REASON_CATEGORIES } from "./reasons";
import { ZDiscountLineInput, ZPaymentLineInput } from "./amount-form";
import { maxLength, minLength } from "@/lib/zod-length";

const ZDeviceInput = z.object({
  start_device_id: z.string(),
  end_device_id: z.string(),
  materiel_no: z.string(),
});

export const OPERATION_FORM_FIELDS = {
  profileId: z.string().check(minLength(1)),
  subMchid: z.string(),
  outOrderNo: ZOutOrderNo,
  idempotencyKey: z.uuid(),
  /** The order as the form showed it; the server refuses when the real order differs. */
  basedOn: ZServiceOrder,
  industry: z.enum(INDUSTRY_IDS),
  payments: z.array(ZPaymentLineInput).check(maxLength(100)),
  discounts: z.array(ZDiscountLineInput).check(maxLength(30)),
  /** 元; used only where no payment line carries an amount. */
  total: z.string(),
  device: ZDeviceInput,
  reasonCategory: z.enum(REASON_CATEGORIES),
  reasonText: z.string(),
  internalNote: z.string(),
};
