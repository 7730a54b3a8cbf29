// The order page's "sandbox controls" (sandbox mode only): play the user's side of an order — the
// user confirms it, pays it, or the payment fails — so a newcomer can watch an order's whole life.
// Zod-free (the order page loads it); the action's schema is ./controls-schema.ts.

export const SANDBOX_USER_ACTIONS = ["confirm", "pay", "payment_failed"] as const;
export type SandboxUserAction = (typeof SANDBOX_USER_ACTIONS)[number];


/** Which of the user's moves the order allows now (what the sandbox itself would accept). */
export function sandboxActionsFor(order: { state: string; state_description?: string | null; collection?: { state?: string } | null }): Record<SandboxUserAction, boolean> {
  const paying = order.state === "DOING" && order.state_description === "MCH_COMPLETE" && order.collection?.state === "USER_PAYING";
  return { confirm: order.state === "CREATED", pay: paying, payment_failed: paying };
}
