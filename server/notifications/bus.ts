// Order events from WeChat Pay notifications, to whoever in this process watches that order (the
// order pages' event streams). A notification reaches one app instance; with PostgreSQL every
// instance listens (LISTEN payscore_order_events, one connection of its own, opened when the first
// page starts watching) and re-reads the stored notification by id, so a page open on any instance
// hears of it. On PGlite there is one process: the local fan-out is all there is.
import "server-only";
import { EventEmitter } from "node:events";
import { eq, sql } from "drizzle-orm";
import { Client } from "pg";
import type { TServiceOrder } from "@/lib/payscore/order";
import { orderKeyOf } from "@/server/audit/trail";
import { getDb, getDbHandle } from "@/server/db";
import { notification } from "@/server/db/schema";
import { getEnv } from "@/server/env";
import { describeErrorForLog } from "@/server/db/errors";

export interface OrderEvent {
  /** The stored notification's row id. */
  id: string;
  eventType: string;
  profileId: string;
  subMchid: string | null;
  outOrderNo: string;
  order: TServiceOrder;
  receivedAt: string;
}

const CHANNEL = "payscore_order_events";

interface BusState {
  emitter: EventEmitter;
  /** Ids already emitted here (the origin instance hears its own NOTIFY too). */
  seen: Set<string>;
  listening: Promise<void> | null;
}

const globalStore = globalThis as typeof globalThis & { __payscoreOrderBus?: BusState };

function bus(): BusState {
  if (!globalStore.__payscoreOrderBus) {
    const emitter = new EventEmitter();
    emitter.setMaxListeners(0);
    globalStore.__payscoreOrderBus = { emitter, seen: new Set(), listening: null };
  }
  return globalStore.__payscoreOrderBus;
}

function emitLocal(event: OrderEvent): void {
  const state = bus();
  if (state.seen.has(event.id)) return;
  state.seen.add(event.id);
  if (state.seen.size > 5_000) state.seen.delete(state.seen.values().next().value as string);
  state.emitter.emit(orderKeyOf(event), event);
}

/** Tells this instance's watchers, and (PostgreSQL) the other instances'. */
export async function publishOrderEvent(event: OrderEvent): Promise<void> {
  emitLocal(event);
  const handle = await getDbHandle();
  if (handle.kind === "postgres") await handle.db.execute(sql`select pg_notify(${CHANNEL}, ${event.id})`);
}

/** Calls `listener` with every event of the order until the returned function is called. */
export function watchOrder(ref: { profileId: string; subMchid: string | null; outOrderNo: string }, listener: (event: OrderEvent) => void): () => void {
  const state = bus();
  const key = orderKeyOf(ref);
  state.emitter.on(key, listener);
  void ensureListening();
  return () => state.emitter.off(key, listener);
}

async function ensureListening(): Promise<void> {
  const state = bus();
  if (state.listening) return state.listening;
  state.listening = (async () => {
    const handle = await getDbHandle();
    const url = getEnv().DATABASE_URL;
    if (handle.kind !== "postgres" || !url) return;
    const client = new Client({ connectionString: url });
    client.on("error", (error) => {
      console.error(`[notify] event listener lost: ${describeErrorForLog(error)}`);
      state.listening = null;
    });
    client.on("notification", (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      void loadEvent(message.payload).then((event) => {
        if (event) emitLocal(event);
      });
    });
    await client.connect();
    await client.query(`listen ${CHANNEL}`);
  })().catch((error: unknown) => {
    console.error(`[notify] cannot listen for events: ${describeErrorForLog(error)}`);
    state.listening = null;
  });
  return state.listening;
}

async function loadEvent(id: string): Promise<OrderEvent | null> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  const [row] = await (await getDb()).select().from(notification).where(eq(notification.id, id)).limit(1);
  if (!row || !row.outOrderNo) return null;
  return {
    id: row.id,
    eventType: row.eventType,
    profileId: row.profileId,
    subMchid: row.subMchid,
    outOrderNo: row.outOrderNo,
    order: row.resource as TServiceOrder,
    receivedAt: row.receivedAt.toISOString(),
  };
}
