"use server";
// Server actions of the agent workspace. Each one: authenticate + authorise (runAction), parse the
// input with the lib/ form schema the browser used, call the domain function, return its result.
import { ZModifyForm, type TModifyFormInput } from "@/lib/orders/modify-form";
import { ZCompleteForm, type TCompleteFormInput } from "@/lib/orders/complete-form";
import type { ActionResult } from "@/lib/actions/result";
import type { OperationSuccess } from "@/lib/orders/operation-result";
import { getDb } from "@/server/db";
import { modifyOrder } from "@/server/orders/modify-order";
import { completeOrder } from "@/server/orders/complete-order";
import { ZCancelForm, ZSyncForm, type TCancelFormInput, type TSyncFormInput } from "@/lib/orders/lifecycle-forms";
import { cancelOrder, syncOrder } from "@/server/orders/lifecycle-orders";
import { runAction } from "./run-action";

function actorOf(user: { id: string; name: string; role: string }) {
  return { id: user.id, name: user.name, role: user.role };
}

export async function modifyOrderAction(input: TModifyFormInput): Promise<ActionResult<OperationSuccess>> {
  return runAction("canModify", ZModifyForm, input, async (user, submission) =>
    modifyOrder(await getDb(), actorOf(user), submission),
  );
}

export async function completeOrderAction(input: TCompleteFormInput): Promise<ActionResult<OperationSuccess>> {
  return runAction("canComplete", ZCompleteForm, input, async (user, submission) =>
    completeOrder(await getDb(), actorOf(user), submission),
  );
}

export async function cancelOrderAction(input: TCancelFormInput): Promise<ActionResult<OperationSuccess>> {
  return runAction("canModify", ZCancelForm, input, async (user, submission) => cancelOrder(await getDb(), actorOf(user), submission));
}

export async function syncOrderAction(input: TSyncFormInput): Promise<ActionResult<OperationSuccess>> {
  return runAction("canModify", ZSyncForm, input, async (user, submission) => syncOrder(await getDb(), actorOf(user), submission));
}
