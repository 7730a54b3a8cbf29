// SYNC (同步订单: the user paid outside WeChat) request bodies per mode (PAYSCORE_API.md §1.6,
// Decision 20). type is always "Order_Paid"; detail.paid_time is yyyyMMddHHmmss or yyyyMMdd (Beijing
// time; the short form means 00:00:00). Partner mode may also send detail.seq and detail.paid_amount.
import * as z from "zod/mini";
import { ZAppId, ZChannelId, ZFen, ZServiceId, ZSubMchid, zInt, zStrict, type TMode } from "./fields";
import { parseBeijingTime } from "./beijing-time";
import { encodeIssueMessage } from "./issues";

/** yyyyMMddHHmmss, or yyyyMMdd (that day at 00:00:00) → epoch ms; null when not a real time. */
export function paidTimeToMs(value: string): number | null {
  if (/^\d{8}$/.test(value)) return parseBeijingTime(`${value}000000`);
  return /^\d{14}$/.test(value) ? parseBeijingTime(value) : null;
}

export const ZPaidTime = z.string().check(
  z.maxLength(64),
  z.superRefine((value, ctx) => {
    if (paidTimeToMs(value) === null) ctx.addIssue({ code: "custom", message: encodeIssueMessage("invalid_time"), input: value });
  }),
);

export const ZSyncType = z.literal("Order_Paid");

export const ZSyncMerchantBody = zStrict({ appid: ZAppId, service_id: ZServiceId, type: ZSyncType, detail: zStrict({ paid_time: ZPaidTime }) });
export const ZSyncPartnerBody = zStrict({
  service_id: ZServiceId,
  sub_mchid: ZSubMchid,
  type: ZSyncType,
  detail: zStrict({ seq: z.optional(zInt(1, 100)), paid_time: ZPaidTime, paid_amount: z.optional(ZFen) }),
});
export const ZSyncInstitutionBody = zStrict({
  service_id: ZServiceId,
  sub_mchid: ZSubMchid,
  channel_id: z.optional(ZChannelId),
  type: ZSyncType,
  detail: zStrict({ paid_time: ZPaidTime }),
});
export type TSyncBody = z.infer<typeof ZSyncMerchantBody> | z.infer<typeof ZSyncPartnerBody> | z.infer<typeof ZSyncInstitutionBody>;

const SYNC_BODY_BY_MODE = { merchant: ZSyncMerchantBody, partner: ZSyncPartnerBody, institution: ZSyncInstitutionBody } as const;

export function syncBodySchema(mode: TMode): (typeof SYNC_BODY_BY_MODE)[TMode] {
  return SYNC_BODY_BY_MODE[mode];
}
