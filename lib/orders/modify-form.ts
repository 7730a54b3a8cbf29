// The modify form (修改订单金额), one schema for every mode: the form's zodResolver and the server
// action both parse with ZModifyForm. Its output holds the lines in 分 and the composed reason; the
// mode's own fields (appid/service_id, sub_mchid, channel_id) come from the profile on the server,
// never from the browser. Rules that need the order (only lower, risk fund, partner limit) are in
// checkModifyAgainstOrder, run by the form live and by the server against a fresh query.
import * as z from "zod/mini";
import type { TServiceOrder } from "../payscore/order";
import type { TDevice, TPostDiscount, TPostPayment } from "../payscore/fields";
import { expectedTotal } from "../payscore/rules";
import { composeReason, type ReasonCategory } from "./reasons";
import { modifyTextFromInput } from "./modify-text";
import {
  discountsFromInput,
  issueAdder,
  paymentsFromInput,
  yuanField,
} from "./amount-form";
import type { IndustryId } from "../industries";
import { OPERATION_FORM_FIELDS } from "./operation-form";

// The rules that need the order run while the form renders: in ./order-checks, without zod.
export { checkModifyAgainstOrder, type ModifyCheck } from "./order-checks";

export const ZModifyFormInput = z.object(OPERATION_FORM_FIELDS);
export type TModifyFormInput = z.input<typeof ZModifyFormInput>;

export interface ModifySubmission {
  profileId: string;
  subMchid: string | null;
  outOrderNo: string;
  idempotencyKey: string;
  basedOn: TServiceOrder;
  industry: IndustryId;
  post_payments: TPostPayment[];
  post_discounts: TPostDiscount[];
  total_amount: number;
  reasonCategory: ReasonCategory;
  reasonText: string;
  reason: string;
  internalNote: string | null;
  device: TDevice | undefined;
}

// zod/mini spelling of `ZModifyFormInput.transform(…)`: the transform runs only when the input parsed.
export const ZModifyForm = z.pipe(
  ZModifyFormInput,
  z.transform((input: z.output<typeof ZModifyFormInput>, ctx): ModifySubmission => {
    const addIssue = issueAdder(ctx);
    const post_payments = paymentsFromInput(input.payments, "payments", addIssue);
    const post_discounts = discountsFromInput(input.discounts, "discounts", addIssue);
    const computed = expectedTotal(post_payments, post_discounts);
    const total_amount = computed ?? yuanField(input.total, ["total"], addIssue) ?? 0;

    const { reasonText, internalNote } = modifyTextFromInput(input, addIssue);

    const deviceEntries = Object.entries(input.device).filter(([, value]) => value.trim() !== "");
    const device = deviceEntries.length > 0 ? (Object.fromEntries(deviceEntries.map(([k, v]) => [k, v.trim()])) as TDevice) : undefined;

    return {
      profileId: input.profileId,
      subMchid: input.subMchid === "" ? null : input.subMchid,
      outOrderNo: input.outOrderNo,
      idempotencyKey: input.idempotencyKey,
      basedOn: input.basedOn,
      industry: input.industry,
      post_payments,
      post_discounts,
      total_amount,
      reasonCategory: input.reasonCategory,
      reasonText,
      reason: composeReason(input.reasonCategory, reasonText),
      internalNote,
      device,
    };
  }),
);
