// The demo identities that sandbox mode runs with: one API identity per mode, sub-merchants for
// every industry template, and the key files they sign with. The sandbox server and the console's
// sandbox profiles both read this module, so the two sides always agree on who is who.
import "server-only";
import type { IndustryId } from "@/lib/industries";

export interface SandboxSubMerchant {
  sub_mchid: string;
  label: string;
  industry: IndustryId;
}

export interface SandboxIdentity {
  /** Profile id in the console. */
  id: string;
  label: string;
  mode: "merchant" | "partner" | "institution";
  mchid: string;
  /** Serial of the (imaginary) merchant API certificate. */
  serial: string;
  /** File name of the merchant private key inside the sandbox key folder. */
  keyFile: string;
  appid?: string;
  service_id: string;
  channel_id?: string;
  /** Industry of a merchant-mode service. */
  industry?: IndustryId;
  subMerchants: SandboxSubMerchant[];
}

/** The sandbox's own "微信支付公钥" id; answers carry it in Wechatpay-Serial. */
export const SANDBOX_PLATFORM_PUBLIC_KEY_ID = "PUB_KEY_ID_0119000001012026112500000000000001";
export const SANDBOX_PLATFORM_KEY_FILE = "platform_private.pem";
export const SANDBOX_PLATFORM_PUBLIC_FILE = "platform_public.pem";
/** The sandbox's certificate authority ("Tenpay sandbox root"): its key and self-signed certificate. */
export const SANDBOX_CA_KEY_FILE = "platform_ca_private.pem";
export const SANDBOX_CA_CERTIFICATE_FILE = "platform_ca_certificate.pem";
/** The first platform certificate: the platform key, certified by the sandbox root. */
export const SANDBOX_PLATFORM_CERTIFICATE_FILE = "platform_certificate.pem";

const ALL_INDUSTRIES: { industry: IndustryId; label: string }[] = [
  { industry: "ebike_charging", label: "小驴充电（二轮电动车充电桩）" },
  { industry: "power_bank", label: "满电充电宝" },
  { industry: "bike_sharing", label: "青橙单车" },
  { industry: "express", label: "快达快递" },
  { industry: "smart_retail", label: "无人便利柜" },
  { industry: "car_charging", label: "星电汽车充电" },
  { industry: "car_rental", label: "安心租车" },
  { industry: "hotel", label: "中关村假日酒店" },
  { industry: "generic", label: "通用服务商户" },
];

function subMerchants(prefix: string): SandboxSubMerchant[] {
  return ALL_INDUSTRIES.map((entry, index) => ({
    sub_mchid: `${prefix}${String(index + 1).padStart(2, "0")}`,
    label: entry.label,
    industry: entry.industry,
  }));
}

export const SANDBOX_IDENTITIES: readonly SandboxIdentity[] = [
  {
    id: "demo-merchant",
    label: "演示直连商户（酒店）",
    mode: "merchant",
    mchid: "1900000101",
    serial: "5A1E0C6B8B0E4D0D9C7F3A2B1C0D9E8F7A6B5C4D",
    keyFile: "merchant_1900000101.pem",
    appid: "wxd678efh567hg6787",
    service_id: "00002000000000558128851361561536",
    industry: "hotel",
    subMerchants: [],
  },
  {
    id: "demo-partner",
    label: "演示服务商",
    mode: "partner",
    mchid: "1900000201",
    serial: "6B2F1D7C9C1F5E1EAD804B3C2D1EAF908B7C6D5E",
    keyFile: "merchant_1900000201.pem",
    service_id: "00002000000000558128851361562222",
    subMerchants: subMerchants("19000012"),
  },
  {
    id: "demo-institution",
    label: "演示从业机构",
    mode: "institution",
    mchid: "1900000301",
    serial: "7C302E8DAD206F2FBE915C4D3E2FB0A19C8D7E6F",
    keyFile: "merchant_1900000301.pem",
    service_id: "00002000000000558128851361563333",
    channel_id: "1900000399",
    subMerchants: subMerchants("19000013"),
  },
];
