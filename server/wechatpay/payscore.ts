// Typed Payscore service-order operations (query, modify, complete) for the three modes. Each one
// parses its input with the lib/ schema of that operation and mode before anything is sent, and
// parses the answer with ZServiceOrder before returning it. Partner and institution modify/complete
// answer 204 (merchant mode 200 with the order, or 204: Decision 6); after a 204 the order is queried,
// and a failure of that query is returned beside the applied write, never thrown over it.
import "server-only";
import type * as z from "zod/mini";
import { cancelBodySchema } from "@/lib/payscore/cancel";
import { syncBodySchema } from "@/lib/payscore/sync";
import { completeBodySchema, type ZCompleteInstitutionBody, type ZCompleteMerchantBody, type ZCompletePartnerBody } from "@/lib/payscore/complete";
import { ZOutOrderNo, type TMode } from "@/lib/payscore/fields";
import { describeRuleIssueEn, formatIssuePath, ruleIssuesFromZod, type RuleIssue } from "@/lib/payscore/issues";
import { modifyBodySchema, type ZModifyInstitutionBody, type ZModifyMerchantBody, type ZModifyPartnerBody } from "@/lib/payscore/modify";
import { ZServiceOrder, type TServiceOrder } from "@/lib/payscore/order";
import { payscorePath, payscoreQueryPath } from "@/lib/payscore/paths";
import {
  queryByIdParamsSchema,
  type TQueryByIdParams,
  queryParamsSchema,
  type TQueryParams,
  type ZQueryInstitutionParams,
  type ZQueryMerchantParams,
  type ZQueryPartnerParams,
} from "@/lib/payscore/query";
import type { WechatPayClient, WechatPayResponse } from "./client";
import { WechatPayError } from "./errors";

export interface CallMeta {
  requestId: string | undefined;
  httpStatus: number;
  latencyMs: number;
}

export interface QueryServiceOrderResult extends CallMeta {
  order: TServiceOrder;
}

/** The write's own meta (requestId, httpStatus, latencyMs) plus, after a 204, the follow-up query's. */
export type ServiceOrderWriteResult =
  | (CallMeta & { order: TServiceOrder; requeried: false })
  | (CallMeta & { order: TServiceOrder; requeried: true; requery: CallMeta })
  /** The write succeeded (204) but the follow-up query failed: the change IS applied. */
  | (CallMeta & { order: null; requeried: true; requeryError: WechatPayError });

export type QueryServiceOrderInput =
  | { mode: "merchant"; params: z.input<typeof ZQueryMerchantParams> }
  | { mode: "partner"; params: z.input<typeof ZQueryPartnerParams> }
  | { mode: "institution"; params: z.input<typeof ZQueryInstitutionParams> };

/**
 * Values for the query after a 204 that the body may lack: partner modify has an optional service_id,
 * institution modify/complete an optional channel_id (Decision 10). Checked before the write is sent,
 * so a write is never sent that could not be followed by its query.
 */
export interface RequeryWith {
  service_id?: string;
  channel_id?: string;
}

export type ModifyServiceOrderInput =
  | { mode: "merchant"; outOrderNo: string; body: z.input<typeof ZModifyMerchantBody>; requeryWith?: RequeryWith }
  | { mode: "partner"; outOrderNo: string; body: z.input<typeof ZModifyPartnerBody>; requeryWith?: RequeryWith }
  | { mode: "institution"; outOrderNo: string; body: z.input<typeof ZModifyInstitutionBody>; requeryWith?: RequeryWith };

export type CompleteServiceOrderInput =
  | { mode: "merchant"; outOrderNo: string; body: z.input<typeof ZCompleteMerchantBody>; requeryWith?: RequeryWith }
  | { mode: "partner"; outOrderNo: string; body: z.input<typeof ZCompletePartnerBody>; requeryWith?: RequeryWith }
  | { mode: "institution"; outOrderNo: string; body: z.input<typeof ZCompleteInstitutionBody>; requeryWith?: RequeryWith };

/** Which part of the input a request_invalid error is about; its `detail.issues` paths are relative to it. */
export type InputPart = "params" | "out_order_no" | "body" | "requery";

export async function queryServiceOrder(client: WechatPayClient, input: QueryServiceOrderInput): Promise<QueryServiceOrderResult> {
  const params = parseInput(queryParamsSchema(input.mode), input.params, "params");
  return sendQuery(client, input.mode, params);
}

/**
 * An order by WeChat's order number (query_id = order_id, Decision 22). The answer must be that order:
 * its order_id is checked, as out_order_no is for a query by out_order_no.
 */
export async function queryServiceOrderById(client: WechatPayClient, input: { mode: TMode; params: TQueryByIdParams }): Promise<QueryServiceOrderResult> {
  const params = parseInput(queryByIdParamsSchema(input.mode), input.params, "params");
  const response = await client.request({ method: "GET", path: payscoreQueryPath(input.mode, params) });
  const parsed = ZServiceOrder.safeParse(response.body);
  if (response.status === 204 || !parsed.success || parsed.data.order_id !== params.query_id) {
    throw new WechatPayError({
      kind: "malformed_response",
      message: `Answer is not the order with order_id ${params.query_id}`,
      httpStatus: response.status,
      requestId: response.requestId,
    });
  }
  return { ...metaOf(response), order: parsed.data };
}

/** A write (modify or complete) checked and signed, not yet sent; `send()` sends it and reads the answer. */
export interface PreparedServiceOrderWrite {
  send(): Promise<ServiceOrderWriteResult>;
}

export async function modifyServiceOrder(client: WechatPayClient, input: ModifyServiceOrderInput): Promise<ServiceOrderWriteResult> {
  return prepareModifyServiceOrder(client, input).send();
}

/** Checks and signs the modify now (throws WechatPayError request_invalid); sends it on `send()`. */
export function prepareModifyServiceOrder(client: WechatPayClient, input: ModifyServiceOrderInput): PreparedServiceOrderWrite {
  return prepareFromInput(client, "modify", input);
}

export async function completeServiceOrder(client: WechatPayClient, input: CompleteServiceOrderInput): Promise<ServiceOrderWriteResult> {
  return prepareCompleteServiceOrder(client, input).send();
}

/** Checks and signs the complete now (throws WechatPayError request_invalid); sends it on `send()`. */
export function prepareCompleteServiceOrder(client: WechatPayClient, input: CompleteServiceOrderInput): PreparedServiceOrderWrite {
  return prepareFromInput(client, "complete", input);
}

export type WriteOp = "modify" | "complete" | "cancel" | "sync";

declare const checked: unique symbol;
/** A write body that passed its operation's and mode's lib/ schema: the only kind that can be sent. */
export type CheckedWriteBody = Record<string, unknown> & { readonly [checked]: true };

const WRITE_SCHEMAS: Record<WriteOp, (mode: TMode) => z.ZodMiniType> = {
  modify: modifyBodySchema,
  complete: completeBodySchema,
  cancel: cancelBodySchema,
  sync: syncBodySchema,
};

/** A cancel's 200 answer is the order's identity (Decision 19), not the order: it is read back, as after a 204. */
const ANSWERS_WITH_ORDER: Record<WriteOp, boolean> = { modify: true, complete: true, cancel: false, sync: true };

/**
 * The one parse of a write's body: by the lib/ schema of the operation and mode. Throws WechatPayError
 * request_invalid (with RuleIssues) when it does not pass; nothing is signed or sent for it.
 */
export function checkWriteBody(mode: TMode, op: WriteOp, body: unknown): CheckedWriteBody {
  return parseInput(WRITE_SCHEMAS[op](mode), body, "body") as CheckedWriteBody;
}

export interface ServiceOrderWrite {
  mode: TMode;
  op: WriteOp;
  outOrderNo: string;
  body: CheckedWriteBody;
  /** The query that reads the order back after a 204 (checked before the write is signed). */
  requery: TQueryParams;
}

/**
 * Checks out_order_no and the follow-up query, signs the write, and sends it on `send()`: a write is
 * never sent that could not be followed by its query.
 */
export function prepareServiceOrderWrite(client: WechatPayClient, write: ServiceOrderWrite): PreparedServiceOrderWrite {
  const outOrderNo = parseInput(ZOutOrderNo, write.outOrderNo, "out_order_no");
  const requeryParams = parseInput(queryParamsSchema(write.mode), write.requery, "requery");
  const prepared = client.prepare({ method: "POST", path: payscorePath(write.mode, write.op, outOrderNo), body: write.body });
  return {
    async send() {
      const response = await prepared.send();
      const meta = metaOf(response);
      if (response.status !== 204 && ANSWERS_WITH_ORDER[write.op]) {
        return { ...meta, order: parseOrder(response, outOrderNo, true), requeried: false };
      }
      if (response.status !== 204) checkAnsweredIdentity(response, outOrderNo);
      try {
        const { order, ...requery } = await sendQuery(client, write.mode, requeryParams);
        return { ...meta, order, requeried: true, requery };
      } catch (error) {
        if (!(error instanceof WechatPayError)) throw error;
        return { ...meta, order: null, requeried: true, requeryError: error };
      }
    },
  };
}

interface WriteBody {
  service_id?: string;
  appid?: string;
  sub_mchid?: string;
  channel_id?: string;
}

/** For callers that hold only a body (tests, the bench): the follow-up query from the body's identity. */
const REQUERY_FROM_BODY: Record<TMode, (outOrderNo: string, body: WriteBody, extra: RequeryWith | undefined) => Record<string, unknown>> = {
  merchant: (outOrderNo, body, extra) => ({ service_id: body.service_id ?? extra?.service_id, appid: body.appid, out_order_no: outOrderNo }),
  partner: (outOrderNo, body, extra) => ({ service_id: body.service_id ?? extra?.service_id, sub_mchid: body.sub_mchid, out_order_no: outOrderNo }),
  institution: (outOrderNo, body, extra) => ({
    service_id: body.service_id ?? extra?.service_id,
    sub_mchid: body.sub_mchid,
    channel_id: body.channel_id ?? extra?.channel_id,
    out_order_no: outOrderNo,
  }),
};

function prepareFromInput(
  client: WechatPayClient,
  op: WriteOp,
  input: { mode: TMode; outOrderNo: string; body: unknown; requeryWith?: RequeryWith },
): PreparedServiceOrderWrite {
  const outOrderNo = parseInput(ZOutOrderNo, input.outOrderNo, "out_order_no");
  const body = checkWriteBody(input.mode, op, input.body);
  const requery = parseInput(queryParamsSchema(input.mode), REQUERY_FROM_BODY[input.mode](outOrderNo, body as WriteBody, input.requeryWith), "requery");
  return prepareServiceOrderWrite(client, { mode: input.mode, op, outOrderNo, body, requery });
}

async function sendQuery(client: WechatPayClient, mode: TMode, params: TQueryParams): Promise<QueryServiceOrderResult> {
  const response = await client.request({ method: "GET", path: payscoreQueryPath(mode, params) });
  if (response.status === 204) {
    throw new WechatPayError({
      kind: "malformed_response",
      message: "Query answered 204 without an order",
      httpStatus: 204,
      requestId: response.requestId,
    });
  }
  return { ...metaOf(response), order: parseOrder(response, params.out_order_no, false) };
}

/** A 200 that is not the order (cancel): it must at least be about this order. */
function checkAnsweredIdentity(response: WechatPayResponse, outOrderNo: string): void {
  const body = response.body;
  const answered = typeof body === "object" && body !== null && "out_order_no" in body ? body.out_order_no : undefined;
  if (answered !== outOrderNo) {
    throw new WechatPayError({
      kind: "malformed_response",
      message: `Answer is for order ${String(answered)}, not ${outOrderNo}`,
      httpStatus: response.status,
      requestId: response.requestId,
      outcomeUnknown: true,
    });
  }
}

function parseOrder(response: WechatPayResponse, outOrderNo: string, isWrite: boolean): TServiceOrder {
  const parsed = ZServiceOrder.safeParse(response.body);
  if (!parsed.success) {
    throw new WechatPayError({
      kind: "malformed_response",
      message: "Answer is not a service order",
      httpStatus: response.status,
      requestId: response.requestId,
      // The write was accepted (2xx), only its answer is unreadable.
      outcomeUnknown: isWrite,
      detail: { issues: parsed.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message })) },
    });
  }
  if (parsed.data.out_order_no !== outOrderNo) {
    throw new WechatPayError({
      kind: "malformed_response",
      message: `Answer is for order ${parsed.data.out_order_no}, not ${outOrderNo}`,
      httpStatus: response.status,
      requestId: response.requestId,
      outcomeUnknown: isWrite,
    });
  }
  return parsed.data;
}

function metaOf(response: WechatPayResponse): CallMeta {
  return { requestId: response.requestId, httpStatus: response.status, latencyMs: response.latencyMs };
}

function parseInput<S extends z.ZodMiniType>(schema: S, value: unknown, part: InputPart): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  // A scalar part (out_order_no) has an empty issue path: name it, so messages say which field.
  const issues: RuleIssue[] = ruleIssuesFromZod(parsed.error.issues).map((issue) =>
    issue.path.length === 0 && part === "out_order_no" ? { ...issue, path: ["out_order_no"] } : issue,
  );
  const summary = issues
    .slice(0, 3)
    .map((issue) => describeRuleIssueEn(issue))
    .join("; ");
  throw new WechatPayError({
    kind: "request_invalid",
    message: `Invalid ${part}${summary ? `: ${summary}` : ""}${issues.length > 3 ? ` (+${issues.length - 3} more)` : ""}`,
    detail: { part, fields: issues.map((issue) => formatIssuePath(issue.path)) },
    issues,
  });
}
