// The complete form (完结订单), one schema for every mode: the same lines and discounts as modify,
// plus the service's real time range, locations, profit sharing, complete_time and goods_tag. The
// browser's datetime inputs ("2026-11-25T14:30", Beijing time) become the API's formats here:
// yyyyMMddHHmmss for time_range, ISO 8601 with +08:00 for complete_time. The server keeps only the
// fields the profile's mode takes (buildCompleteBody); the form shows only those.
import * as z from "zod/mini";
import type { IndustryId } from "../industries";
import { charLength, isAcceptableText } from "../text";
import type { TServiceOrder } from "../payscore/order";
import type { TDevice, TPostDiscount, TPostPayment } from "../payscore/fields";
import { expectedTotal } from "../payscore/rules";
import { INTERNAL_NOTE_MAX, type ReasonCategory } from "./reasons";
import { discountsFromInput, issueAdder, paymentsFromInput, yuanField } from "./amount-form";
import { OPERATION_FORM_FIELDS } from "./operation-form";
import { localInputToIso, localInputToPayscoreTime } from "./datetime-input";

// What the form also runs while it renders, without zod: the datetime conversions (./datetime-input)
// and the rules that need the order (./order-checks).
export { localInputToIso, localInputToPayscoreTime, payscoreTimeToLocalInput } from "./datetime-input";
export { checkCompleteAgainstOrder, type CompleteCheck } from "./order-checks";

export const ZCompleteFormInput = z.object({
  ...OPERATION_FORM_FIELDS,
  startTime: z.string(),
  startTimeRemark: z.string(),
  endTime: z.string(),
  endTimeRemark: z.string(),
  startLocation: z.string(),
  endLocation: z.string(),
  profitSharing: z.boolean(),
  completeTime: z.string(),
  goodsTag: z.string(),
});
export type TCompleteFormInput = z.input<typeof ZCompleteFormInput>;

export interface CompleteSubmission {
  profileId: string;
  subMchid: string | null;
  outOrderNo: string;
  idempotencyKey: string;
  basedOn: TServiceOrder;
  industry: IndustryId;
  post_payments: TPostPayment[];
  post_discounts: TPostDiscount[];
  total_amount: number;
  time_range?: { start_time?: string; start_time_remark?: string; end_time?: string; end_time_remark?: string };
  start_location?: string;
  end_location?: string;
  profit_sharing: boolean;
  complete_time?: string;
  goods_tag?: string;
  device: TDevice | undefined;
  reasonCategory: ReasonCategory;
  reasonText: string;
  internalNote: string | null;
}

const REASON_TEXT_MAX = 200;

// zod/mini spelling of `ZCompleteFormInput.transform(…)`: the transform runs only when the input parsed.
export const ZCompleteForm = z.pipe(
  ZCompleteFormInput,
  z.transform((input: z.output<typeof ZCompleteFormInput>, ctx): CompleteSubmission => {
    const addIssue = issueAdder(ctx);
    const post_payments = paymentsFromInput(input.payments, "payments", addIssue);
    const post_discounts = discountsFromInput(input.discounts, "discounts", addIssue);
    const computed = expectedTotal(post_payments, post_discounts);
    const total_amount = computed ?? yuanField(input.total, ["total"], addIssue) ?? 0;

    const time = (value: string, path: string): string | undefined => {
      if (value.trim() === "") return undefined;
      const converted = localInputToPayscoreTime(value);
      if (converted === null) addIssue([path], "invalid_time");
      return converted ?? undefined;
    };
    const text = (value: string) => (value.trim() === "" ? undefined : value.trim());
    const range = {
      start_time: time(input.startTime, "startTime"),
      start_time_remark: text(input.startTimeRemark),
      end_time: time(input.endTime, "endTime"),
      end_time_remark: text(input.endTimeRemark),
    };
    const time_range = Object.values(range).some((v) => v !== undefined)
      ? (Object.fromEntries(Object.entries(range).filter(([, v]) => v !== undefined)) as CompleteSubmission["time_range"])
      : undefined;
    let complete_time: string | undefined;
    if (input.completeTime.trim() !== "") {
      complete_time = localInputToIso(input.completeTime) ?? undefined;
      if (!complete_time) addIssue(["completeTime"], "invalid_time");
    }
    const reasonText = input.reasonText.trim();
    if (charLength(reasonText) > REASON_TEXT_MAX) addIssue(["reasonText"], "too_long", { max: REASON_TEXT_MAX });
    else if (!isAcceptableText(reasonText, "multi-line")) addIssue(["reasonText"], "invalid_characters");
    const note = input.internalNote.trim();
    if (charLength(note) > INTERNAL_NOTE_MAX) addIssue(["internalNote"], "too_long", { max: INTERNAL_NOTE_MAX });
    else if (!isAcceptableText(note, "multi-line")) addIssue(["internalNote"], "invalid_characters");
    const deviceEntries = Object.entries(input.device).filter(([, value]) => value.trim() !== "");

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
      time_range,
      start_location: text(input.startLocation),
      end_location: text(input.endLocation),
      profit_sharing: input.profitSharing,
      complete_time,
      goods_tag: text(input.goodsTag),
      device: deviceEntries.length > 0 ? (Object.fromEntries(deviceEntries.map(([k, v]) => [k, v.trim()])) as TDevice) : undefined,
      reasonCategory: input.reasonCategory,
      reasonText,
      internalNote: note === "" ? null : note,
    };
  }),
);
