// The order page's "sandbox controls" (sandbox mode only): play the user's side of an order — the
// user confirms it, pays it, or the payment fails — so a newcomer can watch an order's whole life.
// One schema, used by the panel and re-checked by the server action.
import * as z from "zod/mini";
import { ZOutOrderNo } from "../payscore/fields";
import { minLength } from "../zod-length";

export const SANDBOX_USER_ACTIONS = ["confirm", "pay", "payment_failed"] as const;
export type SandboxUserAction = (typeof SANDBOX_USER_ACTIONS)[number];

export const ZSandboxUserAction = z.object({
  profileId: z.string().check(minLength(1)),
  subMchid: z.nullable(z.string().check(minLength(1))),
  outOrderNo: ZOutOrderNo,
  action: z.enum(SANDBOX_USER_ACTIONS),
});
export type TSandboxUserAction = z.input<typeof ZSandboxUserAction>;

/** Which of the user's moves the order allows now (what the sandbox itself would accept). */
export function sandboxActionsFor(order: { state: string; state_description?: string | null; collection?: { state?: string } | null }): Record<SandboxUserAction, boolean> {
  const paying = order.state === "DOING" && order.state_description === "MCH_COMPLETE" && order.collection?.state === "USER_PAYING";
  return { confirm: order.state === "CREATED", pay: paying, payment_failed: paying };
}
