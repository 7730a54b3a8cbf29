// The cancel (取消订单) and sync (同步订单: the user paid outside WeChat) forms, one schema each for
// every mode: the form's resolver and the server action parse with the same import. What the API
// needs from the profile (appid, service_id, sub_mchid, channel_id) never comes from the browser.
// Cancel: a reason category and text, composed into WeChat's `reason` (1–50 characters, Decision 19).
// Sync: when the user paid — a date and time, or only a day (yyyyMMdd: 00:00:00 that day, Decision 20),
// in Beijing time — and why the agent records it.
import * as z from "zod/mini";
import { ZServiceOrder, type TServiceOrder } from "../payscore/order";
import { ZOutOrderNo } from "../payscore/fields";
import { charLength, isAcceptableText } from "../text";
import { maxLength, minLength } from "../zod-length";
import { INTERNAL_NOTE_MAX, REASON_CATEGORIES, composeReason, reasonTextMax, type ReasonCategory } from "./reasons";
import { issueAdder } from "./amount-form";

const LIFECYCLE_FIELDS = {
  profileId: z.string().check(minLength(1)),
  subMchid: z.string(),
  outOrderNo: ZOutOrderNo,
  idempotencyKey: z.uuid(),
  /** The order as the form showed it; the server refuses when the real order differs. */
  basedOn: ZServiceOrder,
  reasonCategory: z.enum(REASON_CATEGORIES),
  reasonText: z.string().check(maxLength(1_000)),
  internalNote: z.string().check(maxLength(5_000)),
};

/** What cancel and sync submissions share (the server's WriteSubmission). */
export interface LifecycleSubmission {
  profileId: string;
  subMchid: string | null;
  outOrderNo: string;
  idempotencyKey: string;
  basedOn: TServiceOrder;
  reasonCategory: ReasonCategory;
  reasonText: string;
  internalNote: string | null;
}

type Base = z.output<z.ZodMiniObject<typeof LIFECYCLE_FIELDS>>;

function baseOf(input: Base, addIssue: ReturnType<typeof issueAdder>, reasonRequired: boolean): LifecycleSubmission {
  const reasonText = input.reasonText.trim();
  const max = reasonTextMax(input.reasonCategory);
  if (reasonRequired && reasonText === "") addIssue(["reasonText"], "required");
  else if (charLength(reasonText) > max) addIssue(["reasonText"], "too_long", { max });
  else if (!isAcceptableText(reasonText, "single-line")) addIssue(["reasonText"], "invalid_characters");
  const note = input.internalNote.trim();
  if (charLength(note) > INTERNAL_NOTE_MAX) addIssue(["internalNote"], "too_long", { max: INTERNAL_NOTE_MAX });
  else if (!isAcceptableText(note, "multi-line")) addIssue(["internalNote"], "invalid_characters");
  return {
    profileId: input.profileId,
    subMchid: input.subMchid === "" ? null : input.subMchid,
    outOrderNo: input.outOrderNo,
    idempotencyKey: input.idempotencyKey,
    basedOn: input.basedOn,
    reasonCategory: input.reasonCategory,
    reasonText,
    internalNote: note === "" ? null : note,
  };
}

export const ZCancelFormInput = z.object(LIFECYCLE_FIELDS);
export type TCancelFormInput = z.input<typeof ZCancelFormInput>;

export interface CancelSubmission extends LifecycleSubmission {
  /** WeChat's `reason`: "<category>：<text>", ≤ 50 characters. */
  reason: string;
}

export const ZCancelForm = z.pipe(
  ZCancelFormInput,
  z.transform((input: z.output<typeof ZCancelFormInput>, ctx): CancelSubmission => {
    const base = baseOf(input, issueAdder(ctx), true);
    return { ...base, reason: composeReason(base.reasonCategory, base.reasonText) };
  }),
);

export const ZSyncFormInput = z.object({
  ...LIFECYCLE_FIELDS,
  /** "2026-11-25T14:30" (a time) or "2026-11-25" (a day), Beijing time. */
  paidAt: z.optional(z.string().check(maxLength(32))),
});
export type TSyncFormInput = z.input<typeof ZSyncFormInput>;

export interface SyncSubmission extends LifecycleSubmission {
  /** yyyyMMddHHmmss, or yyyyMMdd for a day. */
  paidTime: string;
}

/** "2026-11-25T14:30[:05]" → "20261125143000[05]"; "2026-11-25" → "20261125"; null when neither. */
export function paidAtToPaidTime(value: string): string | null {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (day) return `${day[1]}${day[2]}${day[3]}`;
  const time = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  return time ? `${time[1]}${time[2]}${time[3]}${time[4]}${time[5]}${time[6] ?? "00"}` : null;
}

export const ZSyncForm = z.pipe(
  ZSyncFormInput,
  z.transform((input: z.output<typeof ZSyncFormInput>, ctx): SyncSubmission => {
    const addIssue = issueAdder(ctx);
    const base = baseOf(input, addIssue, false);
    const paidAt = input.paidAt ?? "";
    const paidTime = paidAtToPaidTime(paidAt);
    if (paidAt.trim() === "") addIssue(["paidAt"], "required");
    else if (paidTime === null) addIssue(["paidAt"], "invalid_time");
    return { ...base, paidTime: paidTime ?? "" };
  }),
);
