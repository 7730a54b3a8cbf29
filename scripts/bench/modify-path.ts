// Bench sections "modify-e2e" and "throughput": the server's modify operation path, as the server
// action runs it after the session check — ZModifyForm validation → modifyOrder (API body schema,
// rules, re-query of the order, trail intent with it, signed call, verified answer, trail result) —
// on PGlite in a folder (the app's default) and, when TEST_DATABASE_URL's server answers, on a fresh
// PostgreSQL database, against the zero-latency sandbox in another process. Each call lowers a
// bench order's room line by 1 fen; each order is modified by one caller at a time, based on the
// order its last call returned.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import type { TServiceOrder } from "@/lib/payscore/order";
import type { TModifyFormInput } from "@/lib/orders/modify-form";
import type { TestDatabase } from "@/server/db/testing";
import { benchOrderNo, ORDER_POOLS } from "./bench-orders";
import { benchSandbox, prepareBenchEnvironment } from "./harness";
import { rowsResult, type BenchRow } from "./rows";
import { percentile, type BenchOptions, type BenchResult, type BenchSection } from "./support";

const ACTOR = { id: "bench-agent", name: "压测客服", role: "agent" };
const P99_TARGET_MS = 15;
/** Calls per database before measuring. */
const WARMUP_CALLS = 150;

interface Modules {
  ZModifyForm: typeof import("@/lib/orders/modify-form").ZModifyForm;
  modifyOrder: typeof import("@/server/orders/modify-order").modifyOrder;
  resolveTarget: typeof import("@/server/orders/target").resolveTarget;
  queryOrder: typeof import("@/server/orders/target").queryOrder;
  fenToInput: typeof import("@/lib/orders/amount-form").fenToInput;
}

async function loadModules(): Promise<Modules> {
  await prepareBenchEnvironment();
  await benchSandbox();
  return {
    ZModifyForm: (await import("@/lib/orders/modify-form")).ZModifyForm,
    modifyOrder: (await import("@/server/orders/modify-order")).modifyOrder,
    resolveTarget: (await import("@/server/orders/target")).resolveTarget,
    queryOrder: (await import("@/server/orders/target")).queryOrder,
    fenToInput: (await import("@/lib/orders/amount-form")).fenToInput,
  };
}

interface Database {
  label: string;
  handle: TestDatabase;
}

/**
 * PGlite in a folder on disk, as the app runs it by default (not in memory), plus PostgreSQL when
 * reachable (a fresh database, dropped by dispose).
 */
async function openDatabases(notes: string[]): Promise<Database[]> {
  const { createDb } = await import("@/server/db");
  const { createTestPostgres, probeTestPostgres } = await import("@/server/db/testing");
  const { tempRoot } = await prepareBenchEnvironment();
  const folder = mkdtempSync(path.join(tempRoot, "pglite-"));
  const pglite = await createDb(folder);
  const databases: Database[] = [
    {
      label: "PGlite",
      handle: {
        ...pglite,
        async dispose() {
          await pglite.close();
          rmSync(folder, { recursive: true, force: true });
        },
      },
    },
  ];
  const postgres = await probeTestPostgres();
  if (postgres.available) databases.push({ label: "PostgreSQL", handle: await createTestPostgres() });
  else notes.push(`PostgreSQL not reachable, only PGlite measured: ${postgres.reason}`);
  return databases;
}

async function closeDatabases(databases: Database[]): Promise<void> {
  for (const database of databases) await database.handle.dispose();
}

/** One modify through the operation path; the orders' current state is kept between calls. */
class ModifyDriver {
  private readonly orders = new Map<string, TServiceOrder>();
  errors = 0;
  lastError = "";

  constructor(private readonly m: Modules) {}

  private async current(outOrderNo: string): Promise<TServiceOrder> {
    const known = this.orders.get(outOrderNo);
    if (known) return known;
    const target = this.m.resolveTarget("demo-merchant", null);
    if (!target) throw new Error("bench: no demo merchant profile");
    const { order } = await this.m.queryOrder(target, outOrderNo);
    this.orders.set(outOrderNo, order);
    return order;
  }

  /** What the agent's browser submits: the order's lines with the room line 0.01 元 lower. */
  private input(order: TServiceOrder): TModifyFormInput {
    const payments = (order.post_payments ?? []).map((line) => ({
      name: line.name,
      amount: this.m.fenToInput(line.amount),
      description: line.description ?? "",
      count: line.count === undefined ? "" : String(line.count),
    }));
    const roomIndex = (order.post_payments ?? []).findIndex((line) => line.name === "酒店房费" && (line.amount ?? 0) > 0);
    const room = order.post_payments?.[roomIndex];
    const roomInput = payments[roomIndex];
    if (!room || room.amount === undefined || !roomInput) throw new Error(`bench: ${order.out_order_no} has no room line left to lower`);
    roomInput.amount = this.m.fenToInput(room.amount - 1);
    return {
      profileId: "demo-merchant",
      subMchid: "",
      outOrderNo: order.out_order_no,
      idempotencyKey: randomUUID(),
      basedOn: order,
      industry: "hotel",
      payments,
      discounts: (order.post_discounts ?? []).map((line) => ({
        name: line.name ?? "",
        description: line.description ?? "",
        amount: this.m.fenToInput(line.amount),
        count: line.count === undefined ? "" : String(line.count),
      })),
      total: "",
      reasonCategory: "user_complaint",
      reasonText: "房间空调故障，减免部分房费",
      internalNote: "",
      device: { start_device_id: "", end_device_id: "", materiel_no: "" },
    };
  }

  /** Milliseconds of the server's part (validation → trail result), or null when the modify failed. */
  async modify(db: TestDatabase["db"], outOrderNo: string): Promise<number | null> {
    const input = this.input(await this.current(outOrderNo));
    const started = performance.now();
    const parsed = this.m.ZModifyForm.safeParse(input);
    if (!parsed.success) throw new Error(`bench: ZModifyForm refused the bench input: ${parsed.error.message}`);
    const result = await this.m.modifyOrder(db, ACTOR, parsed.data);
    const ms = performance.now() - started;
    if (result.ok && result.data.order) {
      this.orders.set(outOrderNo, result.data.order);
      return ms;
    }
    this.errors += 1;
    this.lastError = result.ok ? "no order in the answer" : JSON.stringify(result.error).slice(0, 300);
    this.orders.delete(outOrderNo); // re-query before the next call
    return null;
  }
}

function latencyStats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    mean: sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length),
  };
}

export const modifyE2eSection: BenchSection = {
  name: "modify-e2e",
  description: `modify operation path on the server (ZModifyForm → re-query → trail intent → signed call → verify → trail), p50/p99 (target p99 ≤ ${P99_TARGET_MS} ms)`,
  async run(options: BenchOptions): Promise<BenchResult> {
    const m = await loadModules();
    const notes: string[] = [];
    const databases = await openDatabases(notes);
    try {
      const driver = new ModifyDriver(m);
      const pool = Array.from({ length: ORDER_POOLS.modifyE2e.count }, (_, i) => benchOrderNo(ORDER_POOLS.modifyE2e.first + i));
      const total = options.quick ? 100 : 300;
      const batch = 50;
      const samples = new Map<string, number[]>(databases.map((d) => [d.label, []]));
      const cpuUs = new Map<string, number>(databases.map((d) => [d.label, 0]));
      let next = 0;
      const orderFor = () => pool[next++ % pool.length] as string;
      // Warm-up per database (JIT, PGlite's WebAssembly tiering up, prepared statements,
      // connections): the figures are of a server that has been running, not of its first calls.
      const warmup = options.quick ? 30 : WARMUP_CALLS;
      for (const database of databases) for (let i = 0; i < warmup; i++) await driver.modify(database.handle.db, orderFor());
      driver.errors = 0;
      // Batches alternate between the databases, so both see the same machine.
      for (let done = 0; done < total; done += batch) {
        for (const database of databases) {
          const list = samples.get(database.label) as number[];
          const cpu = process.cpuUsage();
          for (let i = 0; i < batch; i++) {
            const ms = await driver.modify(database.handle.db, orderFor());
            if (ms !== null) list.push(ms);
          }
          const used = process.cpuUsage(cpu);
          cpuUs.set(database.label, (cpuUs.get(database.label) ?? 0) + used.user + used.system);
        }
      }
      const rows: BenchRow[] = [];
      const stats: Record<string, ReturnType<typeof latencyStats>> = {};
      for (const database of databases) {
        const s = latencyStats(samples.get(database.label) as number[]);
        stats[database.label] = s;
        rows.push({ section: "modify-e2e", metric: `${database.label}: p50`, value: s.p50, unit: "ms" });
        rows.push({
          section: "modify-e2e",
          metric: `${database.label}: p99 (${s.n} calls)`,
          value: s.p99,
          unit: "ms",
          ratio: s.p99 / P99_TARGET_MS,
          target: `≤ ${P99_TARGET_MS} ms`,
          pass: s.p99 <= P99_TARGET_MS,
        });
        rows.push({ section: "modify-e2e", metric: `${database.label}: max`, value: s.max, unit: "ms" });
        rows.push({
          section: "modify-e2e",
          metric: `${database.label}: app-process CPU per modify (2 signed calls: query + modify)`,
          value: (cpuUs.get(database.label) ?? 0) / 1000 / Math.max(1, s.n),
          unit: "ms",
        });
      }
      rows.push({ section: "modify-e2e", metric: "failed modifies (should be 0)", value: driver.errors, unit: "calls", pass: driver.errors === 0 });
      if (driver.errors > 0) notes.push(`last failure: ${driver.lastError}`);
      return rowsResult(
        "Modify action end to end on the server (no session check: that is the action wrapper's, outside this path); ratio column = p99 ÷ target",
        rows,
        { stats, notes, orders: pool },
      );
    } finally {
      await closeDatabases(databases);
    }
  },
};

export const throughputSection: BenchSection = {
  name: "throughput",
  description: "signed modify calls per second through one app process (the operation path) at concurrency 1, 8 and 32",
  async run(options: BenchOptions): Promise<BenchResult> {
    const m = await loadModules();
    const notes: string[] = [];
    const databases = await openDatabases(notes);
    try {
      const driver = new ModifyDriver(m);
      const seconds = options.quick ? 1.5 : 4;
      const levels = [1, 8, 32];
      const orders = Array.from({ length: ORDER_POOLS.throughput.count }, (_, i) => benchOrderNo(ORDER_POOLS.throughput.first + i));
      for (const database of databases) for (let i = 0; i < 10; i++) await driver.modify(database.handle.db, orders[i % orders.length] as string);
      driver.errors = 0;
      const results: { database: string; concurrency: number; calls: number; perSecond: number; p50: number; p99: number }[] = [];
      for (const concurrency of levels) {
        for (const database of databases) {
          const latencies: number[] = [];
          const started = performance.now();
          const deadline = started + seconds * 1000;
          await Promise.all(
            Array.from({ length: concurrency }, async (_, worker) => {
              const order = orders[worker] as string;
              while (performance.now() < deadline) {
                const ms = await driver.modify(database.handle.db, order);
                if (ms !== null) latencies.push(ms);
              }
            }),
          );
          const elapsed = (performance.now() - started) / 1000;
          const s = latencyStats(latencies);
          results.push({ database: database.label, concurrency, calls: latencies.length, perSecond: latencies.length / elapsed, p50: s.p50, p99: s.p99 });
        }
      }
      const rows: BenchRow[] = [];
      for (const database of databases) {
        const base = results.find((r) => r.database === database.label && r.concurrency === 1)?.perSecond ?? Number.NaN;
        for (const r of results.filter((x) => x.database === database.label)) {
          rows.push({ section: "throughput", metric: `${r.database}: concurrency ${r.concurrency}`, value: r.perSecond, unit: "calls/s", ratio: r.perSecond / base });
          rows.push({ section: "throughput", metric: `${r.database}: concurrency ${r.concurrency}, p99 latency`, value: r.p99, unit: "ms" });
        }
      }
      rows.push({ section: "throughput", metric: "failed modifies (should be 0)", value: driver.errors, unit: "calls", pass: driver.errors === 0 });
      if (driver.errors > 0) notes.push(`last failure: ${driver.lastError}`);
      return rowsResult(`Throughput: modify operation path, ${seconds} s per level, each worker on its own order; ratio column = ÷ concurrency 1`, rows, {
        results,
        notes,
      });
    } finally {
      await closeDatabases(databases);
    }
  },
};
