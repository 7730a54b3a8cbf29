// Shapes the sandbox keeps and answers with. The public part of a record (`order`) is exactly the
// Payscore order object of PAYSCORE_API §1.7 in the caller's mode (partner orders carry sub_mchid,
// institution orders channel_id); everything else on the record is sandbox bookkeeping that the
// real API keeps to itself (modify count, total at complete, the "deducting" flag, …).
import "server-only";
import type { IndustryId } from "@/lib/industries";

// Type aliases, not interfaces: they must be assignable to the loose zod types of lib/payscore/order.ts
// (an interface has no implicit index signature).

export type SandboxMode = "merchant" | "partner" | "institution";
export type SandboxOp = "query" | "modify" | "complete" | "cancel" | "sync";
/** Every endpoint the sandbox answers: the order operations and GET /v3/certificates. */
export type SandboxApiOp = SandboxOp | "certificates";

export const SANDBOX_MODES: readonly SandboxMode[] = ["merchant", "partner", "institution"];

export type PostPayment = {
  name: string;
  amount?: number;
  description?: string;
  count?: number;
};

export type PostDiscount = {
  name: string;
  description?: string;
  amount: number;
  count?: number;
};

export type RiskFundName = "DEPOSIT" | "ADVANCE" | "CASH_DEPOSIT" | "ESTIMATE_ORDER_COST";

export type RiskFund = {
  name: RiskFundName;
  amount: number;
  description?: string;
};

export type TimeRange = {
  start_time?: string;
  start_time_remark?: string;
  end_time?: string;
  end_time_remark?: string;
};

export type ServiceLocation = {
  start_location?: string;
  end_location?: string;
};

export type CollectionDetail = {
  seq: number;
  amount: number;
  paid_type: "NEWTON" | "MCH";
  /** yyyyMMddHHmmss, Beijing time. */
  paid_time: string;
  transaction_id: string;
};

export type Collection = {
  state: "USER_PAYING" | "USER_PAID";
  total_amount: number;
  paying_amount: number;
  paid_amount: number;
  details?: CollectionDetail[];
};

export type OrderState = "CREATED" | "DOING" | "DONE" | "REVOKED" | "EXPIRED";
export type OrderStateDescription = "USER_CONFIRM" | "MCH_COMPLETE";

/** The order object as the API returns it (PAYSCORE_API §1.7), per mode. */
export type ServiceOrderObject = {
  out_order_no: string;
  service_id: string;
  appid: string;
  mchid: string;
  /** Partner and institution modes. */
  sub_mchid?: string;
  sub_appid?: string;
  /** Institution mode. */
  channel_id?: string;
  service_introduction: string;
  state: OrderState;
  state_description?: OrderStateDescription;
  /** Absent only for 智慧零售 orders before complete (create sends no lines). */
  post_payments?: PostPayment[];
  post_discounts?: PostDiscount[];
  risk_fund: RiskFund;
  total_amount: number;
  need_collection: boolean;
  collection?: Collection;
  time_range?: TimeRange;
  location?: ServiceLocation;
  attach?: string;
  notify_url?: string;
  openid?: string;
  sub_openid?: string;
  order_id: string;
};

export interface SandboxOrderRecord {
  mode: SandboxMode;
  /** The caller's mchid: the merchant itself, the partner or the institution. */
  mchid: string;
  sub_mchid: string | null;
  industry: IndustryId;
  /** Successful modifies so far (partner mode allows one). */
  modifyCount: number;
  /** total_amount given at complete; institution modifies may not exceed it. Null before complete. */
  completeTotal: number | null;
  /** A deduction is running: modify answers 单据正在扣款中，请稍后再试. */
  deducting: boolean;
  /** Whether create sent time_range.end_time; if not, complete must send one. */
  createdWithEndTime: boolean;
  /** Epoch ms at which the sandbox marks the order paid (auto-pay), or null. */
  autoPayAt: number | null;
  /** When the merchant completed it (ISO), if the sandbox saw it; a sync's paid_time may not be earlier. */
  completedAt?: string;
  order: ServiceOrderObject;
  createdAt: string;
  updatedAt: string;
}

/** What an operation answers, before signing. `body` null → 204 No Content. */
export interface ApiAnswer {
  status: number;
  body: unknown;
}

export interface ApiErrorBody {
  code: string;
  message: string;
  detail?: Record<string, unknown>;
}
