// The sandbox of `npm run bench`, run as its own process so that the bench process counts only the
// client's CPU. Unlike `npm run sandbox` it keeps its orders in memory (no file rewritten per write:
// the "zero-latency" sandbox) and adds BENCH_ORDER_COUNT copies of a modifiable merchant hotel order
// (BENCH-M-HOTEL-001…, bench-orders.ts), so that every concurrent worker of the bench has an order of its own.
// Prints one line `BENCH-SANDBOX-READY {"url":…}` when it listens; stops on SIGTERM / SIGINT.
// Started by scripts/bench/harness.ts: node --conditions=react-server --import tsx scripts/bench/sandbox-child.ts
import "server-only";
import { dataPath, getEnv } from "@/server/env";
import { startSandbox } from "@/server/sandbox/server";
import type { SandboxOrderRecord } from "@/server/sandbox/types";
import { BENCH_ORDER_COUNT, BENCH_TEMPLATE_ORDER, BULK_ORDER_COUNT, READY_PREFIX, benchOrderNo, bulkOrderNo } from "./bench-orders";

function cloneOrder(template: SandboxOrderRecord, index: number, orderNo: (index: number) => string = benchOrderNo, idBase = 202_699_000_000_000): SandboxOrderRecord {
  const copy = structuredClone(template);
  copy.order.out_order_no = orderNo(index);
  copy.order.order_id = `1000000000${String(idBase + index)}`;
  return copy;
}

async function main(): Promise<void> {
  const count = BENCH_ORDER_COUNT;
  const sandbox = await startSandbox({
    port: getEnv().SANDBOX_PORT,
    host: "127.0.0.1",
    dataFile: null,
    keysDir: dataPath("sandbox", "keys"),
  });
  const template = sandbox.state.store.findByOutOrderNo(BENCH_TEMPLATE_ORDER).find((record) => record.mode === "merchant");
  if (!template) throw new Error(`the sandbox seed has no ${BENCH_TEMPLATE_ORDER}`);
  sandbox.state.store.putMany(Array.from({ length: count }, (_, index) => cloneOrder(template, index)));
  // The bulk section's orders: one per row of its batches.
  sandbox.state.store.putMany(Array.from({ length: BULK_ORDER_COUNT }, (_, index) => cloneOrder(template, index, bulkOrderNo, 202_698_000_000_000)));
  process.stdout.write(`${READY_PREFIX}${JSON.stringify({ url: sandbox.url, orders: count })}\n`);

  const stop = () => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error("[bench sandbox] failed to start", error);
  process.exit(1);
});
