// What the trail says an order should charge, checked against what WeChat says it does, on every
// read of the order (the order page and its polls, the re-read before a write, the reconciler):
// - the expectation is the newest of: a succeeded row's order after (an external-change row
//   included), and an "applied late" event's order;
// - a row settled "not applied" and still watched, whose change the order now shows, gets an
//   "applied late" event (the row itself is never rewritten);
// - any other difference is a change made outside the console (or one it lost): it is recorded as
//   an `external` trail row, for supervisors.
// Races: the ledger is read before the order is queried, and a record is written only if no trail
// row of the order appeared since (`count` guard, in the insert itself) — so a query that raced a
// console write is never taken for drift. Two readers seeing the same thing write one record (the
// event is unique per row; the external row's idempotency key is derived from what was seen).
import "server-only";
import { createHash } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { TServiceOrder } from "@/lib/payscore/order";
import { moneyOfBody, moneyOfOrder, orderTotal, sameMoney, showsWrite, type OrderMoney } from "@/lib/orders/order-money";
import { TRAIL_NOTES } from "@/lib/orders/trail-notes";
import { EXTERNAL_REASON } from "@/lib/orders/reasons";
import type { Db } from "@/server/db";
import { trail, trailEvent, type TrailEventRow, type TrailRow } from "@/server/db/schema";
import type { OrderTarget } from "./target";

/** Who an external-change row names: not a person (the change was not made in the console). */
export const EXTERNAL_ACTOR = { id: "system:external", name: "WeChat Pay", role: "system" } as const;

export interface OrderRef {
  profileId: string;
  subMchid: string | null;
  outOrderNo: string;
}

export function refOf(target: OrderTarget, outOrderNo: string): OrderRef {
  return { profileId: target.profile.id, subMchid: target.subMerchant?.sub_mchid ?? null, outOrderNo };
}

export interface Ledger {
  ref: OrderRef;
  /** Every row of the order, newest first. */
  rows: TrailRow[];
  events: TrailEventRow[];
}

const LEDGER_LIMIT = 2_000;

function orderWhere(ref: OrderRef) {
  return and(
    eq(trail.profileId, ref.profileId),
    eq(trail.outOrderNo, ref.outOrderNo),
    ref.subMchid === null ? isNull(trail.subMchid) : eq(trail.subMchid, ref.subMchid),
  );
}

/** The order's trail rows and their events. Read it before querying the order (see the header). */
export async function readLedger(db: Db, ref: OrderRef): Promise<Ledger> {
  const rows = await db.select().from(trail).where(orderWhere(ref)).orderBy(desc(trail.createdAt), desc(trail.id)).limit(LEDGER_LIMIT);
  const events =
    rows.length === 0
      ? []
      : await db
          .select({ event: trailEvent })
          .from(trailEvent)
          .innerJoin(trail, eq(trail.id, trailEvent.trailId))
          .where(orderWhere(ref))
          .then((found) => found.map((entry) => entry.event));
  return { ref, rows, events };
}

export interface Expectation {
  money: OrderMoney;
  /** The row or event it comes from (part of an external row's idempotency key). */
  basisId: string;
  order: unknown;
}

/** What the trail says the order charges now; null when the console never saw it change. */
export function expectationOf(ledger: Ledger): Expectation | null {
  let best: (Expectation & { at: number }) | null = null;
  for (const row of ledger.rows) {
    if (row.status !== "succeeded") continue;
    // Cancel and sync change no amounts: without the order they answered with, they say nothing of them.
    if (!row.orderAfter && (row.operation === "cancel" || row.operation === "sync")) continue;
    const at = (row.resolvedAt ?? row.createdAt).getTime();
    if (best && best.at >= at) continue;
    const money = row.orderAfter ? moneyOfOrder(row.orderAfter as TServiceOrder) : moneyOfBody(row.requestBody);
    best = { money, basisId: row.id, order: row.orderAfter, at };
  }
  for (const event of ledger.events) {
    const at = event.detectedAt.getTime();
    if (best && best.at >= at) continue;
    best = { money: moneyOfOrder(event.orderSeen as TServiceOrder), basisId: event.id, order: event.orderSeen, at };
  }
  return best ? { money: best.money, basisId: best.basisId, order: best.order } : null;
}

export type Observation =
  | { kind: "skipped"; reason: "in_flight" }
  | { kind: "consistent" }
  | { kind: "untracked" }
  | { kind: "applied_late"; trailId: string; recorded: boolean }
  | { kind: "external"; trailId: string | null; recorded: boolean };

/**
 * Compares the order as just queried with the ledger read before the query, and records what no
 * row explains. `ownRowId`: the caller's own pending row (a write re-reading the order it holds).
 */
export async function observeOrder(
  db: Db,
  ledger: Ledger,
  order: TServiceOrder,
  options: { ownRowId?: string; now?: Date } = {},
): Promise<Observation> {
  const now = options.now ?? new Date();
  // A call in flight (or of unknown outcome) explains any difference until it settles.
  if (ledger.rows.some((row) => (row.status === "pending" || row.status === "unknown") && row.id !== options.ownRowId)) {
    return { kind: "skipped", reason: "in_flight" };
  }
  const expected = expectationOf(ledger);
  const seen = moneyOfOrder(order);
  if (expected && sameMoney(expected.money, seen)) return { kind: "consistent" };

  const late = ledger.rows.find(
    (row) =>
      row.status === "failed" &&
      row.watchUntil !== null &&
      row.watchUntil.getTime() > now.getTime() &&
      !ledger.events.some((event) => event.trailId === row.id && event.kind === "applied_late") &&
      showsWrite(row.operation, row.requestBody, order),
  );
  if (late) {
    const total = orderTotal(order);
    const base = expected?.money.total ?? late.totalBefore;
    const inserted = await db.execute<{ id: string }>(
      sql`insert into ${trailEvent} (trail_id, kind, order_seen, total_seen, delta, note)
          select ${late.id}::uuid, 'applied_late', ${JSON.stringify(order)}::jsonb, ${total}::integer,
                 ${total !== null && base !== null ? total - base : null}::integer, ${TRAIL_NOTES.appliedLate}
          where ${countGuard(ledger)}
          on conflict do nothing returning id`,
    );
    const recorded = inserted.rows.length > 0;
    if (recorded) await db.update(trail).set({ watchUntil: null }).where(eq(trail.id, late.id));
    return { kind: "applied_late", trailId: late.id, recorded };
  }
  // Never changed by the console: nothing says what it should be.
  if (!expected) return { kind: "untracked" };

  const key = `external:${ledger.ref.profileId}|${ledger.ref.subMchid ?? ""}|${ledger.ref.outOrderNo}:${expected.basisId}:${fingerprint(seen)}`;
  const totalAfter = orderTotal(order);
  const profileMode = modeOfLedger(ledger);
  const inserted = await db.execute<{ id: string }>(
    sql`insert into ${trail} (idempotency_key, user_id, user_name, user_role, profile_id, mode, sub_mchid, out_order_no,
          operation, request_body, order_before, order_after, total_before, total_after, delta, reason_category, reason_text,
          status, resolved_at, reconciled_at, reconcile_note)
        select ${key}, ${EXTERNAL_ACTOR.id}, ${EXTERNAL_ACTOR.name}, ${EXTERNAL_ACTOR.role}, ${ledger.ref.profileId}, ${profileMode},
          ${ledger.ref.subMchid}, ${ledger.ref.outOrderNo}, 'external', '{}'::jsonb, ${jsonOrNull(expected.order)}::jsonb,
          ${JSON.stringify(order)}::jsonb, ${expected.money.total}::integer, ${totalAfter}::integer,
          ${totalAfter !== null && expected.money.total !== null ? totalAfter - expected.money.total : null}::integer,
          ${EXTERNAL_REASON}, '', 'succeeded', now(), now(), ${TRAIL_NOTES.externalChange}
        where ${countGuard(ledger)}
        on conflict do nothing returning id`,
  );
  const id = inserted.rows[0]?.id ?? null;
  return { kind: "external", trailId: id, recorded: id !== null };
}

/** Reads the ledger, queries the order, and observes it: for readers that have no other use for either. */
export async function readAndObserve(
  db: Db,
  ref: OrderRef,
  query: () => Promise<TServiceOrder>,
): Promise<{ order: TServiceOrder; ledger: Ledger; observation: Observation }> {
  const ledger = await readLedger(db, ref);
  const order = await query();
  const observation = await observeOrder(db, ledger, order);
  return { order, ledger, observation };
}

function countGuard(ledger: Ledger) {
  return sql`(select count(*) from ${trail} where ${orderWhere(ledger.ref)}) = ${ledger.rows.length}`;
}

function modeOfLedger(ledger: Ledger): string {
  // Every row of one order has its profile's mode; the ledger is only consulted with rows in it.
  return ledger.rows[0]?.mode ?? "merchant";
}

function jsonOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

function fingerprint(money: OrderMoney): string {
  return createHash("sha256").update(JSON.stringify(money)).digest("hex").slice(0, 24);
}
