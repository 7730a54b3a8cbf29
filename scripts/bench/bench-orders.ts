// What the bench's sandbox child (sandbox-child.ts) and the bench process agree on.

/** The modifiable demo order the bench orders are copied from (1 night, 酒店房费 458.00 元, no discount). */
export const BENCH_TEMPLATE_ORDER = "DEMO-M-HOTEL-PAYING-1";
/** The line the child prints once it listens, followed by JSON `{ url, orders }`. */
export const READY_PREFIX = "BENCH-SANDBOX-READY ";
/** How many copies the child adds: 32 for the throughput workers, the rest for the other sections. */
export const BENCH_ORDER_COUNT = 48;

export function benchOrderNo(index: number): string {
  return `BENCH-M-HOTEL-${String(index + 1).padStart(3, "0")}`;
}

/** Which bench orders each section uses (each order is modified by one caller at a time). */
export const ORDER_POOLS = {
  throughput: { first: 0, count: 32 },
  modifyE2e: { first: 32, count: 8 },
  signedCallOurs: { first: 40, count: 1 },
  signedCallPlugin: { first: 41, count: 1 },
  signedCallNodeHttp: { first: 42, count: 1 },
  signedCallMinimalHttp: { first: 43, count: 1 },
  signedCallRawSocket: { first: 44, count: 1 },
} as const;

/** Bulk section (scripts/bench/bulk.ts): more copies of the same order, one per row of its batches. */
export const BULK_ORDER_COUNT = 4_000;

export function bulkOrderNo(index: number): string {
  return `BULK-M-HOTEL-${String(index + 1).padStart(5, "0")}`;
}
