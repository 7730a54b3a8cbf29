// /orders/find?profile=…&sub=…&query_id=…: an order looked up by WeChat's order number (query_id,
// Decision 22) opens on its own page, addressed by out_order_no like every other; when WeChat has
// no such order under that identity, or the query fails, the agent is told why.
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { orderPagePath } from "@/lib/orders/snapshot";
import { requireCapability } from "@/server/auth/guard";
import { getProfile } from "@/server/config/profiles";
import { queryOrderById, resolveTarget } from "@/server/orders/target";
import { toUpstreamInfo } from "@/server/wechatpay/errors";

export const dynamic = "force-dynamic";

const QUERY_ID_RE = /^[0-9A-Za-z]{1,32}$/;

function single(value: string | string[] | undefined): string | null {
  return typeof value === "string" ? value : null;
}

export default async function FindOrderPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireCapability("canLookup");
  const [params, t] = await Promise.all([searchParams, getTranslations("orders.lookup")]);
  const profileId = single(params.profile) ?? "";
  const sub = single(params.sub);
  const queryId = single(params.query_id) ?? "";
  const target = QUERY_ID_RE.test(queryId) ? resolveTarget(profileId, sub && sub !== "" ? sub : null) : null;
  let message: string;
  if (!target) {
    message = t("findInvalid");
  } else {
    let found: string | null = null;
    try {
      found = (await queryOrderById(target, queryId)).order.out_order_no;
    } catch (error) {
      const upstream = toUpstreamInfo(error);
      found = null;
      message =
        upstream.code === "ORDER_NOT_EXIST"
          ? t("findNotFound", { profile: getProfile(profileId)?.label ?? profileId, queryId })
          : t("findFailed", { code: upstream.code, message: upstream.message });
    }
    if (found) redirect(orderPagePath(target.profile.id, found, target.subMerchant?.sub_mchid ?? null));
    message ??= t("findInvalid");
  }
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("findTitle")}</h1>
      <p role="alert" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900" data-testid="find-error">
        {message}
      </p>
      <Link href="/orders" className="text-sm text-blue-700 underline-offset-2 hover:underline">
        {t("back")}
      </Link>
    </div>
  );
}
