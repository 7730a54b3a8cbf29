"use client";
// The agent's order page in the browser: the order card, its trail and the actions an agent may
// take now (others shown disabled with the reason). TanStack Query keeps it fresh without a reload
// and polls while the order waits for the user's payment (./order-queries.ts); after a modify or
// complete the card and trail show what the action answered — the state WeChat confirmed, never an
// optimistic one — without reading the order again.
import dynamic from "next/dynamic";
import { memo, useCallback, useMemo, useState, useTransition } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useDateTime } from "@/components/i18n/use-date-time";
import type { IndustryId } from "@/lib/industries";
import type { PublicProfile, SubMerchant } from "@/lib/profiles";
import type { Capability } from "@/lib/auth/roles";
import { cancelStateProblem, completeStateProblem, modifyStateProblem, syncStateProblem } from "@/lib/payscore/rules";
import type { ApprovalPolicy } from "@/lib/approvals/policy";
import type { TServiceOrder } from "@/lib/payscore/order";
import { isAwaitingPayment, type OrderSnapshot, type TrailRowView } from "@/lib/orders/snapshot";
import { queryKeys, type OrderRef } from "@/lib/query-keys";
import { OrderCard } from "./order-card";
import { TrailList } from "./trail-list";
// Each form is its own chunk. The open one is server-rendered in place and its chunk preloaded from
// the HTML (next/dynamic's PreloadChunks); the others are fetched when their tab is opened. The
// loading state takes no room: the server streams a form's HTML after its fallback (React outlines a
// boundary that large), and a skeleton there was painted and then replaced — the swap moved the page
// (Lighthouse CLS 0.25 desktop, 0.52 mobile). A tab switch is a transition: the open tab stays on
// screen, dimmed, while the next form loads.
const formLoading = () => <span className="sr-only" aria-busy="true" />;
const ModifyForm = dynamic(() => import("./modify-form").then((module) => module.ModifyForm), { loading: formLoading });
const CompleteForm = dynamic(() => import("./complete-form").then((module) => module.CompleteForm), { loading: formLoading });
const LifecycleForm = dynamic(() => import("./lifecycle-form").then((module) => module.LifecycleForm), { loading: formLoading });
import { AwaitingApprovalBanner } from "./approval-notes";
import { SandboxControls } from "./sandbox-controls";
import { OperationResultPanel } from "./operation-result-panel";
import type { ActionResult } from "@/lib/actions/result";
import type { OperationSuccess } from "@/lib/orders/operation-result";
import { useOrderSnapshot } from "./order-queries";
import { useOrderEvents } from "./order-events";

interface Props {
  profile: PublicProfile;
  subMerchant: SubMerchant | null;
  industry: IndustryId;
  outOrderNo: string;
  initial: OrderSnapshot;
  capabilities: Partial<Record<Capability, boolean>>;
  /** The four-eyes policy for this order's identity (null: none), for the forms' "needs approval" hint. */
  approvalPolicy?: ApprovalPolicy | null;
  /** The signed-in user's id: "you submitted it" vs "<name> submitted it". */
  viewerId?: string;
  /** The console runs on its sandbox: show the controls that play the user's side. */
  sandbox?: boolean;
}

const TABS = ["modify", "complete", "cancel", "sync"] as const;
type Tab = (typeof TABS)[number];
type Problems = Record<Tab, string | undefined>;
type LastResult = { kind: Tab; data: OperationSuccess };

export function OrderWorkspace({ profile, subMerchant, industry, outOrderNo, initial, capabilities, approvalPolicy = null, viewerId = "", sandbox = false }: Props) {
  const t = useTranslations("orders");
  const dateTime = useDateTime();
  const subMchid = subMerchant?.sub_mchid ?? null;
  const profileId = profile.id;
  const ref = useMemo<OrderRef>(() => ({ profileId, subMchid, outOrderNo }), [profileId, subMchid, outOrderNo]);
  const queryClient = useQueryClient();
  const { data: snapshot, isFetching, error, refetch } = useOrderSnapshot(ref, initial);
  useOrderEvents(ref);
  const refresh = useCallback(() => void queryClient.invalidateQueries({ queryKey: queryKeys.order(ref) }), [queryClient, ref]);
  const order = snapshot.order;
  const modifyProblem = capabilities.canModify ? modifyStateProblem(profile.mode, order, snapshot.modifyCount)?.reason : "role";
  const completeProblem = capabilities.canComplete ? completeStateProblem(profile.mode, order)?.reason : "role";
  const cancelProblem = capabilities.canModify ? cancelStateProblem(profile.mode, order)?.reason : "role";
  const syncProblem = capabilities.canModify ? syncStateProblem(profile.mode, order)?.reason : "role";
  const problems = useMemo<Problems>(
    () => ({ modify: modifyProblem, complete: completeProblem, cancel: cancelProblem, sync: syncProblem }),
    [modifyProblem, completeProblem, cancelProblem, syncProblem],
  );
  const [tab, setTab] = useState<Tab>(modifyProblem === undefined || completeProblem !== undefined ? "modify" : "complete");
  const [switching, startSwitch] = useTransition();
  const openTab = useCallback((next: Tab) => startSwitch(() => setTab(next)), []);
  // A change waiting for a supervisor holds the order (nothing else can start until it is decided
  // or withdrawn): the banner says so and the forms stay closed.
  const awaiting = snapshot.trail.find((row) => row.status === "awaiting_approval") ?? null;
  // The forms keep what the agent typed across refreshes (they notice a changed order themselves and
  // the server refuses to act on a stale one). After a success the form shows its own result; when
  // the action is no longer available (a completed order, partner mode's one modify) the form is
  // gone, so the result is shown here instead.
  const [lastResult, setLastResult] = useState<LastResult | null>(null);
  // The mutation already put the answer into the cache (order-queries.ts); after a refusal the
  // form's "reload" lands here and the order is read again.
  const onSettled = useCallback(
    (kind: Tab, result: ActionResult<OperationSuccess>) => {
      if (result.ok) setLastResult({ kind, data: result.data });
      else refresh();
    },
    [refresh],
  );
  const dismissResult = useCallback(() => setLastResult(null), []);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
        <span>
          {t("order.identity")}: <span className="font-medium text-slate-900">{profile.label}</span>
          {subMerchant ? ` · ${subMerchant.label} (${subMerchant.sub_mchid})` : ""}
        </span>
        <span aria-live="polite">
          {isFetching ? t("order.refreshing") : t("order.updatedAt", { time: dateTime(snapshot.fetchedAt, "time") })}
        </span>
        {isAwaitingPayment(order) ? <span className="text-amber-800">{t("order.polling")}</span> : null}
        <button
          type="button"
          onClick={() => void refetch()}
          className="ml-auto rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
        >
          {t("order.refresh")}
        </button>
      </div>
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {t("order.loadError", { code: error.message })}
        </p>
      ) : null}
      {/* The two columns are memoised with stable props: a re-render of this component that changes
          nothing they show (the snapshot query settling after mount, "refreshing…") must not reach
          them. New props on the form's Suspense boundary before it hydrated (its chunk still
          loading) made React drop the server's form and render it again on the client, in one
          long task. No Suspense boundary of their own: Next hydrates in a transition, in small
          interruptible steps already, and the server streamed each large boundary on its own —
          the actions column arrived first, in the order column's place, and moved over when that
          came (Lighthouse CLS 0.18). */}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
        <OrderColumn
          orderRef={ref}
          order={order}
          trail={snapshot.trail}
          modifyCount={snapshot.modifyCount}
          partner={profile.mode === "partner"}
          sandbox={sandbox}
          canReconcile={capabilities.canModify === true}
          onReconciled={refresh}
        />
        <ActionsColumn
          tab={tab}
          switching={switching}
          onTab={openTab}
          problems={problems}
          lastResult={lastResult}
          onDismissResult={dismissResult}
          awaiting={awaiting}
          viewerId={viewerId}
          profile={profile}
          subMchid={subMchid}
          order={order}
          industry={industry}
          modifyCount={snapshot.modifyCount}
          approvalPolicy={approvalPolicy}
          onSettled={onSettled}
        />
      </div>
    </div>
  );
}

interface OrderColumnProps {
  orderRef: OrderRef;
  order: TServiceOrder;
  trail: TrailRowView[];
  modifyCount: number;
  partner: boolean;
  sandbox: boolean;
  canReconcile: boolean;
  onReconciled: () => void;
}

/** The order card, the sandbox's user controls and the trail. */
const OrderColumn = memo(function OrderColumn({ orderRef, order, trail, modifyCount, partner, sandbox, canReconcile, onReconciled }: OrderColumnProps) {
  const t = useTranslations("orders");
  const locale = useLocale();
  return (
    <div className="space-y-6">
      <OrderCard order={order} />
      {sandbox ? <SandboxControls orderRef={orderRef} order={order} /> : null}
      <section className="space-y-2">
        <h2 className="text-base font-semibold">
          {t("order.trail")} <span className="text-sm font-normal text-slate-500">· {t("order.modifyCount", { count: modifyCount })}</span>
        </h2>
        {partner ? <p className="text-xs text-slate-500">{t("order.partnerLimit")}</p> : null}
        <TrailList rows={trail} locale={locale} canReconcile={canReconcile} onReconciled={onReconciled} />
      </section>
    </div>
  );
});

interface ActionsColumnProps {
  tab: Tab;
  /** A tab was chosen and its form is still loading: the open one stays until it is there. */
  switching: boolean;
  onTab: (tab: Tab) => void;
  problems: Problems;
  lastResult: LastResult | null;
  onDismissResult: () => void;
  awaiting: TrailRowView | null;
  viewerId: string;
  profile: PublicProfile;
  subMchid: string | null;
  order: TServiceOrder;
  industry: IndustryId;
  modifyCount: number;
  approvalPolicy: ApprovalPolicy | null;
  onSettled: (kind: Tab, result: ActionResult<OperationSuccess>) => void;
}

/** The tabs of what may be done now, the open tab's form (or why it is closed), and the last answer. */
const ActionsColumn = memo(function ActionsColumn({
  tab,
  switching,
  onTab,
  problems,
  lastResult,
  onDismissResult,
  awaiting,
  viewerId,
  profile,
  subMchid,
  order,
  industry,
  modifyCount,
  approvalPolicy,
  onSettled,
}: ActionsColumnProps) {
  const t = useTranslations("orders");
  const settled = useMemo(
    () => ({
      modify: (result: ActionResult<OperationSuccess>) => onSettled("modify", result),
      complete: (result: ActionResult<OperationSuccess>) => onSettled("complete", result),
      cancel: (result: ActionResult<OperationSuccess>) => onSettled("cancel", result),
      sync: (result: ActionResult<OperationSuccess>) => onSettled("sync", result),
    }),
    [onSettled],
  );
  // The request the agent has just made is shown by its own answer panel (expiry, trail id,
  // withdraw); any other waiting request — a colleague's, or one seen on a later visit — by the banner.
  const justRequested = awaiting !== null && lastResult?.data.trailId === awaiting.id;
  const problem = problems[tab];
  return (
    <section className="space-y-3" aria-labelledby="actions-title">
        <h2 id="actions-title" className="text-base font-semibold">
          {t("order.actions")}
        </h2>
        {lastResult && (problems[lastResult.kind] || justRequested) ? (
          <OperationResultPanel kind={lastResult.kind} data={lastResult.data} onDismiss={onDismissResult} />
        ) : null}
        <div role="tablist" aria-label={t("order.actions")} className="flex gap-2 border-b border-slate-200">
          {TABS.map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              id={`tab-${name}`}
              aria-selected={tab === name}
              aria-controls={`panel-${name}`}
              onClick={() => onTab(name)}
              className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-blue-600 ${
                tab === name ? "border-blue-600 text-blue-700" : "border-transparent text-slate-600 hover:text-slate-900"
              }`}
            >
              {t(`order.${name}`)}
            </button>
          ))}
        </div>
        {awaiting && !justRequested ? <AwaitingApprovalBanner row={awaiting} viewerId={viewerId} /> : null}
        <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} aria-busy={switching || undefined} className={switching ? "opacity-60 transition-opacity" : undefined}>
          {awaiting ? null : problem ? (
            <p className="rounded-md bg-slate-100 p-3 text-sm text-slate-700" data-testid={`${tab}-disabled`}>
              {t(`disabled.${tab}.${problem}`)}
            </p>
          ) : tab === "modify" ? (
            <ModifyForm
              profile={profile}
              subMchid={subMchid}
              order={order}
              industry={industry}
              modifyCount={modifyCount}
              approvalPolicy={approvalPolicy}
              onSettled={settled.modify}
            />
          ) : tab === "complete" ? (
            <CompleteForm profile={profile} subMchid={subMchid} order={order} industry={industry} approvalPolicy={approvalPolicy} onSettled={settled.complete} />
          ) : (
            <LifecycleForm key={tab} kind={tab} profile={profile} subMchid={subMchid} order={order} approvalPolicy={approvalPolicy} onSettled={settled[tab]} />
          )}
        </div>
    </section>
  );
});
