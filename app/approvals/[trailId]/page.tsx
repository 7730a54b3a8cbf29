import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ApprovalDecision } from "@/components/approvals/approval-decision";
import { ApprovalOrderNow } from "@/components/approvals/approval-order-now";
import { ApprovalLines, ApprovalRequestFacts } from "@/components/approvals/approval-request";
import { ApprovalOutcomeBadge } from "@/components/approvals/approval-text";
import { MakerHistory } from "@/components/approvals/maker-history";
import { TrailStatusBadge } from "@/components/review/review-badges";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { ZDecideRequest } from "@/lib/approvals/actions";
import { orderPagePath } from "@/lib/orders/snapshot";
import type { TServiceOrder } from "@/lib/payscore/order";
import { reviewSearchString } from "@/lib/review/filters";
import { requireCapability } from "@/server/auth/guard";
import { getPublicProfiles } from "@/server/config/profiles";
import { getDb } from "@/server/db";
import { findMakerHistory } from "@/server/approvals/queries";
import { loadOrderSnapshot } from "@/server/orders/snapshot";
import { resolveTarget } from "@/server/orders/target";
import { findReviewDetail } from "@/server/review/queries";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("approvals");
  return { title: t("metaTitle") };
}

// One request, for the checker: the request and its line-by-line difference, the order as it is now
// (queried), the decision, and the maker's history on this merchant — read in parallel.
export default async function ApprovalPage({ params }: { params: Promise<{ trailId: string }> }) {
  const user = await requireCapability("canApprove");
  const { trailId } = await params;
  if (!ZDecideRequest.safeParse({ trailId }).success) notFound();
  const db = await getDb();
  const detail = await findReviewDetail(db, trailId, { kind: "all" });
  const approval = detail?.row.approval;
  if (!detail || !approval) notFound();
  const { row } = detail;
  const target = resolveTarget(row.profileId, row.subMchid);
  const [t, tOrders, snapshot, history] = await Promise.all([
    getTranslations("approvals"),
    getTranslations("orders"),
    target ? loadOrderSnapshot(target, row.outOrderNo) : null,
    findMakerHistory(db, { userId: row.userId, profileId: row.profileId, subMchid: row.subMchid, excludeId: row.id }),
  ]);
  const profileLabel = getPublicProfiles().find((profile) => profile.id === row.profileId)?.label ?? row.profileId;
  const ref = { profileId: row.profileId, subMchid: row.subMchid, outOrderNo: row.outOrderNo };
  const requestOrder = (detail.orderBefore as TServiceOrder | null) ?? null;
  const now = new Date();
  const isExpired = approval.expiresAt !== null && new Date(approval.expiresAt).getTime() <= now.getTime();

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold break-all text-slate-900">{t("detail.title", { no: row.outOrderNo })}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <ApprovalOutcomeBadge outcome={approval.outcome} />
            {approval.outcome === "approved" ? <TrailStatusBadge status={row.status} label={tOrders(`trailStatus.${row.status}`)} /> : null}
            <span>
              {tOrders(`operations.${row.operation}`)} · {profileLabel}
              {row.subMchid ? ` · ${row.subMchid}` : ""}
            </span>
          </p>
        </div>
        <div className="ml-auto flex flex-wrap gap-2">
          <Link href={orderPagePath(row.profileId, row.outOrderNo, row.subMchid)} className={buttonClass({ variant: "secondary", size: "sm" })}>
            {t("detail.openOrder")}
          </Link>
          <Link href="/approvals" className={buttonClass({ variant: "ghost", size: "sm" })}>
            {t("detail.back")}
          </Link>
        </div>
      </div>

      {/* Wide: the request on the left, the order now and the decision beside it. Narrow: the
          request, its lines, then the order and the decision, then the maker's history. */}
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="min-w-0 space-y-4 lg:col-start-1">
          <ApprovalRequestFacts detail={detail} now={now} />
          <ApprovalLines detail={detail} />
        </div>
        <div className="min-w-0 space-y-4 self-start lg:col-start-2 lg:row-span-2 lg:row-start-1">
          {snapshot?.ok ? (
            <ApprovalOrderNow order={ref} initial={snapshot.snapshot} trailId={row.id} requestOrder={requestOrder} />
          ) : (
            <Alert tone="warning" role="status">
              {t("order.loadError", { code: snapshot ? (snapshot.error.upstream?.code ?? snapshot.error.code) : "NOT_FOUND" })}
            </Alert>
          )}
          <ApprovalDecision
            request={{
              trailId: row.id,
              order: ref,
              makerName: row.userName,
              isOwn: row.userId === user.id,
              isExpired,
              approval,
              totalBefore: row.totalBefore,
              totalAfter: row.totalAfter,
              delta: row.delta,
              requestOrder,
            }}
          />
        </div>
        <div className="min-w-0 lg:col-start-1">
          <MakerHistory
            history={{
              ...history,
              reviewHref: `/review${reviewSearchString({ agent: row.userId, profile: row.profileId })}`,
            }}
          />
        </div>
      </div>
    </div>
  );
}
