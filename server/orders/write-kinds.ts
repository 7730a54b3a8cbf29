// Every write kind by its trail operation: what an approved request is carried out with.
import "server-only";
import type { WriteOperation } from "@/server/db/schema";
import { COMPLETE } from "./complete-order";
import { CANCEL, SYNC } from "./lifecycle-orders";
import { MODIFY } from "./modify-order";
import type { WriteKind, WriteSubmission } from "./operation";

// Each kind's own submission type is restored from the stored request input; the registry erases it.
export const WRITE_KINDS: Record<WriteOperation, WriteKind<WriteSubmission, unknown>> = {
  modify: MODIFY as unknown as WriteKind<WriteSubmission, unknown>,
  complete: COMPLETE as unknown as WriteKind<WriteSubmission, unknown>,
  cancel: CANCEL as unknown as WriteKind<WriteSubmission, unknown>,
  sync: SYNC as unknown as WriteKind<WriteSubmission, unknown>,
};
