import { describe, expect, it } from "vitest";
import { ZServiceOrder } from "./order";

// The response example of seed 001 / [IM] serviceorder.md shape.
const order = {
  out_order_no: "1234323JKHDFE1243252",
  service_id: "2002000000000558128851361561536",
  appid: "wxd678efh567hg6787",
  mchid: "1230000109",
  service_introduction: "XX充电宝",
  state: "DOING",
  state_description: "MCH_COMPLETE",
  post_payments: [{ name: "就餐费用", amount: 40000, description: "就餐人均100元", count: 4 }],
  post_discounts: [{ name: "满20减1元", description: "不与其他优惠叠加", amount: 100, count: 2 }],
  risk_fund: { name: "ESTIMATE_ORDER_COST", amount: 10000, description: "就餐的预估费用" },
  total_amount: 39900,
  need_collection: true,
  collection: {
    state: "USER_PAYING",
    total_amount: 39900,
    paying_amount: 39900,
    paid_amount: 0,
    details: [
      {
        seq: 1,
        amount: 100,
        paid_type: "NEWTON",
        paid_time: "20091225091210",
        transaction_id: "15646546545165651651",
        promotion_detail: [{ coupon_id: "109519", amount: 5, goods_detail: [{ goods_id: "M1006" }] }],
      },
    ],
  },
  time_range: { start_time: "20091225091010", end_time: "20091225121010" },
  location: { start_location: "嗨客时尚主题展餐厅", end_location: "嗨客时尚主题展餐厅" },
  attach: "Easdfowealsdkjfnlaksjdlfkwqoi&wl3l2sald",
  notify_url: "https://api.test.com",
  order_id: "15646546545165651651",
};

describe("ZServiceOrder", () => {
  it("parses a full order", () => {
    const r = ZServiceOrder.parse(order);
    expect(r.state).toBe("DOING");
    expect(r.collection?.state).toBe("USER_PAYING");
    expect(r.risk_fund?.amount).toBe(10000);
  });

  it("keeps unknown extra fields (loose)", () => {
    const r = ZServiceOrder.parse({ ...order, sub_openid: "o1", brand_new_field: { x: 1 } });
    expect(r.sub_openid).toBe("o1");
    expect((r as Record<string, unknown>).brand_new_field).toEqual({ x: 1 });
  });

  it("partner/institution answers may lack appid", () => {
    const { appid: _a, ...rest } = order;
    expect(ZServiceOrder.safeParse({ ...rest, sub_mchid: "1900000109", channel_id: "1230000109" }).success).toBe(true);
  });

  it("refuses an unknown state, a missing state and a float amount", () => {
    expect(ZServiceOrder.safeParse({ ...order, state: "PAID" }).success).toBe(false);
    const { state: _s, ...noState } = order;
    expect(ZServiceOrder.safeParse(noState).success).toBe(false);
    expect(ZServiceOrder.safeParse({ ...order, total_amount: 399.5 }).success).toBe(false);
    expect(ZServiceOrder.safeParse({ ...order, risk_fund: { name: "OTHER", amount: 1 } }).success).toBe(false);
  });
});
