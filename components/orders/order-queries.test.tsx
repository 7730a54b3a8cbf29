// @vitest-environment happy-dom
// The order page's data layer in a DOM (happy-dom) with fake timers: polling stops in a hidden tab
// (through TanStack's focusManager and the document's visibilitychange), a 429 is retried after the
// backoff and recovers without an error, a final 4xx is not retried, a read that was under way when
// a write's answer came in never replaces it, and a write's answer updates the card without a GET.
import { act, useEffect, type ReactNode } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { QueryClientProvider, notifyManager, type DefinedUseQueryResult, type QueryClient, type UseMutationResult } from "@tanstack/react-query";
import type { ActionResult } from "@/lib/actions/result";
import type { OperationSuccess } from "@/lib/orders/operation-result";
import type { OrderSnapshot, TrailRowView } from "@/lib/orders/snapshot";
import type { TServiceOrder } from "@/lib/payscore/order";
import type { LiveOrderSnapshot, OrderRef } from "@/lib/query-keys";
import { makeQueryClient } from "@/components/query/query-client";
import { RATE_LIMITED_BASE_DELAY_MS } from "@/components/query/retry-policy";
import { POLL_INTERVAL_MS, keepNewerSnapshot, useOrderSnapshot, useOrderWrite, withOperation } from "./order-queries";

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}
globalThis.IS_REACT_ACT_ENVIRONMENT = true;

const REF: OrderRef = { profileId: "hotel-direct", subMchid: null, outOrderNo: "DEMO-1" };
const URL_OF_REF = "/api/orders/hotel-direct/DEMO-1";
const START = new Date("2026-12-07T08:00:00.000Z");

function order(total: number, paying = true): TServiceOrder {
  return {
    out_order_no: "DEMO-1",
    service_id: "svc",
    mchid: "1230000109",
    service_introduction: "酒店",
    state: "DOING",
    state_description: "MCH_COMPLETE",
    total_amount: total,
    post_payments: [{ name: "酒店房费", amount: total }],
    collection: { state: paying ? "USER_PAYING" : "USER_PAID", paying_amount: total },
  };
}

function snapshot(total: number, fetchedAt = START.toISOString()): OrderSnapshot {
  return { order: order(total), trail: [], modifyCount: 0, fetchedAt };
}

function trailRow(id: string): TrailRowView {
  return {
    id,
    createdAt: START.toISOString(),
    userId: "user-agent-1",
    userName: "演示客服",
    userRole: "agent",
    operation: "modify",
    status: "succeeded",
    totalBefore: 10_000,
    totalAfter: 8_000,
    delta: -2_000,
    reasonCategory: "user_complaint",
    reasonText: "空调故障",
    wechatCode: null,
    wechatMessage: null,
    errorKind: null,
    requestId: "REQ-1",
    reconcileNote: null,
    approval: null,
    appliedLate: null,
  };
}

function success(total: number): ActionResult<OperationSuccess> {
  return {
    ok: true,
    data: {
      trailId: "row-1",
      status: "succeeded",
      order: order(total),
      totalBefore: 10_000,
      totalAfter: total,
      delta: total - 10_000,
      requestId: "REQ-1",
      replayed: false,
      trailRow: trailRow("row-1"),
    },
  };
}

/**
 * What fetchJson reads of an answer. Not happy-dom's Response: its body is read through timers,
 * which the fake timers would hold.
 */
function json(body: unknown, status = 200): Response {
  const text = JSON.stringify(body);
  const answer: Pick<Response, "ok" | "status" | "headers" | "json"> = {
    ok: status >= 200 && status < 300,
    status,
    headers: new Headers({ "Content-Type": "application/json" }),
    json: () => Promise.resolve(JSON.parse(text) as unknown),
  };
  return answer as Response;
}

const ok = (total: number) => json({ ok: true, snapshot: snapshot(total, new Date().toISOString()) });
const rateLimited = () =>
  json(
    {
      ok: false,
      error: {
        code: "UPSTREAM_ERROR",
        upstream: { kind: "api", code: "FREQUENCY_LIMITED", message: "频率超限", httpStatus: 429, requestId: "R", retryable: true },
      },
    },
    502,
  );

/** The page's view of the data layer, captured on every render. */
const seen: { query: DefinedUseQueryResult<LiveOrderSnapshot> | null; write: UseMutationResult<ActionResult<OperationSuccess>, Error, string> | null } = {
  query: null,
  write: null,
};

function Probe({ initial, action }: { initial: OrderSnapshot; action: (input: string) => Promise<ActionResult<OperationSuccess>> }): ReactNode {
  const query = useOrderSnapshot(REF, initial);
  // useQuery re-renders only for the properties read while rendering (as the page reads them).
  const { data: _data, error: _error, failureCount: _failures, isFetching: _fetching } = query;
  const write = useOrderWrite(REF, action);
  useEffect(() => {
    seen.query = query;
    seen.write = write;
  });
  return null;
}

let root: Root | null = null;
let client: QueryClient;
let fetchMock: ReturnType<typeof vi.fn<(url: string, init?: RequestInit) => Promise<Response>>>;

function setVisibility(state: "visible" | "hidden") {
  Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state });
  document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
}

async function render(initial: OrderSnapshot, action: (input: string) => Promise<ActionResult<OperationSuccess>> = async () => success(8_000)) {
  const container = document.createElement("div");
  document.body.append(container);
  root = createRoot(container);
  await act(async () => {
    root?.render(
      <QueryClientProvider client={client}>
        <Probe initial={initial} action={action} />
      </QueryClientProvider>,
    );
  });
}

async function advance(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

function snapshotCalls(): number {
  return fetchMock.mock.calls.filter(([url]) => url === URL_OF_REF).length;
}

beforeEach(() => {
  // TanStack delivers its batched notifications in a zero-delay timeout; under fake timers those
  // would wait for the next move of the clock. Delivered at once, the component sees each change
  // as it happens (what is under test, the reads and their timing, is unchanged).
  notifyManager.setScheduler((deliver) => deliver());
  vi.useFakeTimers({ now: START });
  setVisibility("visible");
  client = makeQueryClient();
  fetchMock = vi.fn<(url: string, init?: RequestInit) => Promise<Response>>();
  vi.stubGlobal("fetch", fetchMock);
});

afterEach(async () => {
  await act(async () => root?.unmount());
  notifyManager.setScheduler((deliver) => setTimeout(deliver, 0));
  root = null;
  client.clear();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("order snapshot polling", () => {
  it("polls every POLL_INTERVAL_MS (30 s, the fallback to notifications) while the order awaits payment and the tab is visible: 2 reads a minute", async () => {
    fetchMock.mockImplementation(async () => ok(10_000));
    await render(snapshot(10_000));
    expect(snapshotCalls()).toBe(0);
    await advance(POLL_INTERVAL_MS - 1);
    expect(snapshotCalls()).toBe(0);
    await advance(1);
    expect(snapshotCalls()).toBe(1);
    await advance(60_000 - POLL_INTERVAL_MS);
    expect(snapshotCalls()).toBe(2);
  });

  it("makes no read at all while the tab is hidden, and reads once when it becomes visible again", async () => {
    fetchMock.mockImplementation(async () => ok(10_000));
    await render(snapshot(10_000));
    await act(async () => setVisibility("hidden"));
    await advance(60_000);
    expect(snapshotCalls()).toBe(0);
    // Back: the snapshot is older than STALE_MS, so the focus refetch reads it once, then polling resumes.
    await act(async () => setVisibility("visible"));
    await advance(0);
    expect(snapshotCalls()).toBe(1);
    await advance(POLL_INTERVAL_MS);
    expect(snapshotCalls()).toBe(2);
  });

  it("does not poll an order that no longer waits for the user", async () => {
    fetchMock.mockImplementation(async () => ok(10_000));
    await render({ ...snapshot(10_000), order: order(10_000, false) });
    await advance(60_000);
    expect(snapshotCalls()).toBe(0);
  });
});

describe("order snapshot retries", () => {
  it("retries a 429 FREQUENCY_LIMITED after the rate-limit backoff and recovers without showing an error", async () => {
    fetchMock.mockImplementationOnce(async () => rateLimited()).mockImplementation(async () => ok(9_000));
    await render(snapshot(10_000));
    await advance(POLL_INTERVAL_MS);
    expect(snapshotCalls()).toBe(1);
    expect(seen.query?.failureCount).toBe(1);
    expect(seen.query?.error).toBeNull();
    await advance(RATE_LIMITED_BASE_DELAY_MS - 1);
    expect(snapshotCalls()).toBe(1);
    await advance(1);
    expect(snapshotCalls()).toBe(2);
    expect(seen.query?.error).toBeNull();
    expect(seen.query?.failureCount).toBe(0);
    expect(seen.query?.data.order.total_amount).toBe(9_000);
  });

  it("backs off 5 s, 10 s, 20 s, 30 s on repeated 429s and shows the error only after the last retry", async () => {
    fetchMock.mockImplementation(async () => rateLimited());
    await render(snapshot(10_000));
    await advance(POLL_INTERVAL_MS);
    const times: number[] = [];
    for (const delay of [5_000, 10_000, 20_000, 30_000]) {
      expect(seen.query?.error).toBeNull();
      await advance(delay);
      times.push(snapshotCalls());
    }
    expect(times).toEqual([2, 3, 4, 5]);
    expect(seen.query?.error?.message).toBe("FREQUENCY_LIMITED");
    // The snapshot shown is still the last good one.
    expect(seen.query?.data.order.total_amount).toBe(10_000);
  });

  it("does not retry an answer that will not change (404 NOT_FOUND, 403 FORBIDDEN)", async () => {
    fetchMock.mockImplementation(async () => json({ ok: false, error: { code: "NOT_FOUND" } }, 404));
    await render(snapshot(10_000));
    await advance(POLL_INTERVAL_MS);
    expect(snapshotCalls()).toBe(1);
    expect(seen.query?.error?.message).toBe("NOT_FOUND");
    fetchMock.mockImplementation(async () => json({ ok: false, error: { code: "FORBIDDEN" } }, 403));
    // The interval goes on; each tick is one read, never a burst of retries.
    await advance(POLL_INTERVAL_MS - 1);
    expect(snapshotCalls()).toBe(1);
    await advance(1);
    expect(snapshotCalls()).toBe(2);
    expect(seen.query?.error?.message).toBe("FORBIDDEN");
  });
});

describe("order writes", () => {
  it("puts the action's order and trail row on the card without reading the order again", async () => {
    fetchMock.mockImplementation(async () => ok(10_000));
    const action = vi.fn(async () => success(8_000));
    await render({ ...snapshot(10_000), order: { ...order(10_000), collection: undefined, state_description: "USER_CONFIRM" } }, action);
    await act(async () => {
      await seen.write?.mutateAsync("input");
    });
    expect(action).toHaveBeenCalledTimes(1);
    expect(seen.query?.data.order.total_amount).toBe(8_000);
    expect(seen.query?.data.trail.map((row) => row.id)).toEqual(["row-1"]);
    expect(seen.query?.data.modifyCount).toBe(1);
    expect(seen.query?.data.fetchedAt).toBe(START.toISOString());
    // No read after the write: the next one is the poll, a full interval later (the order awaits payment).
    await advance(POLL_INTERVAL_MS - 1);
    expect(snapshotCalls()).toBe(0);
    await advance(1);
    expect(snapshotCalls()).toBe(1);
  });

  it("after ORDER_CHANGED reads the order again, so the card shows what the order became (the form keeps its own)", async () => {
    fetchMock.mockImplementation(async () => ok(8_000));
    const changed: ActionResult<OperationSuccess> = {
      ok: false,
      error: { code: "ORDER_CHANGED", trailId: "row-2", currentOrder: order(8_000) },
    };
    await render(snapshot(10_000), async () => changed);
    expect(snapshotCalls()).toBe(0);
    await act(async () => {
      await seen.write?.mutateAsync("input");
    });
    await advance(0);
    expect(snapshotCalls()).toBe(1);
    expect(seen.query?.data.order.total_amount).toBe(8_000);
  });

  it("never lets a read that was under way when the write's answer came in replace that answer", async () => {
    let answerLate: (response: Response) => void = () => undefined;
    // The poll's read hangs (it ignores the abort, as a response already on its way would)…
    fetchMock.mockImplementationOnce(() => new Promise<Response>((resolve) => (answerLate = resolve))).mockImplementation(async () => ok(8_000));
    await render(snapshot(10_000));
    await advance(POLL_INTERVAL_MS);
    expect(snapshotCalls()).toBe(1);
    expect(seen.query?.isFetching).toBe(true);
    // …the modify answers with the new order…
    await act(async () => {
      await seen.write?.mutateAsync("input");
    });
    expect(seen.query?.data.order.total_amount).toBe(8_000);
    // …and then the read, asked for before the change, comes back with the old order.
    await act(async () => answerLate(ok(10_000)));
    await advance(0);
    expect(seen.query?.data.order.total_amount).toBe(8_000);
    expect(seen.query?.data.trail.map((row) => row.id)).toEqual(["row-1"]);
  });
});

describe("keepNewerSnapshot", () => {
  const at = (askedAt: number, total: number): LiveOrderSnapshot => ({ ...snapshot(total), askedAt });

  it("keeps the snapshot on screen when the answer was asked for before it", () => {
    const shown = at(5, 8_000);
    expect(keepNewerSnapshot(shown, at(4, 10_000))).toBe(shown);
  });

  it("takes a newer answer, keeping the identity of what did not change", () => {
    const shown = at(5, 8_000);
    const next = keepNewerSnapshot(shown, at(6, 7_000)) as LiveOrderSnapshot;
    expect(next.order.total_amount).toBe(7_000);
    expect(next.askedAt).toBe(6);
    expect(next.trail).toBe(shown.trail);
  });
});

describe("withOperation", () => {
  const base: LiveOrderSnapshot = { ...snapshot(10_000), trail: [{ ...trailRow("row-0"), status: "failed" }], modifyCount: 1, askedAt: 3 };
  const answered = (data: Partial<OperationSuccess>): OperationSuccess => {
    const result = success(8_000);
    if (!result.ok) throw new Error("fixture");
    return { ...result.data, ...data };
  };

  it("puts a new row first and counts a new succeeded modify", () => {
    const next = withOperation(base, answered({}), 9, new Date("2026-12-07T09:00:00.000Z"));
    expect(next.trail.map((row) => [row.id, row.status])).toEqual([["row-1", "succeeded"], ["row-0", "failed"]]);
    expect(next.modifyCount).toBe(2);
    expect(next.order.total_amount).toBe(8_000);
    expect(next.askedAt).toBe(9);
    expect(next.fetchedAt).toBe("2026-12-07T09:00:00.000Z");
  });

  it("replaces a row it already shows in place, and does not count a replay twice", () => {
    const settled = withOperation(base, answered({ trailRow: { ...trailRow("row-0"), status: "succeeded" } }), 9, START);
    expect(settled.trail.map((row) => [row.id, row.status])).toEqual([["row-0", "succeeded"]]);
    expect(settled.modifyCount).toBe(2);
    const replay = withOperation(settled, answered({ trailRow: { ...trailRow("row-0"), status: "succeeded" }, replayed: true }), 10, START);
    expect(replay.modifyCount).toBe(2);
  });

  it("keeps the order shown when the action could not read it back", () => {
    expect(withOperation(base, answered({ order: null }), 9, START).order.total_amount).toBe(10_000);
  });
});
