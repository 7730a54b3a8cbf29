// The approval actions' inputs, one schema each, shared by the browser forms and the server actions.
// A rejection needs a comment (why, for the maker); zod/mini keeps the pages light.
import * as z from "zod/mini";
import { charLength, isAcceptableText } from "../text";
import { maxLength } from "../zod-length";
import { encodeIssueMessage } from "../payscore/issues";

export const DECISION_COMMENT_MAX = 500;

export const ZDecideRequest = z.object({ trailId: z.uuid() });
export type TDecideRequestInput = z.input<typeof ZDecideRequest>;

export const ZRejectRequest = z.object({
  trailId: z.uuid(),
  comment: z.string().check(
    maxLength(5_000),
    z.superRefine((value, ctx) => {
      const text = value.trim();
      if (text === "") ctx.addIssue({ code: "custom", message: encodeIssueMessage("required"), input: value });
      else if (charLength(text) > DECISION_COMMENT_MAX) ctx.addIssue({ code: "custom", message: encodeIssueMessage("too_long", { max: DECISION_COMMENT_MAX }), input: value });
      else if (!isAcceptableText(text, "multi-line")) ctx.addIssue({ code: "custom", message: encodeIssueMessage("invalid_characters"), input: value });
    }),
    z.overwrite((value) => value.trim()),
  ),
});
export type TRejectRequestInput = z.input<typeof ZRejectRequest>;
