// Fault injection for the Payscore endpoints (control API /__sandbox/faults). A fault applies to
// every matching request (global) or only to one out_order_no, optionally only to some operations,
// modes or a number of requests ("times"; `once: true` = 1). The operations are the order's and
// "certificates" (GET /v3/certificates, whose mode is the caller's). Kinds:
//   latency          hold the answer latencyMs (see latencyPhase below); the operation still runs
//   system_error     500 SYSTEM_ERROR, nothing done
//   rate_limited     429 FREQUENCY_LIMITED, nothing done
//   bad_signature    the usual answer, but Wechatpay-Signature does not verify
//   malformed_body   status 200, a correctly signed body that is not JSON
//   drop_connection  the socket is destroyed without an answer
//   unsigned_error   an error answer without any Wechatpay-* signature header (status/code/message
//                    settable, default 400 INVALID_ORDER_STATE): what a forging or stripping
//                    middlebox sends; with `commit: true` the operation was applied all the same
// bad_signature, malformed_body and drop_connection leave the order unchanged unless `commit: true`
// (then the operation is applied and only the answer is lost or damaged — what a client sees when
// the network fails after WeChat did the work).
// latencyPhase "after" (default): the operation is applied first and the answer is held, so a
// client killed while waiting finds the order already changed. "before": the request is held,
// then handled.
import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { maxLength, minLength } from "@/lib/zod-length";
import type { SandboxApiOp, SandboxMode } from "@/server/sandbox/types";

export const FAULT_KINDS = [
  "latency",
  "system_error",
  "rate_limited",
  "bad_signature",
  "malformed_body",
  "drop_connection",
  "unsigned_error",
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const ZFaultInput = z.strictObject({
  kind: z.enum(FAULT_KINDS),
  /** Only requests for this out_order_no; absent = every request. */
  out_order_no: z.string().check(minLength(1), maxLength(64)).optional(),
  ops: z.array(z.enum(["query", "modify", "complete", "cancel", "sync", "certificates"])).check(minLength(1)).optional(),
  modes: z.array(z.enum(["merchant", "partner", "institution"])).check(minLength(1)).optional(),
  /** Delay in ms: the whole point of "latency"; other kinds may add one too. */
  latencyMs: z.int().min(0).max(600_000).optional(),
  latencyPhase: z.enum(["before", "after"]).optional(),
  /** Number of matching requests the fault applies to, then it is removed. */
  times: z.int().min(1).max(1_000_000).optional(),
  once: z.boolean().optional(),
  /** bad_signature / malformed_body / drop_connection / unsigned_error: apply the operation anyway. */
  commit: z.boolean().optional(),
  /** unsigned_error: the answer's status and WeChat error code and message. */
  status: z.int().min(400).max(599).optional(),
  code: z.string().check(minLength(1), maxLength(64)).optional(),
  message: z.string().check(maxLength(200)).optional(),
});
export type FaultInput = z.infer<typeof ZFaultInput>;

export interface Fault {
  id: string;
  kind: FaultKind;
  out_order_no: string | null;
  ops: SandboxApiOp[] | null;
  modes: SandboxMode[] | null;
  latencyMs: number;
  latencyPhase: "before" | "after";
  /** Requests left; null = unlimited. */
  remaining: number | null;
  commit: boolean;
  /** unsigned_error only. */
  answer: { status: number; code: string; message: string } | null;
  hits: number;
  createdAt: string;
}

export interface FaultMatch {
  /** Total delay to apply (the largest latencyMs of the matching faults). */
  latencyMs: number;
  latencyPhase: "before" | "after";
  /** The failure to inject (first order-specific, then global), if any. */
  failure: Fault | null;
  applied: Fault[];
}

export class FaultRegistry {
  private faults: Fault[] = [];

  add(input: FaultInput): Fault {
    const fault: Fault = {
      id: randomUUID(),
      kind: input.kind,
      out_order_no: input.out_order_no ?? null,
      ops: input.ops ?? null,
      modes: input.modes ?? null,
      latencyMs: input.latencyMs ?? 0,
      latencyPhase: input.latencyPhase ?? "after",
      remaining: input.times ?? (input.once ? 1 : null),
      commit: input.commit ?? false,
      answer:
        input.kind === "unsigned_error"
          ? { status: input.status ?? 400, code: input.code ?? "INVALID_ORDER_STATE", message: input.message ?? "订单状态不正确" }
          : null,
      hits: 0,
      createdAt: new Date().toISOString(),
    };
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((fault) => fault.id !== id);
    return this.faults.length !== before;
  }

  clear(): void {
    this.faults = [];
  }

  /** Finds the faults for one request and counts them as used (a `times` fault may run out). */
  take(request: { op: SandboxApiOp; mode: SandboxMode | null; outOrderNo: string | null }): FaultMatch {
    const matching = this.faults.filter(
      (fault) =>
        (fault.out_order_no === null || fault.out_order_no === request.outOrderNo) &&
        (fault.ops === null || fault.ops.includes(request.op)) &&
        (fault.modes === null || (request.mode !== null && fault.modes.includes(request.mode))),
    );
    // Order-specific faults win over global ones.
    matching.sort((a, b) => Number(b.out_order_no !== null) - Number(a.out_order_no !== null));
    const failure = matching.find((fault) => fault.kind !== "latency") ?? null;
    const latencySources = matching.filter((fault) => fault.kind === "latency" || fault === failure);
    const applied = failure ? latencySources : matching;
    let latencyMs = 0;
    let latencyPhase: "before" | "after" = "after";
    for (const fault of latencySources) {
      if (fault.latencyMs > latencyMs) {
        latencyMs = fault.latencyMs;
        latencyPhase = fault.latencyPhase;
      }
    }
    for (const fault of applied) {
      fault.hits += 1;
      if (fault.remaining !== null) fault.remaining -= 1;
    }
    this.faults = this.faults.filter((fault) => fault.remaining === null || fault.remaining > 0);
    return { latencyMs, latencyPhase, failure, applied: applied.map((fault) => ({ ...fault })) };
  }
}
