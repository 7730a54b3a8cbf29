// The sandbox's orders: an in-memory map keyed by caller identity + out_order_no, optionally
// mirrored to a JSON file so demo data survives restarts. Every write replaces the whole file
// atomically (temp file + rename), so a crash mid-write leaves the previous version intact.
import "server-only";
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync, unlinkSync } from "node:fs";
import path from "node:path";
import type { SandboxOrderRecord } from "@/server/sandbox/types";

const FILE_VERSION = 1;

interface DataFile {
  version: number;
  savedAt: string;
  orders: SandboxOrderRecord[];
}

/** Orders are unique per caller mchid (+ sub_mchid for partner / institution callers). */
export function orderKey(mchid: string, subMchid: string | null, outOrderNo: string): string {
  return `${mchid}/${subMchid ?? "-"}/${outOrderNo}`;
}

export function recordKey(record: SandboxOrderRecord): string {
  return orderKey(record.mchid, record.sub_mchid, record.order.out_order_no);
}

function isDataFile(value: unknown): value is DataFile {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Partial<DataFile>;
  return v.version === FILE_VERSION && Array.isArray(v.orders);
}

export function writeFileAtomic(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(tmp, content, { mode: 0o600 });
    renameSync(tmp, file);
  } catch (error) {
    if (existsSync(tmp)) unlinkSync(tmp);
    throw error;
  }
}

export class OrderStore {
  private readonly orders = new Map<string, SandboxOrderRecord>();

  constructor(
    private readonly dataFile: string | null,
    private readonly makeSeed: () => SandboxOrderRecord[],
  ) {}

  /** Loads the data file, or seeds (and writes) the demo set when there is none or it is unreadable. */
  load(): { source: "file" | "seed"; warning?: string } {
    if (this.dataFile && existsSync(this.dataFile)) {
      try {
        const parsed: unknown = JSON.parse(readFileSync(this.dataFile, "utf8"));
        if (isDataFile(parsed)) {
          this.orders.clear();
          for (const record of parsed.orders) this.orders.set(recordKey(record), record);
          return { source: "file" };
        }
        return { source: "seed", warning: this.reseedAfterBadFile("unexpected format") };
      } catch (error) {
        return { source: "seed", warning: this.reseedAfterBadFile(error instanceof Error ? error.message : String(error)) };
      }
    }
    this.reset();
    return { source: "seed" };
  }

  private reseedAfterBadFile(reason: string): string {
    const file = this.dataFile as string;
    const backup = `${file}.unreadable-${Date.now()}`;
    renameSync(file, backup);
    this.reset();
    return `sandbox data file ${file} was unreadable (${reason}); moved to ${backup} and restored the demo orders`;
  }

  /** Replaces every order with the demo set. */
  reset(): void {
    this.orders.clear();
    for (const record of this.makeSeed()) this.orders.set(recordKey(record), record);
    this.persist();
  }

  get(mchid: string, subMchid: string | null, outOrderNo: string): SandboxOrderRecord | undefined {
    return this.orders.get(orderKey(mchid, subMchid, outOrderNo));
  }

  list(): SandboxOrderRecord[] {
    return [...this.orders.values()];
  }

  /** The out_order_no of the order whose WeChat order number (order_id) this is, for the request log. */
  outOrderNoOfOrderId(orderId: string | undefined): string | undefined {
    if (orderId === undefined) return undefined;
    return this.list().find((record) => record.order.order_id === orderId)?.order.out_order_no;
  }

  findByOutOrderNo(outOrderNo: string): SandboxOrderRecord[] {
    return this.list().filter((record) => record.order.out_order_no === outOrderNo);
  }

  /** Stores a changed record (a new object; callers never mutate stored records) and persists. */
  put(record: SandboxOrderRecord): void {
    this.orders.set(recordKey(record), record);
    this.persist();
  }

  /** Stores several changed records with one file write. */
  putMany(records: SandboxOrderRecord[]): void {
    if (records.length === 0) return;
    for (const record of records) this.orders.set(recordKey(record), record);
    this.persist();
  }

  get size(): number {
    return this.orders.size;
  }

  private persist(): void {
    if (!this.dataFile) return;
    const data: DataFile = { version: FILE_VERSION, savedAt: new Date().toISOString(), orders: this.list() };
    writeFileAtomic(this.dataFile, `${JSON.stringify(data, null, 1)}\n`);
  }
}
