"use client";
// The batch screen wired to the server actions of server/actions/bulk.ts (each checks the session and
// the role itself: the screen hiding a button is not the check).
import type { BulkBatchView } from "@/lib/bulk/types";
import {
  approveBulkBatchAction,
  cancelBulkBatchAction,
  pauseBulkBatchAction,
  rejectBulkBatchAction,
  resumeBulkBatchAction,
  submitBulkBatchAction,
} from "@/server/actions/bulk";
import { BulkBatchScreen, type BulkViewer } from "./bulk-batch-screen";
import type { BulkBatchActions } from "./bulk-decisions";

const ACTIONS: BulkBatchActions = {
  submit: submitBulkBatchAction,
  approve: approveBulkBatchAction,
  reject: rejectBulkBatchAction,
  pause: pauseBulkBatchAction,
  resume: resumeBulkBatchAction,
  cancel: cancelBulkBatchAction,
};

export function BulkBatchConnected(props: { initial: BulkBatchView; viewer: BulkViewer; profileLabels: Record<string, string> }) {
  return <BulkBatchScreen {...props} actions={ACTIONS} />;
}
