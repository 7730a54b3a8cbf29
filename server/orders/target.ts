// Which API identity an order is reached through: a profile, and for partner and institution
// profiles one of its sub-merchants; the industry of the service follows from it. One WeChat Pay
// client per profile, created once; a profile in platform-certificate mode has its client ask the
// certificate keeper about serials it does not know (server/certificates/keeper.ts).
import "server-only";
import type { IndustryId } from "@/lib/industries";
import { getProfile, type Profile, type SubMerchant } from "@/server/config/profiles";
import { certificateKeeperFor } from "@/server/certificates/keeper";
import { createWechatPayClient, type WechatPayClient, type WechatPayClientOptions } from "@/server/wechatpay/client";
import { queryServiceOrder, queryServiceOrderById, type QueryServiceOrderInput, type QueryServiceOrderResult } from "@/server/wechatpay/payscore";
import { MODE_ADAPTERS } from "./modes";
import type { TQueryByIdParams } from "@/lib/payscore/query";

export interface OrderTarget {
  profile: Profile;
  subMerchant: SubMerchant | null;
  industry: IndustryId;
}

/** Null when the profile or sub-merchant does not exist (or does not fit the mode). */
export function resolveTarget(profileId: string, subMchid: string | null): OrderTarget | null {
  const profile = getProfile(profileId);
  if (!profile) return null;
  if (profile.mode === "merchant") {
    if (subMchid !== null) return null;
    return { profile, subMerchant: null, industry: profile.industry ?? "generic" };
  }
  const subMerchant = profile.subMerchants.find((entry) => entry.sub_mchid === subMchid);
  return subMerchant ? { profile, subMerchant, industry: subMerchant.industry } : null;
}

const clients = new Map<string, WechatPayClient>();

/** A new client with the profile's identity, keys and timeout; tests and the bench override the rest. */
export function createProfileClient(profile: Profile, overrides: Pick<WechatPayClientOptions, "transport" | "now" | "timeoutMs"> = {}): WechatPayClient {
  return createWechatPayClient({
    mchid: profile.mchid,
    serial: profile.merchantSerial,
    privateKey: profile.privateKey,
    verifiers: profile.verifiers,
    resolveUnknownSerial: profile.certificateMode ? (serial, { client }) => certificateKeeperFor(profile).resolveUnknownSerial(serial, client) : undefined,
    baseUrl: profile.apiBaseUrl,
    timeoutMs: profile.timeoutMs,
    ...overrides,
  });
}

/** The profile's client, created once. */
export function clientFor(profile: Profile): WechatPayClient {
  let client = clients.get(profile.id);
  if (!client) {
    client = createProfileClient(profile);
    clients.set(profile.id, client);
  }
  return client;
}

/** Reads the order through the profile's identity (the mode's query parameters: ./modes.ts). */
export function queryOrder(target: OrderTarget, outOrderNo: string): Promise<QueryServiceOrderResult> {
  return queryServiceOrder(clientFor(target.profile), { mode: target.profile.mode, params: MODE_ADAPTERS[target.profile.mode].query(target, outOrderNo) } as QueryServiceOrderInput);
}

/** Reads an order by WeChat's order number (query_id): the lookup form's second way in. */
export function queryOrderById(target: OrderTarget, queryId: string): Promise<QueryServiceOrderResult> {
  const { out_order_no: _byNumber, ...identity } = MODE_ADAPTERS[target.profile.mode].query(target, "-");
  return queryServiceOrderById(clientFor(target.profile), { mode: target.profile.mode, params: { ...identity, query_id: queryId } as TQueryByIdParams });
}
