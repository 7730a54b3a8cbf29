"use client";
// The agent's order page in the browser: the order card, its trail and the actions an agent may
// take now (others shown disabled with the reason). TanStack Query keeps it fresh without a reload
// and polls while the order waits for the user's payment (./order-queries.ts); after a modify or
// complete the card and trail show what the action answered — the state WeChat confirmed, never an
// optimistic one — without reading the order again.
import dynamic from "next/dynamic";
import { Suspense, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import type { IndustryId } from "@/lib/industries";
import type { PublicProfile, SubMerchant } from "@/lib/profiles";
import type { Capability } from "@/lib/auth/roles";
import { completeStateProblem, modifyStateProblem } from "@/lib/payscore/rules";
import { isAwaitingPayment, type OrderSnapshot } from "@/lib/orders/snapshot";
import { queryKeys } from "@/lib/query-keys";
import { OrderCard } from "./order-card";
import { TrailList } from "./trail-list";
// Each form is its own chunk: the tab not open when the page loads is fetched when the agent opens
// it (the open one is server-rendered and hydrated as before).
const formLoading = () => <div className="h-96 animate-pulse rounded-lg bg-slate-100" aria-busy="true" />;
const ModifyForm = dynamic(() => import("./modify-form").then((module) => module.ModifyForm), { loading: formLoading });
const CompleteForm = dynamic(() => import("./complete-form").then((module) => module.CompleteForm), { loading: formLoading });
import { OperationResultPanel } from "./operation-result-panel";
import type { ActionResult } from "@/lib/actions/result";
import type { OperationSuccess } from "@/lib/orders/operation-result";
import { POLL_INTERVAL_MS, useOrderSnapshot } from "./order-queries";

interface Props {
  profile: PublicProfile;
  subMerchant: SubMerchant | null;
  industry: IndustryId;
  outOrderNo: string;
  initial: OrderSnapshot;
  capabilities: Partial<Record<Capability, boolean>>;
}

type Tab = "modify" | "complete";

export function OrderWorkspace({ profile, subMerchant, industry, outOrderNo, initial, capabilities }: Props) {
  const t = useTranslations("orders");
  const format = useFormatter();
  const locale = useLocale();
  const subMchid = subMerchant?.sub_mchid ?? null;
  const ref = { profileId: profile.id, subMchid, outOrderNo };
  const queryClient = useQueryClient();
  const { data: snapshot, isFetching, error, refetch } = useOrderSnapshot(ref, initial);
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.order(ref) });
  const order = snapshot.order;
  const modifyProblem = capabilities.canModify ? modifyStateProblem(profile.mode, order, snapshot.modifyCount)?.reason : "role";
  const completeProblem = capabilities.canComplete ? completeStateProblem(profile.mode, order)?.reason : "role";
  const [tab, setTab] = useState<Tab>(modifyProblem === undefined || completeProblem !== undefined ? "modify" : "complete");
  // The forms keep what the agent typed across refreshes (they notice a changed order themselves and
  // the server refuses to act on a stale one). After a success the form shows its own result; when
  // the action is no longer available (a completed order, partner mode's one modify) the form is
  // gone, so the result is shown here instead.
  const [lastResult, setLastResult] = useState<{ kind: Tab; data: OperationSuccess } | null>(null);
  // The mutation already put the answer into the cache (order-queries.ts); after a refusal the
  // form's "reload" lands here and the order is read again.
  const settledFor = (kind: Tab) => (result: ActionResult<OperationSuccess>) => {
    if (result.ok) setLastResult({ kind, data: result.data });
    else void refresh();
  };
  const problemOf = (kind: Tab) => (kind === "modify" ? modifyProblem : completeProblem);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
        <span>
          {t("order.identity")}: <span className="font-medium text-slate-900">{profile.label}</span>
          {subMerchant ? ` · ${subMerchant.label} (${subMerchant.sub_mchid})` : ""}
        </span>
        <span aria-live="polite">
          {isFetching ? t("order.refreshing") : t("order.updatedAt", { time: format.dateTime(new Date(snapshot.fetchedAt), { timeStyle: "medium" }) })}
        </span>
        {isAwaitingPayment(order) ? <span className="text-amber-800">{t("order.polling", { seconds: POLL_INTERVAL_MS / 1000 })}</span> : null}
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
      {/* Two Suspense boundaries: React hydrates each in its own task, so the page's hydration is
          not one long task (Lighthouse's Total Blocking Time); nothing here suspends. */}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
        <Suspense fallback={null}>
          <div className="space-y-6">
            <OrderCard order={order} />
            <section className="space-y-2">
              <h2 className="text-base font-semibold">
                {t("order.trail")}{" "}
                <span className="text-sm font-normal text-slate-500">· {t("order.modifyCount", { count: snapshot.modifyCount })}</span>
              </h2>
              {profile.mode === "partner" ? <p className="text-xs text-slate-500">{t("order.partnerLimit")}</p> : null}
              <TrailList rows={snapshot.trail} locale={locale} canReconcile={capabilities.canModify === true} onReconciled={() => void refresh()} />
            </section>
          </div>
        </Suspense>
        <Suspense fallback={null}>
          <section className="space-y-3" aria-labelledby="actions-title">
            <h2 id="actions-title" className="text-base font-semibold">
              {t("order.actions")}
            </h2>
            {lastResult && problemOf(lastResult.kind) ? (
              <OperationResultPanel kind={lastResult.kind} data={lastResult.data} onDismiss={() => setLastResult(null)} />
            ) : null}
            <div role="tablist" aria-label={t("order.actions")} className="flex gap-2 border-b border-slate-200">
              {(["modify", "complete"] as const).map((name) => (
                <button
                  key={name}
                  type="button"
                  role="tab"
                  id={`tab-${name}`}
                  aria-selected={tab === name}
                  aria-controls={`panel-${name}`}
                  onClick={() => setTab(name)}
                  className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-blue-600 ${
                    tab === name ? "border-blue-600 text-blue-700" : "border-transparent text-slate-600 hover:text-slate-900"
                  }`}
                >
                  {t(`order.${name}`)}
                </button>
              ))}
            </div>
            <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
              {tab === "modify" ? (
                modifyProblem ? (
                  <p className="rounded-md bg-slate-100 p-3 text-sm text-slate-700" data-testid="modify-disabled">
                    {t(`disabled.modify.${modifyProblem}`)}
                  </p>
                ) : (
                  <ModifyForm
                    profile={profile}
                    subMchid={subMchid}
                    order={order}
                    industry={industry}
                    modifyCount={snapshot.modifyCount}
                    onSettled={settledFor("modify")}
                  />
                )
              ) : completeProblem ? (
                <p className="rounded-md bg-slate-100 p-3 text-sm text-slate-700" data-testid="complete-disabled">
                  {t(`disabled.complete.${completeProblem}`)}
                </p>
              ) : (
                <CompleteForm
                  profile={profile}
                  subMchid={subMchid}
                  order={order}
                  industry={industry}
                  onSettled={settledFor("complete")}
                />
              )}
            </div>
          </section>
        </Suspense>
      </div>
    </div>
  );
}
