"use server";
// On-demand reconciliation from the UI: settle one trail row now, or every unsettled row older
// than the grace period. Anyone who may move money may ask; the answer is the evidence found.
import { z } from "zod";
import { fail, ok, type ActionResult } from "@/lib/actions/result";
import type { TrailStatus } from "@/server/db/schema";
import { getDb } from "@/server/db";
import { findTrailById } from "@/server/audit/trail";
import { reconcileRow } from "@/server/orders/reconcile";
import { reconcileNow } from "@/server/orders/reconciler";
import { runAction } from "./run-action";

const ZReconcileInput = z.strictObject({ trailId: z.uuid().optional() });

export async function reconcileAction(
  input: z.input<typeof ZReconcileInput>,
): Promise<ActionResult<{ examined: number; status?: TrailStatus }>> {
  return runAction("canModify", ZReconcileInput, input, async (_user, { trailId }) => {
    if (!trailId) {
      const summary = await reconcileNow({ includeRecent: false });
      return ok({ examined: summary.examined });
    }
    const db = await getDb();
    const row = await findTrailById(db, trailId);
    if (!row) return fail({ code: "NOT_FOUND" });
    if (row.status === "succeeded" || row.status === "failed") return ok({ examined: 0, status: row.status });
    const settled = await reconcileRow(db, row);
    return ok({ examined: 1, status: settled?.row.status ?? row.status });
  });
}
