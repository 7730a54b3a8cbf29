// The bulk actions' inputs (server/actions/bulk.ts), shared by the bulk pages and the server: a batch
// by id; approval with an optional comment, rejection with a required one (the approvals' rules,
// lib/approvals/actions.ts); the upload's FormData with its "file".
import * as z from "zod/mini";
import { charLength, isAcceptableText } from "../text";
import { maxLength } from "../zod-length";
import { encodeIssueMessage } from "../payscore/issues";
import { DECISION_COMMENT_MAX, ZRejectRequest } from "../approvals/actions";

export const ZBatchId = z.object({ batchId: z.uuid() });
export type TBatchIdInput = z.input<typeof ZBatchId>;

/** An optional comment (trimmed; empty = none). */
const ZOptionalComment = z.pipe(
  z.optional(
    z.string().check(
      maxLength(5_000),
      z.superRefine((value, ctx) => {
        const text = value.trim();
        if (charLength(text) > DECISION_COMMENT_MAX) ctx.addIssue({ code: "custom", message: encodeIssueMessage("too_long", { max: DECISION_COMMENT_MAX }), input: value });
        else if (!isAcceptableText(text, "multi-line")) ctx.addIssue({ code: "custom", message: encodeIssueMessage("invalid_characters"), input: value });
      }),
    ),
  ),
  z.transform((value: string | undefined) => (value === undefined || value.trim() === "" ? null : value.trim())),
);

export const ZApproveBatch = z.object({ batchId: z.uuid(), comment: ZOptionalComment });
export type TApproveBatchInput = z.input<typeof ZApproveBatch>;

export const ZRejectBatch = z.object({ batchId: z.uuid(), comment: ZRejectRequest.shape.comment });
export type TRejectBatchInput = z.input<typeof ZRejectBatch>;

/** The upload: a FormData whose "file" is the CSV. */
export const ZUploadBulkFile = z.pipe(
  z.instanceof(FormData),
  z.transform((form: FormData, ctx) => {
    const file = form.get("file");
    if (!(file instanceof Blob) || file.size === 0) {
      ctx.issues.push({ code: "custom", path: ["file"], message: encodeIssueMessage("required"), input: file });
      return null;
    }
    return { file, fileName: file instanceof File && file.name !== "" ? file.name.slice(0, 255) : "upload.csv" };
  }),
);
export type TUploadBulkFileInput = z.input<typeof ZUploadBulkFile>;
