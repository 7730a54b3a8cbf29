"use server";
// Server actions of the supervisor review. Each one: authenticate + authorise (runAction with
// canReview), parse the input with the lib/ schema the browser used, call the domain function.
import type { ActionResult } from "@/lib/actions/result";
import {
  ZClearFlag,
  ZFlagChange,
  ZMarkReviewed,
  type ReviewActionResult,
  type TClearFlagInput,
  type TFlagChangeInput,
  type TMarkReviewedInput,
} from "@/lib/review/review-actions";
import { getDb } from "@/server/db";
import { clearFlag, flagChange, markReviewed } from "@/server/review/review-changes";
import { runAction } from "./run-action";

function reviewerOf(user: { id: string; name: string; role: string }) {
  return { id: user.id, name: user.name, role: user.role };
}

export async function markReviewedAction(input: TMarkReviewedInput): Promise<ActionResult<ReviewActionResult>> {
  return runAction("canReview", ZMarkReviewed, input, async (user, data) => markReviewed(await getDb(), reviewerOf(user), data.trailIds));
}

export async function flagChangeAction(input: TFlagChangeInput): Promise<ActionResult<ReviewActionResult>> {
  return runAction("canReview", ZFlagChange, input, async (user, data) => flagChange(await getDb(), reviewerOf(user), data.trailId, data.comment));
}

export async function clearFlagAction(input: TClearFlagInput): Promise<ActionResult<ReviewActionResult>> {
  return runAction("canReview", ZClearFlag, input, async (user, data) => clearFlag(await getDb(), reviewerOf(user), data.trailId, data.comment));
}
