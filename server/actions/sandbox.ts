"use server";
// The order page's sandbox controls: the user's side of an order, played by the sandbox's control
// API (server/sandbox/control.ts). Only when the console runs on its sandbox (no profiles file): with
// real profiles this action refuses everything, whoever calls it. Role: whoever may change orders.
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import type { SandboxUserAction } from "@/lib/sandbox/controls";
import { ZSandboxUserAction, type TSandboxUserAction } from "@/lib/sandbox/controls-schema";
import { isSandboxMode, sandboxUrl } from "@/server/env";
import { resolveTarget } from "@/server/orders/target";
import { runAction } from "./run-action";

export interface SandboxUserActionDone {
  action: SandboxUserAction;
  /** The order's state in the sandbox afterwards, e.g. "DOING / MCH_COMPLETE". */
  state: string;
  /** A notification is on its way to the console (confirm, pay). */
  notifies: boolean;
}

const TIMEOUT_MS = 5_000;

export async function sandboxUserAction(input: TSandboxUserAction): Promise<ActionResult<SandboxUserActionDone>> {
  return runAction("canModify", ZSandboxUserAction, input, async (_user, request) => {
    if (!isSandboxMode()) return fail({ code: "FORBIDDEN" });
    const target = resolveTarget(request.profileId, request.subMchid);
    if (!target) return fail({ code: "NOT_FOUND" });
    const selector = new URLSearchParams({ mode: target.profile.mode });
    if (target.subMerchant) selector.set("sub_mchid", target.subMerchant.sub_mchid);
    else selector.set("mchid", target.profile.mchid);
    const url = `${sandboxUrl()}/__sandbox/orders/${encodeURIComponent(request.outOrderNo)}/${request.action}?${selector}`;
    let response: Response;
    try {
      response = await fetch(url, { method: "POST", body: "{}", headers: { "Content-Type": "application/json" }, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch {
      return fail({ code: "UPSTREAM_ERROR", upstream: { kind: "network", code: "SANDBOX_UNREACHABLE", message: "", httpStatus: null, requestId: null, retryable: true } });
    }
    const body: unknown = await response.json().catch(() => null);
    if (response.status === 404) return fail({ code: "NOT_FOUND" });
    if (!response.ok) {
      const code = typeof body === "object" && body !== null && "code" in body && typeof body.code === "string" ? body.code : "SANDBOX_ERROR";
      const message = typeof body === "object" && body !== null && "message" in body && typeof body.message === "string" ? body.message : "";
      return fail({ code: code === "INVALID_ORDER_STATE" ? "STATE_NOT_ALLOWED" : "UPSTREAM_ERROR", upstream: { kind: "sandbox", code, message, httpStatus: response.status, requestId: null, retryable: false } });
    }
    // The control API answers { order: <the sandbox's record, the order under .order>, notification? }.
    const record = typeof body === "object" && body !== null && "order" in body && typeof body.order === "object" && body.order !== null ? body.order : null;
    const order = record && "order" in record && typeof record.order === "object" && record.order !== null ? record.order : null;
    const state = order && "state" in order && typeof order.state === "string" ? order.state : "";
    const description = order && "state_description" in order && typeof order.state_description === "string" ? ` / ${order.state_description}` : "";
    return ok({ action: request.action, state: `${state}${description}`, notifies: typeof body === "object" && body !== null && "notification" in body });
  });
}
