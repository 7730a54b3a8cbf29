// The three API modes in one table — everything an operation needs to know about a mode, looked up
// once (no `switch (mode)` anywhere else on the money path):
//   identity   the fields a body carries from the profile (never from the browser): merchant appid +
//              service_id; partner service_id + sub_mchid; institution service_id + sub_mchid +
//              channel_id (optional, Decision 10);
//   query      the query parameters that read the order back (institution needs channel_id);
//   writes     which optional parts each write kind takes in this mode (merchant complete: only the
//              end location and no complete_time; institution: no device);
//   answer     what a successful write answers: merchant 200 with the order (a 204 is accepted too,
//              Decision 6), partner and institution 204 — after which the order is queried.
// The paths per mode are lib/payscore/paths.ts (shared with the sandbox, since they are signed).
import "server-only";
import type { TMode } from "@/lib/payscore/fields";
import type { TQueryParams } from "@/lib/payscore/query";
import type { CompleteSubmission } from "@/lib/orders/complete-form";
import type { ModifySubmission } from "@/lib/orders/modify-form";
import type { OrderTarget } from "./target";

type Body = Record<string, unknown>;

export interface ModeAdapter {
  mode: TMode;
  identity(target: OrderTarget): Body;
  query(target: OrderTarget, outOrderNo: string): TQueryParams;
  /** The mode's own parts of a modify body (after identity and amounts). */
  modifyExtras(submission: ModifySubmission): Body;
  /** The mode's own parts of a complete body. */
  completeExtras(submission: CompleteSubmission): Body;
  /** "order": a write answers with the order; "none": it answers 204 and the order is queried after. */
  writeAnswer: "order" | "none";
}

function present<T>(key: string, value: T | undefined | null | false): Body {
  return value === undefined || value === null || value === false || value === "" ? {} : { [key]: value };
}

function locationOf(s: CompleteSubmission): Body {
  const location = { ...present("start_location", s.start_location), ...present("end_location", s.end_location) };
  return Object.keys(location).length > 0 ? { location } : {};
}

const completeTail = (s: CompleteSubmission): Body => ({ ...present("profit_sharing", s.profit_sharing), ...present("goods_tag", s.goods_tag) });

export const MODE_ADAPTERS: Readonly<Record<TMode, ModeAdapter>> = {
  merchant: {
    mode: "merchant",
    identity: ({ profile }) => ({ appid: profile.appid, service_id: profile.service_id }),
    query: ({ profile }, outOrderNo) => ({ service_id: profile.service_id, appid: profile.appid ?? "", out_order_no: outOrderNo }),
    modifyExtras: (s) => present("device", s.device),
    completeExtras: (s) => ({
      ...(s.end_location ? { location: { end_location: s.end_location } } : {}),
      ...completeTail(s),
      ...present("device", s.device),
    }),
    writeAnswer: "order",
  },
  partner: {
    mode: "partner",
    identity: ({ profile, subMerchant }) => ({ service_id: profile.service_id, sub_mchid: subMerchant?.sub_mchid }),
    query: ({ profile, subMerchant }, outOrderNo) => ({ service_id: profile.service_id, sub_mchid: subMerchant?.sub_mchid ?? "", out_order_no: outOrderNo }),
    modifyExtras: (s) => present("device", s.device),
    completeExtras: (s) => ({ ...locationOf(s), ...completeTail(s), ...present("complete_time", s.complete_time), ...present("device", s.device) }),
    writeAnswer: "none",
  },
  institution: {
    mode: "institution",
    identity: ({ profile, subMerchant }) => ({ service_id: profile.service_id, sub_mchid: subMerchant?.sub_mchid, ...present("channel_id", profile.channel_id) }),
    query: ({ profile, subMerchant }, outOrderNo) => ({
      service_id: profile.service_id,
      sub_mchid: subMerchant?.sub_mchid ?? "",
      channel_id: profile.channel_id ?? "",
      out_order_no: outOrderNo,
    }),
    modifyExtras: () => ({}),
    completeExtras: (s) => ({ ...locationOf(s), ...completeTail(s), ...present("complete_time", s.complete_time) }),
    writeAnswer: "none",
  },
};

export function adapterOf(target: OrderTarget): ModeAdapter {
  return MODE_ADAPTERS[target.profile.mode];
}
