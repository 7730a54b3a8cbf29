// The service order object as WeChat Pay returns it (query; merchant modify/complete/sync answers),
// PAYSCORE_API.md §1.7. Loose: fields we do not know are kept, so a newer API version does not break
// parsing, and lines are parsed without the request-side limits (we show what WeChat says).
import { z } from "zod";
import { ZCollection, ZRiskFund } from "./fields";

export const ORDER_STATES = ["CREATED", "DOING", "DONE", "REVOKED", "EXPIRED"] as const;
export type TOrderState = (typeof ORDER_STATES)[number];
export const ORDER_STATE_DESCRIPTIONS = ["USER_CONFIRM", "MCH_COMPLETE"] as const;
export type TOrderStateDescription = (typeof ORDER_STATE_DESCRIPTIONS)[number];

export const ZOrderPostPayment = z.looseObject({
  name: z.string(),
  amount: z.int().optional(),
  description: z.string().optional(),
  count: z.int().optional(),
});
export type TOrderPostPayment = z.infer<typeof ZOrderPostPayment>;

export const ZOrderPostDiscount = z.looseObject({
  name: z.string().optional(),
  description: z.string().optional(),
  amount: z.int().optional(),
  count: z.int().optional(),
});
export type TOrderPostDiscount = z.infer<typeof ZOrderPostDiscount>;

export const ZOrderTimeRange = z.looseObject({
  start_time: z.string().optional(),
  end_time: z.string().optional(),
  start_time_remark: z.string().optional(),
  end_time_remark: z.string().optional(),
});

export const ZOrderLocation = z.looseObject({
  start_location: z.string().optional(),
  end_location: z.string().optional(),
});

export const ZServiceOrder = z.looseObject({
  out_order_no: z.string(),
  service_id: z.string(),
  appid: z.string().optional(),
  mchid: z.string(),
  sub_appid: z.string().optional(),
  sub_mchid: z.string().optional(),
  channel_id: z.string().optional(),
  service_introduction: z.string(),
  state: z.enum(ORDER_STATES),
  state_description: z.enum(ORDER_STATE_DESCRIPTIONS).optional(),
  post_payments: z.array(ZOrderPostPayment).optional(),
  post_discounts: z.array(ZOrderPostDiscount).optional(),
  risk_fund: ZRiskFund.optional(),
  total_amount: z.int().optional(),
  need_collection: z.boolean().optional(),
  collection: ZCollection.optional(),
  time_range: ZOrderTimeRange.optional(),
  location: ZOrderLocation.optional(),
  attach: z.string().optional(),
  notify_url: z.string().optional(),
  openid: z.string().optional(),
  sub_openid: z.string().optional(),
  order_id: z.string().optional(),
});
export type TServiceOrder = z.infer<typeof ZServiceOrder>;
