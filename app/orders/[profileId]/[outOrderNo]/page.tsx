// The order page. Page params arrive still percent-encoded: decoded once here, then the order number
// and `sub` are checked (lib/orders/order-address) before anything is looked up or sent; a bad one
// gets a plain "invalid order number / sub-merchant number" instead of an error. An unknown merchant
// identity or sub-merchant, or an order WeChat Pay does not have, is notFound() (./not-found.tsx);
// while WeChat Pay answers, ./loading.tsx shows.
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { errorMessage } from "@/lib/actions/error-message";
import { decodePathSegment, parseOrderAddress } from "@/lib/orders/order-address";
import { ROLE_MATRIX, requireCapability } from "@/server/auth/guard";
import { toPublicProfile } from "@/server/config/profiles";
import { resolveTarget } from "@/server/orders/target";
import { loadOrderSnapshot } from "@/server/orders/snapshot";
import { findApprovalPolicy } from "@/server/approvals/policies";
import { getDb } from "@/server/db";
import { isSandboxMode } from "@/server/env";
import { OrderTitle } from "@/components/orders/order-title";
import { OrderWorkspace } from "@/components/orders/order-workspace";

export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ profileId: string; outOrderNo: string }>;
  searchParams: Promise<{ sub?: string | string[] }>;
}

export default async function OrderPage({ params, searchParams }: Props) {
  const user = await requireCapability("canLookup");
  const [{ profileId: rawProfileId, outOrderNo: rawNo }, { sub }, t, tf] = await Promise.all([
    params,
    searchParams,
    getTranslations("orders"),
    getTranslations("orderForm"),
  ]);
  // An undecodable one (a lone "%") is refused by proxy.ts before it gets here; "\u0000" stays invalid.
  const address = parseOrderAddress({ outOrderNo: decodePathSegment(rawNo) ?? "\u0000", sub });
  if (!address.ok) {
    const bad = new Set(address.issues.map((issue) => issue.path[0]));
    return (
      <div className="space-y-4">
        <div className="flex flex-wrap items-baseline gap-3">
          <h1 className="text-2xl font-semibold">{t("order.invalidHeading")}</h1>
          <Link href="/orders" className="text-sm text-blue-700 underline-offset-2 hover:underline">
            {t("order.back")}
          </Link>
        </div>
        <div role="alert" className="space-y-1 rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-900">
          {bad.has("out_order_no") ? <p>{t("order.invalidNo")}</p> : null}
          {bad.has("sub_mchid") ? <p>{t("order.invalidSub")}</p> : null}
        </div>
      </div>
    );
  }
  const { outOrderNo, subMchid } = address;
  const profileId = decodePathSegment(rawProfileId);
  const target = profileId === null ? null : resolveTarget(profileId, subMchid);
  if (!target) notFound();
  const [result, approvalPolicy] = await Promise.all([loadOrderSnapshot(target, outOrderNo), getDb().then((db) => findApprovalPolicy(db, target))]);
  if (!result.ok && result.error.code === "NOT_FOUND") notFound();
  return (
    <div className="space-y-4">
      <OrderTitle outOrderNo={outOrderNo} />
      {result.ok ? (
        <OrderWorkspace
          profile={toPublicProfile(target.profile)}
          subMerchant={target.subMerchant}
          industry={target.industry}
          outOrderNo={outOrderNo}
          initial={result.snapshot}
          capabilities={ROLE_MATRIX[user.role]}
          approvalPolicy={approvalPolicy}
          viewerId={user.id}
          sandbox={isSandboxMode()}
        />
      ) : (
        <div role="alert" className="space-y-1 rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-900">
          <p>{t("order.loadError", { code: result.error.upstream?.code ?? result.error.code })}</p>
          <p>{tf(errorMessage(result.error).key)}</p>
          {result.error.upstream?.message ? <p>{result.error.upstream.message}</p> : null}
          {result.error.upstream?.requestId ? (
            <p className="font-mono text-xs">
              {t("order.requestId")} {result.error.upstream.requestId}
            </p>
          ) : null}
        </div>
      )}
    </div>
  );
}
