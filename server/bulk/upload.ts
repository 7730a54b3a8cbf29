// An uploaded file becomes a batch: parsed authoritatively on the server (lib/bulk/file.ts, the same
// parser the upload page runs for instant feedback), stored as a batch in status `checking` with one
// row per line — parsed lines with their input, unparseable ones with their problems — and the dry
// run is queued (server/bulk/jobs.ts).
import "server-only";
import type { BulkParseResult, BulkRowCells, BulkRowInput, BulkRowProblem, BulkTargetLookup } from "@/lib/bulk/types";
import { bulkLookupFromProfiles, parseBulkFile } from "@/lib/bulk/file";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import type { Db } from "@/server/db";
import { bulkBatch, bulkRow } from "@/server/db/schema";
import type { Actor } from "@/server/orders/operation";
import { getProfiles, toPublicProfile } from "@/server/config/profiles";

/** What the parser needs to know of a profile / sub-merchant: the same lookup the upload page builds. */
export function bulkTargetLookup(): BulkTargetLookup {
  return bulkLookupFromProfiles(getProfiles().map(toPublicProfile));
}

/** The authoritative parse of an uploaded file. */
export function parseUpload(bytes: Uint8Array): BulkParseResult {
  return parseBulkFile(bytes, bulkTargetLookup());
}

/** Rows written per statement (10 000 rows in ~40 statements). */
const INSERT_CHUNK = 250;

export type StoreBatchResult = ActionResult<{ batchId: string }>;

/**
 * Stores a parsed file as a new batch (status `checking`). A refused file stores nothing and answers
 * INVALID_INPUT with the parser's reason (issues[0].code = the file error code, params as given).
 */
export async function storeBatch(db: Db, actor: Actor, fileName: string, parsed: BulkParseResult): Promise<StoreBatchResult> {
  if (!parsed.ok) {
    return fail({ code: "INVALID_INPUT", reason: parsed.error.code, issues: [{ path: ["file"], code: "invalid_value", params: { file: parsed.error.code, ...(parsed.error.params ?? {}) } }] });
  }
  const problemsByLine = new Map<number, BulkRowProblem[]>();
  for (const problem of parsed.problems) problemsByLine.set(problem.line, [...(problemsByLine.get(problem.line) ?? []), problem]);
  const inputs = new Map<number, BulkRowInput>(parsed.rows.map((row) => [row.line, row]));
  const cells = new Map<number, BulkRowCells>((parsed.raw ?? []).map((row) => [row.line, row.cells]));
  const lines = [...new Set([...inputs.keys(), ...problemsByLine.keys(), ...cells.keys()])].sort((a, b) => a - b);
  if (lines.length === 0) return fail({ code: "INVALID_INPUT", reason: "empty", issues: [{ path: ["file"], code: "invalid_value", params: { file: "empty" } }] });

  return db.transaction(async (tx) => {
    const [batch] = await tx
      .insert(bulkBatch)
      .values({ fileName, encoding: parsed.encoding, createdById: actor.id, createdByName: actor.name, createdByRole: actor.role, rowCount: lines.length })
      .returning({ id: bulkBatch.id });
    if (!batch) throw new Error("bulk: the batch was not stored");
    for (let start = 0; start < lines.length; start += INSERT_CHUNK) {
      await tx.insert(bulkRow).values(
        lines.slice(start, start + INSERT_CHUNK).map((line) => {
          const input = inputs.get(line) ?? null;
          const raw = cells.get(line) ?? null;
          return {
            batchId: batch.id,
            line,
            // An unparsed line still shows which order it names, as typed.
            profileId: input?.profileId ?? raw?.profileId.trim() ?? "",
            subMchid: input ? input.subMchid : raw?.subMchid.trim() || null,
            outOrderNo: input?.outOrderNo ?? raw?.outOrderNo.trim() ?? "",
            cells: raw,
            input,
            problems: problemsByLine.get(line) ?? [],
          };
        }),
      );
    }
    return ok({ batchId: batch.id });
  });
}
