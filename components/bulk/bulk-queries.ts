// The batch pages' reads through TanStack Query: the list of batches, one batch (polled about every
// second while it checks, waits for a worker or runs; more slowly while it waits for a decision or is
// paused, since someone else may act; not at all once it ended) and its rows (read when the page
// opens, again while the batch runs for the rows' outcomes, and whenever the batch's status changes).
// Polling stops in hidden tabs (the client's default).
import { queryOptions } from "@tanstack/react-query";
import type { BulkBatchRowView, BulkBatchStatus, BulkBatchView } from "@/lib/bulk/types";
import { queryKeys } from "@/lib/query-keys";
import { fetchJson } from "@/components/query/fetch-json";

const FAST_MS = 1_000;
const SLOW_MS = 4_000;
const ROWS_WHILE_RUNNING_MS = 4_000;

export function batchPollMs(status: BulkBatchStatus | undefined): number | false {
  switch (status) {
    case "checking":
    case "queued":
    case "running":
      return FAST_MS;
    case "awaiting_approval":
    case "paused":
      return SLOW_MS;
    default:
      return false;
  }
}

/** A batch still moving: the list polls while one of its batches is. */
export function isBatchActive(status: BulkBatchStatus): boolean {
  return batchPollMs(status) !== false;
}

export const bulkApi = {
  batches: () => "/api/bulk/batches",
  batch: (batchId: string) => `/api/bulk/batches/${encodeURIComponent(batchId)}`,
  rows: (batchId: string) => `/api/bulk/batches/${encodeURIComponent(batchId)}/rows`,
  errorsCsv: (batchId: string, lang: "zh" | "en") => `/api/bulk/batches/${encodeURIComponent(batchId)}/errors.csv?lang=${lang}`,
  resultsCsv: (batchId: string, lang: "zh" | "en") => `/api/bulk/batches/${encodeURIComponent(batchId)}/results.csv?lang=${lang}`,
};

export function bulkBatchesQuery(initial: BulkBatchView[]) {
  return queryOptions({
    queryKey: queryKeys.bulkBatches(),
    queryFn: async ({ signal }) => (await fetchJson<{ ok: true; batches: BulkBatchView[] }>(bulkApi.batches(), signal)).batches,
    initialData: initial,
    refetchInterval: (query) => (query.state.data?.some((batch) => isBatchActive(batch.status)) ? SLOW_MS : false),
  });
}

export function bulkBatchQuery(initial: BulkBatchView) {
  return queryOptions({
    queryKey: queryKeys.bulkBatch(initial.id),
    queryFn: async ({ signal }) => (await fetchJson<{ ok: true; batch: BulkBatchView }>(bulkApi.batch(initial.id), signal)).batch,
    initialData: initial,
    initialDataUpdatedAt: () => Date.now(),
    refetchInterval: (query) => batchPollMs(query.state.data?.status),
  });
}

export function bulkRowsQuery(batchId: string, status: BulkBatchStatus) {
  return queryOptions({
    queryKey: queryKeys.bulkRows(batchId),
    queryFn: async ({ signal }) => (await fetchJson<{ ok: true; rows: BulkBatchRowView[] }>(bulkApi.rows(batchId), signal)).rows,
    // The preview of a batch that no longer changes is read once.
    staleTime: status === "running" || status === "queued" || status === "paused" ? ROWS_WHILE_RUNNING_MS : Infinity,
    refetchInterval: status === "running" ? ROWS_WHILE_RUNNING_MS : false,
    enabled: status !== "checking",
  });
}
