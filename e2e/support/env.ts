// Where the browser tests' servers are, who the demo users are, and the sandbox's control API.
import type { APIRequestContext } from "@playwright/test";
import { E2E } from "../../playwright.config";

export const APP_URL = E2E.APP_URL;
export const SANDBOX_URL = E2E.SANDBOX_URL;
export const DATA_DIR = E2E.DATA_DIR;
export const APP_PORT = E2E.APP_PORT;
export const SANDBOX_PORT = E2E.SANDBOX_PORT;
export const DIST_DIR = process.env.NEXT_DIST_DIR || ".next-e2e";

export const DEMO_PASSWORD = "Payscore-Demo-2026";
export const ROLES = ["agent", "supervisor", "admin"] as const;
export type E2ERole = (typeof ROLES)[number];
export const DEMO_EMAIL: Record<E2ERole, string> = {
  agent: "agent@demo.local",
  supervisor: "supervisor@demo.local",
  admin: "admin@demo.local",
};

export function storageStatePath(role: E2ERole): string {
  return `${DATA_DIR}-auth/${role}.json`;
}

export interface SandboxLogEntry {
  seq: number;
  method: string;
  path: string;
  op: "query" | "modify" | "complete" | "cancel" | "sync" | null;
  mode: string | null;
  out_order_no: string | null;
  body: unknown;
  status: number | null;
  code: string | null;
  requestId: string | null;
  fault: string | null;
}

/** The sandbox's control API (loopback, unsigned). Refuses to talk to anything that is not the sandbox. */
export class SandboxControl {
  /** `baseUrl`: the shared e2e sandbox, or a spec's own (startSandboxProcess). */
  constructor(
    private readonly request: APIRequestContext,
    private readonly baseUrl: string = SANDBOX_URL,
  ) {}

  private async call<T>(method: "GET" | "POST" | "DELETE", path: string, data?: unknown): Promise<T> {
    const response = await this.request.fetch(`${this.baseUrl}/__sandbox/${path}`, { method, data });
    if (!response.ok()) throw new Error(`sandbox ${method} ${path}: HTTP ${response.status()} ${await response.text()}`);
    const text = await response.text();
    return (text ? JSON.parse(text) : null) as T;
  }

  async requests(filter: { out_order_no?: string; op?: string } = {}): Promise<SandboxLogEntry[]> {
    const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== undefined) as [string, string][]);
    const result = await this.call<{ requests: SandboxLogEntry[] } | SandboxLogEntry[]>("GET", `requests?${query}`);
    return Array.isArray(result) ? result : result.requests;
  }

  async writes(outOrderNo: string): Promise<SandboxLogEntry[]> {
    const all = await this.requests({ out_order_no: outOrderNo });
    return all.filter((entry) => entry.op !== "query" && entry.op !== null);
  }

  addFault(fault: Record<string, unknown>): Promise<unknown> {
    return this.call("POST", "faults", fault);
  }

  /** Removes one fault (by the id addFault answered), leaving other tests' faults alone. */
  removeFault(id: string): Promise<unknown> {
    return this.call("DELETE", `faults/${encodeURIComponent(id)}`);
  }

  clearFaults(): Promise<unknown> {
    return this.call("DELETE", "faults");
  }

  settings(settings: Record<string, unknown>): Promise<unknown> {
    return this.call("POST", "settings", settings);
  }

  orderAction(outOrderNo: string, action: "pay" | "confirm", identity?: { mode: string; sub_mchid?: string | null }): Promise<unknown> {
    const query = identity ? `?${new URLSearchParams({ mode: identity.mode, ...(identity.sub_mchid ? { sub_mchid: identity.sub_mchid } : {}) })}` : "";
    return this.call("POST", `orders/${encodeURIComponent(outOrderNo)}/${action}${query}`, {});
  }
}
