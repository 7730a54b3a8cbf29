"use client";
// The order page's heading while the page waits for WeChat Pay (its loading.tsx, which gets no
// params): the order number read from the URL and checked as the page checks it; a grey bar when it
// is not a valid one (the page then says so).
import { useParams } from "next/navigation";
import { HeadingSkeleton } from "@/components/shell/page-loading";
import { decodePathSegment, parseOrderAddress } from "@/lib/orders/order-address";
import { OrderTitle } from "./order-title";

export function OrderTitleFromRoute() {
  const params = useParams<{ outOrderNo?: string }>();
  const raw = typeof params.outOrderNo === "string" ? decodePathSegment(params.outOrderNo) : null;
  const address = raw === null ? null : parseOrderAddress({ outOrderNo: raw, sub: undefined });
  return address?.ok ? <OrderTitle outOrderNo={address.outOrderNo} /> : <HeadingSkeleton intro={false} />;
}
