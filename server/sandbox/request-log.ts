// Every request the sandbox receives on the Payscore endpoints, newest last, for e2e assertions
// ("the console sent exactly one modify with total 800") through GET /__sandbox/requests.
// An entry is recorded when the request arrives and completed when it is answered, so a request
// held by a latency fault is already visible (status null).
import "server-only";
import type { SandboxApiOp, SandboxMode } from "@/server/sandbox/types";

export interface RequestLogEntry {
  seq: number;
  time: string;
  method: string;
  /** Request target as received: path + query. */
  path: string;
  mchid: string | null;
  out_order_no: string | null;
  op: SandboxApiOp | null;
  mode: SandboxMode | null;
  /** Parsed JSON body; the raw text when it is not JSON; null for no body. */
  body: unknown;
  query: Record<string, string> | null;
  /** Status answered; null while pending or when the connection was dropped. */
  status: number | null;
  /** Error code answered, if any. */
  code: string | null;
  requestId: string | null;
  fault: string | null;
  /** The sandbox destroyed the connection (drop_connection fault): no answer was sent. */
  dropped: boolean;
  /** The client went away before the answer (e.g. killed during a latency fault); status is what it would have got. */
  clientClosed: boolean;
  durationMs: number | null;
}

const MAX_ENTRIES = 5000;

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private nextSeq = 1;

  start(entry: Omit<RequestLogEntry, "seq" | "status" | "code" | "requestId" | "fault" | "dropped" | "clientClosed" | "durationMs">): RequestLogEntry {
    const full: RequestLogEntry = { ...entry, seq: this.nextSeq++, status: null, code: null, requestId: null, fault: null, dropped: false, clientClosed: false, durationMs: null };
    this.entries.push(full);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    return full;
  }

  list(filter: { out_order_no?: string; op?: string; mode?: string; mchid?: string; sinceSeq?: number } = {}): RequestLogEntry[] {
    return this.entries
      .filter(
        (entry) =>
          (filter.out_order_no === undefined || entry.out_order_no === filter.out_order_no) &&
          (filter.op === undefined || entry.op === filter.op) &&
          (filter.mode === undefined || entry.mode === filter.mode) &&
          (filter.mchid === undefined || entry.mchid === filter.mchid) &&
          (filter.sinceSeq === undefined || entry.seq > filter.sinceSeq),
      )
      .map((entry) => ({ ...entry }));
  }

  clear(): void {
    this.entries = [];
  }

  get lastSeq(): number {
    return this.nextSeq - 1;
  }
}
