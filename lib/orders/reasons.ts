// Why an amount changed: a category (for the supervisor's filters and trends) plus free text.
// Upstream, WeChat gets one `reason` string(50): "<category in Chinese>：<text>".
import { charLength } from "../text";

export const REASON_CATEGORIES = ["user_complaint", "billing_error", "device_fault", "compensation", "other"] as const;
export type ReasonCategory = (typeof REASON_CATEGORIES)[number];

export const REASON_LABELS: Record<ReasonCategory, { zh: string; en: string }> = {
  user_complaint: { zh: "用户投诉", en: "Customer complaint" },
  billing_error: { zh: "计费错误", en: "Billing error" },
  device_fault: { zh: "设备故障", en: "Device fault" },
  compensation: { zh: "优惠补偿", en: "Goodwill discount" },
  other: { zh: "其他", en: "Other" },
};

/** The category of an "external change" row (a change no one made in the console): never chosen in a form. */
export const EXTERNAL_REASON = "external";
const EXTERNAL_LABEL = { zh: "外部变更", en: "External change" };

/** The API's limit on `reason` (code points). */
export const REASON_MAX = 50;
export const REASON_SEPARATOR = "：";
export const INTERNAL_NOTE_MAX = 500;

export function isReasonCategory(value: unknown): value is ReasonCategory {
  return typeof value === "string" && (REASON_CATEGORIES as readonly string[]).includes(value);
}

/** A category's label in the reader's language; an unknown stored value is shown as it is. */
export function reasonLabel(category: string, locale: string): string {
  const lang = locale === "en" ? "en" : "zh";
  if (category === EXTERNAL_REASON) return EXTERNAL_LABEL[lang];
  return isReasonCategory(category) ? REASON_LABELS[category][lang] : category;
}

/** The `reason` sent upstream. */
export function composeReason(category: ReasonCategory, text: string): string {
  return `${REASON_LABELS[category].zh}${REASON_SEPARATOR}${text.trim()}`;
}

/** How many code points the free text may have after the category prefix. */
export function reasonTextMax(category: ReasonCategory): number {
  return REASON_MAX - charLength(REASON_LABELS[category].zh) - charLength(REASON_SEPARATOR);
}
