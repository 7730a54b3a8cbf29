// The service order object as WeChat Pay returns it (query; merchant modify/complete/sync answers),
// PAYSCORE_API.md §1.7. Loose: fields we do not know are kept, so a newer API version does not break
// parsing, and lines are parsed without the request-side limits (we show what WeChat says).
import * as z from "zod/mini";
import { ZCollection, ZRiskFund } from "./fields";

export const ORDER_STATES = ["CREATED", "DOING", "DONE", "REVOKED", "EXPIRED"] as const;
export type TOrderState = (typeof ORDER_STATES)[number];
export const ORDER_STATE_DESCRIPTIONS = ["USER_CONFIRM", "MCH_COMPLETE"] as const;
export type TOrderStateDescription = (typeof ORDER_STATE_DESCRIPTIONS)[number];

export const ZOrderPostPayment = z.looseObject({
  name: z.string(),
  amount: z.optional(z.int()),
  description: z.optional(z.string()),
  count: z.optional(z.int()),
});
export type TOrderPostPayment = z.infer<typeof ZOrderPostPayment>;

export const ZOrderPostDiscount = z.looseObject({
  name: z.optional(z.string()),
  description: z.optional(z.string()),
  amount: z.optional(z.int()),
  count: z.optional(z.int()),
});
export type TOrderPostDiscount = z.infer<typeof ZOrderPostDiscount>;

export const ZOrderTimeRange = z.looseObject({
  start_time: z.optional(z.string()),
  end_time: z.optional(z.string()),
  start_time_remark: z.optional(z.string()),
  end_time_remark: z.optional(z.string()),
});

export const ZOrderLocation = z.looseObject({
  start_location: z.optional(z.string()),
  end_location: z.optional(z.string()),
});

export const ZServiceOrder = z.looseObject({
  out_order_no: z.string(),
  service_id: z.string(),
  appid: z.optional(z.string()),
  mchid: z.string(),
  sub_appid: z.optional(z.string()),
  sub_mchid: z.optional(z.string()),
  channel_id: z.optional(z.string()),
  service_introduction: z.string(),
  state: z.enum(ORDER_STATES),
  state_description: z.optional(z.enum(ORDER_STATE_DESCRIPTIONS)),
  post_payments: z.optional(z.array(ZOrderPostPayment)),
  post_discounts: z.optional(z.array(ZOrderPostDiscount)),
  risk_fund: z.optional(ZRiskFund),
  total_amount: z.optional(z.int()),
  need_collection: z.optional(z.boolean()),
  collection: z.optional(ZCollection),
  time_range: z.optional(ZOrderTimeRange),
  location: z.optional(ZOrderLocation),
  attach: z.optional(z.string()),
  notify_url: z.optional(z.string()),
  openid: z.optional(z.string()),
  sub_openid: z.optional(z.string()),
  order_id: z.optional(z.string()),
});
export type TServiceOrder = z.infer<typeof ZServiceOrder>;
