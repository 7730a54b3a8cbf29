// Inputs of the review actions: one schema per action, parsed by the browser's form and again by the
// server action (runAction). A flag and the clearing of a flag need a comment; marking reviewed
// takes one or many rows (the page's "select all" is at most one page).
import * as z from "zod/mini";
import { INVALID_CHARACTERS, charLength, isAcceptableText } from "../text";
import { BULK_REVIEW_MAX, REVIEW_COMMENT_MAX } from "./states";
import { maxLength, minLength } from "@/lib/zod-length";

const ZTrailId = z.uuid();

const ZComment = z.string().check(
  z.trim(),
  minLength(1, { error: "commentRequired" }),
  z.refine((value) => charLength(value) <= REVIEW_COMMENT_MAX, { error: "commentTooLong" }),
  z.refine((value) => isAcceptableText(value, "multi-line"), { error: INVALID_CHARACTERS }),
);

export const ZMarkReviewed = z.object({
  trailIds: z.array(ZTrailId).check(minLength(1), maxLength(BULK_REVIEW_MAX)),
});
export type TMarkReviewedInput = z.input<typeof ZMarkReviewed>;

export const ZFlagChange = z.object({ trailId: ZTrailId, comment: ZComment });
export type TFlagChangeInput = z.input<typeof ZFlagChange>;
export type TFlagChange = z.output<typeof ZFlagChange>;

export const ZClearFlag = z.object({ trailId: ZTrailId, comment: ZComment });
export type TClearFlagInput = z.input<typeof ZClearFlag>;

/** What a review action answers: how many rows changed state, and which were left as they were. */
export interface ReviewActionResult {
  changed: string[];
  unchanged: string[];
}
