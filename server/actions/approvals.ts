"use server";
// Four-eyes actions. Approve and reject: supervisors (canApprove), never on their own request (the
// domain function checks it in the same statement that decides). Withdraw: the maker, while it waits.
import type { ActionResult } from "@/lib/actions/result";
import type { OperationSuccess } from "@/lib/orders/operation-result";
import { ZDecideRequest, ZRejectRequest, type TDecideRequestInput, type TRejectRequestInput } from "@/lib/approvals/actions";
import { getDb } from "@/server/db";
import { approveRequest, rejectRequest, withdrawRequest } from "@/server/approvals/requests";
import { runAction } from "./run-action";

function actorOf(user: { id: string; name: string; role: string }) {
  return { id: user.id, name: user.name, role: user.role };
}

export async function approveRequestAction(input: TDecideRequestInput): Promise<ActionResult<OperationSuccess>> {
  return runAction("canApprove", ZDecideRequest, input, async (user, data) => approveRequest(await getDb(), actorOf(user), data.trailId));
}

export async function rejectRequestAction(input: TRejectRequestInput): Promise<ActionResult<{ trailId: string }>> {
  return runAction("canApprove", ZRejectRequest, input, async (user, data) => rejectRequest(await getDb(), actorOf(user), data.trailId, data.comment));
}

export async function withdrawRequestAction(input: TDecideRequestInput): Promise<ActionResult<{ trailId: string }>> {
  return runAction("canModify", ZDecideRequest, input, async (user, data) => withdrawRequest(await getDb(), actorOf(user), data.trailId));
}
