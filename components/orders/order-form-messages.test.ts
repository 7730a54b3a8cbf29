// Every text of the order forms exists in both languages, and every message formats with the
// values the components pass (an ICU mistake would otherwise show up only in the browser).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createTranslator, type AbstractIntlMessages } from "next-intl";
import { describe, expect, it } from "vitest";
import { APP_ERROR_CODES } from "@/lib/actions/result";
import { formatFen } from "@/lib/money";
import { RULE_CODES, type RuleCode } from "@/lib/payscore/issues";
import { ORDER_STATES, ORDER_STATE_DESCRIPTIONS } from "@/lib/payscore/order";
import type { CompleteStateReason, ModifyStateReason } from "@/lib/payscore/rules";
import { UPSTREAM_MESSAGE_CODES } from "@/lib/actions/error-message";
import { issueMessageValues } from "@/lib/orders/issue-values";

type Messages = { [key: string]: string | Messages };

function load(locale: string): Messages {
  return JSON.parse(readFileSync(join(import.meta.dirname, "../../messages", locale, "orderForm.json"), "utf8")) as Messages;
}

function keys(m: Messages, prefix = ""): string[] {
  return Object.entries(m).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}

const LOCALES = ["zh-CN", "en"] as const;
const messages = { "zh-CN": load("zh-CN"), en: load("en") };

/** An untyped translator over one namespace (the app does not declare its message types). */
interface Translate {
  (key: string, values?: Record<string, string | number>): string;
  has(key: string): boolean;
}
function translator(locale: (typeof LOCALES)[number], namespace: string): Translate {
  const all: AbstractIntlMessages = { orderForm: messages[locale] };
  return createTranslator({ locale, messages: all, namespace: namespace as never }) as unknown as Translate;
}

const SAMPLE_PARAMS: Partial<Record<RuleCode, Record<string, string | number>>> = {
  too_long: { max: 30 },
  too_many: { max: 100 },
  too_few: { min: 1 },
  out_of_range: { min: 1, max: 100 },
  unknown_line_name: { name: "就餐费用" },
  duplicate_name: { name: "满减" },
  missing_group: { name: "收费标准" },
  missing_one_of: { names: "延迟还车费用、加油费用" },
  group_repeated: { name: "其他杂费", max: 1 },
  fixed_description: { expected: "本次无扣款" },
  zero_form_exclusive: { name: "车损费用" },
  total_mismatch: { expected: 1234 },
  total_above_risk_fund: { max: 10000 },
  total_not_lower: { current: 5000 },
  total_above_complete_total: { max: 9000 },
};

describe("orderForm messages", () => {
  it("both languages have the same keys", () => {
    expect(keys(messages.en).sort()).toEqual(keys(messages["zh-CN"]).sort());
  });

  it.each(LOCALES)("%s: a sentence for every rule code, with its values", (locale) => {
    const t = translator(locale, "orderForm.issues");
    for (const code of RULE_CODES) {
      const text = t(code, issueMessageValues({ path: [], code, params: SAMPLE_PARAMS[code] }, formatFen));
      expect(text, code).not.toMatch(/orderForm|\{|\}/);
    }
    expect(t("total_not_lower", issueMessageValues({ path: [], code: "total_not_lower", params: { current: 5000 } }, formatFen))).toContain("¥50.00");
    expect(t("out_of_range", issueMessageValues({ path: [], code: "out_of_range", params: { min: 1 } }, formatFen))).not.toContain("100");
  });

  it.each(LOCALES)("%s: every upstream code, app error code, state reason and order state", (locale) => {
    const t = translator(locale, "orderForm");
    for (const code of UPSTREAM_MESSAGE_CODES) expect(t.has(`upstream.${code}`), code).toBe(true);
    for (const code of APP_ERROR_CODES) expect(t.has(`errors.${code}`), code).toBe(true);
    const reasons: (ModifyStateReason | CompleteStateReason)[] = [
      "not_completed",
      "paid",
      "partner_limit",
      "deducting",
      "terminal",
      "not_confirmed",
      "already_completed",
    ];
    for (const reason of reasons) expect(t.has(`stateReason.${reason}`), reason).toBe(true);
    for (const state of [...ORDER_STATES, ...ORDER_STATE_DESCRIPTIONS, "USER_PAYING", "USER_PAID"]) {
      expect(t.has(`orderState.${state}`), state).toBe(true);
    }
  });

  it.each(LOCALES)("%s: messages with values format", (locale) => {
    const t = translator(locale, "orderForm");
    expect(t("template.dropped", { count: 2 })).toMatch(/2/);
    expect(t("summary.modifyCount", { count: 1 })).toMatch(/1|once/);
    expect(t("lines.add", { name: "骑行费用" })).toContain("骑行费用");
    expect(t("reason.remaining", { remaining: 40, max: 45 })).toContain("40");
    expect(t("changes.total_amount", { before: "¥1.00", after: "¥0.50" })).toContain("¥0.50");
    expect(t("toast.failed", { detail: "SYSTEM_ERROR" })).toContain("SYSTEM_ERROR");
  });
});
