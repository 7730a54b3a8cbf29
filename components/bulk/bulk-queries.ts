// The batch pages' reads through TanStack Query: the list of batches, one batch (polled about every
// second while it checks, waits for a worker or runs; more slowly while it waits for a decision or is
// paused, since someone else may act; not at all once it ended) and its rows (read when the page
// opens, again while the batch runs for the rows' outcomes, and whenever the batch's status changes).
// Polling stops in hidden tabs (the client's default).
import { queryOptions } from "@tanstack/react-query";
import type { BulkBatchRowView, BulkBatchStatus, BulkBatchView } from "@/lib/bulk/types";
import { queryKeys } from "@/lib/query-keys";
import { fetchValueJson } from "@/components/query/fetch-json";

const FAST_MS = 1_000;
const SLOW_MS = 4_000;
const ROWS_WHILE_RUNNING_MS = 4_000;
/** A big batch's rows (megabytes of JSON) are read again less often while it runs; the bar is live anyway. */
const BIG_ROWS_WHILE_RUNNING_MS = 15_000;
const BIG_BATCH_ROWS = 1_000;

export function batchPollMs(batch: Pick<BulkBatchView, "status" | "progress"> | undefined): number | false {
  switch (batch?.status) {
    case "checking":
    case "queued":
    case "running":
      return FAST_MS;
    case "awaiting_approval":
    case "paused":
      return SLOW_MS;
    case "cancelled":
      // A row in flight when the batch was cancelled still settles: until then, keep reading.
      return batch.progress.remaining > 0 ? FAST_MS : false;
    default:
      return false;
  }
}

/** A batch still moving: the list polls while one of its batches is. */
export function isBatchActive(batch: Pick<BulkBatchView, "status" | "progress">): boolean {
  return batchPollMs(batch) !== false;
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
    queryFn: ({ signal }) => fetchValueJson<BulkBatchView[]>(bulkApi.batches(), signal),
    initialData: initial,
    refetchInterval: (query) => (query.state.data?.some(isBatchActive) ? SLOW_MS : false),
  });
}

export function bulkBatchQuery(initial: BulkBatchView) {
  return queryOptions({
    queryKey: queryKeys.bulkBatch(initial.id),
    queryFn: ({ signal }) => fetchValueJson<BulkBatchView>(bulkApi.batch(initial.id), signal),
    initialData: initial,
    initialDataUpdatedAt: () => Date.now(),
    refetchInterval: (query) => batchPollMs(query.state.data),
  });
}

export function bulkRowsQuery(batchId: string, status: BulkBatchStatus) {
  return queryOptions({
    queryKey: queryKeys.bulkRows(batchId),
    queryFn: ({ signal }) => fetchValueJson<BulkBatchRowView[]>(bulkApi.rows(batchId), signal),
    // The preview of a batch that no longer changes is read once.
    staleTime: status === "running" || status === "queued" || status === "paused" ? ROWS_WHILE_RUNNING_MS : Infinity,
    refetchInterval: (query) => (status !== "running" ? false : (query.state.data?.length ?? 0) > BIG_BATCH_ROWS ? BIG_ROWS_WHILE_RUNNING_MS : ROWS_WHILE_RUNNING_MS),
    enabled: status !== "checking",
  });
}
