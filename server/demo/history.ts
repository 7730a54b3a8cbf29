// Sandbox mode only: the console's side of the demo history (server/sandbox/history.ts) — the trail
// rows, reviews and open approval requests that led to the historic orders the sandbox holds, and
// the accounts of the people who made them. Written once, on the first start with an empty history
// (or after `npm run sandbox:reset` asked for it again); never outside sandbox mode.
import "server-only";
import { existsSync, rmSync } from "node:fs";
import { inArray, like, sql } from "drizzle-orm";
import { approvalReasons, DEMO_POLICY } from "@/lib/approvals/policy";
import { composeReason, type ReasonCategory } from "@/lib/orders/reasons";
import { TRAIL_NOTES } from "@/lib/orders/trail-notes";
import type { Db } from "@/server/db";
import { reviewEvent, trail, trailReview, user, type NewTrailRow } from "@/server/db/schema";
import { dataPath } from "@/server/env";
import type { Auth } from "@/server/auth/config";
import { DEMO_PASSWORD } from "@/server/auth/demo-users";
import { demoHistory, historyOrderObject, HISTORY_ACTORS, type HistoryEvent, type HistoryOrder, type HistoryState } from "@/server/sandbox/history";
import { EXTERNAL_ACTOR } from "@/server/orders/ledger";

const KEY_PREFIX = "demo-history:";

/** Where `npm run sandbox:reset` leaves its request that the console restore the demo history. */
export function demoResetMarker(): string {
  return dataPath("demo-reset");
}

function identityBody(order: HistoryOrder): Record<string, unknown> {
  const { identity } = order;
  if (identity.mode === "merchant") return { appid: identity.appid, service_id: identity.service_id };
  if (identity.mode === "partner") return { service_id: identity.service_id, sub_mchid: order.sub_mchid };
  return { service_id: identity.service_id, sub_mchid: order.sub_mchid, ...(identity.channel_id ? { channel_id: identity.channel_id } : {}) };
}

function profileId(order: HistoryOrder): string {
  return order.identity.id;
}

function requestIdOf(seed: string): string {
  let hash = 0;
  for (const char of seed) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) >>> 0;
  return `08DEMO${hash.toString(16).toUpperCase().padStart(8, "0")}${seed.length.toString(16).toUpperCase()}-000001`;
}

async function ensureHistoryUsers(auth: Auth, db: Db): Promise<Map<number, { id: string; name: string; role: string }>> {
  const emails = HISTORY_ACTORS.map((actor) => actor.email);
  const have = new Set((await db.select({ email: user.email }).from(user).where(inArray(user.email, emails))).map((row) => row.email));
  for (const actor of HISTORY_ACTORS) {
    if (have.has(actor.email)) continue;
    await auth.api.createUser({ body: { email: actor.email, name: actor.name, role: actor.role, password: DEMO_PASSWORD } }).catch(() => undefined);
  }
  const rows = await db.select({ id: user.id, email: user.email, name: user.name, role: user.role }).from(user).where(inArray(user.email, emails));
  const byIndex = new Map<number, { id: string; name: string; role: string }>();
  HISTORY_ACTORS.forEach((actor, index) => {
    const row = rows.find((candidate) => candidate.email === actor.email);
    if (row) byIndex.set(index, { id: row.id, name: row.name, role: row.role ?? actor.role });
  });
  return byIndex;
}

function submissionOf(order: HistoryOrder, event: HistoryEvent) {
  const category = event.reasonCategory as ReasonCategory;
  return {
    profileId: profileId(order),
    subMchid: order.sub_mchid,
    outOrderNo: order.out_order_no,
    industry: order.industry,
    post_payments: event.after.payments,
    post_discounts: event.after.discounts ?? [],
    total_amount: event.after.total,
    reasonCategory: category,
    reasonText: event.reasonText,
    reason: composeReason(category, event.reasonText),
    internalNote: null,
    device: undefined,
  };
}

function bodyOf(order: HistoryOrder, event: HistoryEvent): Record<string, unknown> {
  const amounts = {
    post_payments: event.after.payments,
    ...(event.after.discounts && event.after.discounts.length > 0 ? { post_discounts: event.after.discounts } : {}),
    total_amount: event.after.total,
  };
  if (event.operation === "modify") return { ...identityBody(order), ...amounts, reason: composeReason(event.reasonCategory as ReasonCategory, event.reasonText) };
  return { ...identityBody(order), ...amounts };
}

/**
 * Writes the demo history unless it is there already. Returns how many trail rows it wrote.
 * `reviewer`: who marks the historic changes reviewed or flagged (the demo supervisor).
 */
export async function seedDemoHistory(
  db: Db,
  auth: Auth,
  reviewer: { id: string; name: string },
  readOrder: (order: HistoryOrder) => Promise<unknown>,
  now: Date = new Date(),
): Promise<number> {
  const [present] = await db.select({ n: sql<number>`count(*)::int` }).from(trail).where(like(trail.idempotencyKey, `${KEY_PREFIX}%`));
  if ((present?.n ?? 0) > 0) return 0;
  const actors = await ensureHistoryUsers(auth, db);
  // An open request is based on the order exactly as WeChat holds it now (its version decides whether
  // an approval finds it stale): read from the sandbox, not rebuilt (the sandbox seeded its own times).
  const waiting = new Map<string, unknown>();
  for (const order of demoHistory()) {
    if (order.events.some((event) => event.outcome === "awaiting_approval")) waiting.set(order.out_order_no, await readOrder(order));
  }
  const rows: NewTrailRow[] = [];
  const reviews: { key: string; state: "reviewed" | "flagged"; comment: string | null; at: Date }[] = [];
  demoHistory().forEach((order, index) => {
    const objectOf = (state: HistoryState) => historyOrderObject(order, index + 1, state, now);
    order.events.forEach((event, n) => {
      const key = `${KEY_PREFIX}${order.out_order_no}:${n}`;
      const createdAt = new Date(now.getTime() - event.agoMs);
      const resolvedAt = new Date(createdAt.getTime() + 800);
      const actor = event.actor === null ? EXTERNAL_ACTOR : (actors.get(event.actor) ?? EXTERNAL_ACTOR);
      const before = event.outcome === "awaiting_approval" ? (waiting.get(order.out_order_no) as ReturnType<typeof objectOf>) : objectOf(event.before);
      const after = objectOf(event.after);
      const base: NewTrailRow = {
        idempotencyKey: key,
        userId: actor.id,
        userName: actor.name,
        userRole: actor.role,
        createdAt,
        profileId: profileId(order),
        mode: order.mode,
        subMchid: order.sub_mchid,
        outOrderNo: order.out_order_no,
        operation: event.operation,
        requestBody: event.operation === "external" ? {} : bodyOf(order, event),
        orderBefore: before,
        totalBefore: event.before.total,
        reasonCategory: event.reasonCategory,
        reasonText: event.reasonText,
        internalNote: null,
      };
      if (event.operation === "external") {
        rows.push({ ...base, status: "succeeded", resolvedAt, reconciledAt: resolvedAt, orderAfter: after, totalAfter: event.after.total, delta: event.after.total - event.before.total, reconcileNote: TRAIL_NOTES.externalChange });
      } else if (event.outcome === "awaiting_approval") {
        rows.push({
          ...base,
          status: "awaiting_approval",
          totalAfter: event.after.total,
          delta: event.after.total - event.before.total,
          inflightKey: `${profileId(order)}|${order.sub_mchid ?? ""}|${order.out_order_no}`,
          approvalReasons: approvalReasons(DEMO_POLICY, { operation: "modify", order: before, newTotal: event.after.total, reasonCategory: event.reasonCategory }),
          requestInput: submissionOf(order, event),
          expiresAt: new Date(createdAt.getTime() + DEMO_POLICY.expiresHours * 3_600_000 + 24 * 3_600_000),
        });
      } else if (event.outcome === "failed") {
        const rateLimited = event.failure === "FREQUENCY_LIMITED";
        rows.push({
          ...base,
          status: "failed",
          resolvedAt,
          errorKind: rateLimited ? "api" : "order_changed",
          wechatCode: rateLimited ? "FREQUENCY_LIMITED" : null,
          wechatMessage: rateLimited ? "请求频率超过限制，请降低频率后重试" : null,
          httpStatus: rateLimited ? 429 : null,
          requestId: rateLimited ? requestIdOf(key) : null,
          sentAt: rateLimited ? createdAt : null,
          reconcileNote: rateLimited ? null : TRAIL_NOTES.orderChanged,
        });
      } else {
        rows.push({
          ...base,
          status: "succeeded",
          resolvedAt,
          sentAt: createdAt,
          orderAfter: after,
          totalAfter: event.after.total,
          delta: event.after.total - event.before.total,
          httpStatus: order.mode === "merchant" ? 200 : 204,
          requestId: requestIdOf(key),
          latencyMs: 120 + (index % 7) * 31,
        });
      }
      if (event.review) reviews.push({ key, state: event.review.state, comment: event.review.comment ?? null, at: new Date(resolvedAt.getTime() + 2 * 86_400_000) });
    });
  });
  await db.transaction(async (tx) => {
    for (let start = 0; start < rows.length; start += 100) await tx.insert(trail).values(rows.slice(start, start + 100));
    const ids = new Map((await tx.select({ id: trail.id, key: trail.idempotencyKey, createdAt: trail.createdAt }).from(trail).where(like(trail.idempotencyKey, `${KEY_PREFIX}%`))).map((row) => [row.key, row]));
    for (const review of reviews) {
      const row = ids.get(review.key);
      if (!row) continue;
      const at = review.at.getTime() > now.getTime() ? now : review.at;
      await tx.insert(reviewEvent).values({ trailId: row.id, action: review.state, comment: review.comment, userId: reviewer.id, userName: reviewer.name, userRole: "supervisor", createdAt: at });
      await tx.insert(trailReview).values({ trailId: row.id, state: review.state, trailCreatedAt: row.createdAt, updatedAt: at, updatedByName: reviewer.name, lastComment: review.comment });
    }
  });
  return rows.length;
}

/** `npm run sandbox:reset` asked for the demo history again: everything of the trail goes, then it is written anew. */
export async function resetDemoDataIfAsked(db: Db): Promise<boolean> {
  const marker = demoResetMarker();
  if (!existsSync(marker)) return false;
  await db.execute(sql`truncate review_event, trail_review, review_count, trail_event, notification, approval_policy, approval_policy_event, trail`);
  rmSync(marker, { force: true });
  return true;
}
