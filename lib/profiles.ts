// What the browser may know about a merchant profile (no key paths, no keys).
import type { IndustryId } from "./industries";
import type { TMode } from "./payscore/fields";

export interface SubMerchant {
  sub_mchid: string;
  label: string;
  industry: IndustryId;
}

export interface PublicProfile {
  id: string;
  label: string;
  mode: TMode;
  mchid: string;
  appid?: string;
  service_id: string;
  channel_id?: string;
  industry?: IndustryId;
  subMerchants: SubMerchant[];
  isSandbox: boolean;
}
