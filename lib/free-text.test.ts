// One text rule for every free-text field the console stores (reasons, notes, review comments, user
// names): NUL, lone surrogates, other control characters and bidirectional controls are refused
// with a field issue "invalid_characters"; \n and \t only where the field has several lines.
import { describe, expect, it } from "vitest";
import { ZCreateUser } from "@/lib/admin/users";
import { ZCompleteForm, type TCompleteFormInput } from "@/lib/orders/complete-form";
import { ZModifyForm, type TModifyFormInput } from "@/lib/orders/modify-form";
import type { TServiceOrder } from "@/lib/payscore/order";
import { ruleIssuesFromZod } from "@/lib/payscore/issues";
import { ZClearFlag, ZFlagChange } from "@/lib/review/review-actions";
import { completeHotel, lowerFirstLine } from "@/tests/support/order-inputs";

const ORDER: TServiceOrder = {
  out_order_no: "DEMO-1",
  service_id: "500001",
  mchid: "1900000001",
  service_introduction: "demo",
  state: "DOING",
  state_description: "MCH_COMPLETE",
  risk_fund: { name: "ESTIMATE_ORDER_COST", amount: 100_000 },
  total_amount: 50_000,
  post_payments: [{ name: "酒店房费", amount: 50_000, description: "标准间一晚" }],
  time_range: { start_time: "20261120140000", end_time: "20261121120000" },
};
const REF = { mode: "merchant", subMchid: null, industry: "hotel" } as const;

/** Characters no stored text may hold: [label, character]. */
const REFUSED: [string, string][] = [
  ["NUL", "\u0000"],
  ["lone high surrogate", "\ud83d"],
  ["lone low surrogate", "\ude00"],
  ["BEL (C0)", "\u0007"],
  ["CR", "\r"],
  ["ESC", "\u001b"],
  ["DEL", "\u007f"],
  ["NEL (C1)", "\u0085"],
  ["CSI (C1)", "\u009b"],
  ["LINE SEPARATOR", "\u2028"],
  ["PARAGRAPH SEPARATOR", "\u2029"],
  ["RLO", "\u202e"],
  ["LRE", "\u202a"],
  ["PDF", "\u202c"],
  ["LRI", "\u2066"],
  ["RLI", "\u2067"],
  ["PDI", "\u2069"],
  ["LRM", "\u200e"],
  ["RLM", "\u200f"],
  ["ALM", "\u061c"],
];

interface FieldCase {
  field: string;
  multiline: boolean;
  /** The issues of parsing with `value` in this field. */
  parse(value: string): { path: (string | number)[]; code: string }[];
}

function issuesOf(result: { success: true } | { success: false; error: { issues: Parameters<typeof ruleIssuesFromZod>[0] } }) {
  return result.success ? [] : ruleIssuesFromZod(result.error.issues).map(({ path, code }) => ({ path, code }));
}

const modify = (patch: Partial<TModifyFormInput>) => issuesOf(ZModifyForm.safeParse({ ...lowerFirstLine(REF, "DEMO-1", ORDER), ...patch }));
const complete = (patch: Partial<TCompleteFormInput>) => issuesOf(ZCompleteForm.safeParse({ ...completeHotel(REF, "DEMO-1", ORDER, { reasonText: "按实际入住" }), ...patch }));
const user = { email: "new@example.com", name: "新同事", role: "agent", password: "0123456789ab" };

const FIELDS: FieldCase[] = [
  { field: "modify reasonText", multiline: true, parse: (value) => modify({ reasonText: `房间${value}故障` }) },
  { field: "modify internalNote", multiline: true, parse: (value) => modify({ internalNote: `备注${value}内容` }) },
  { field: "complete reasonText", multiline: true, parse: (value) => complete({ reasonText: `按实际${value}入住` }) },
  { field: "complete internalNote", multiline: true, parse: (value) => complete({ internalNote: `备注${value}内容` }) },
  { field: "flag comment", multiline: true, parse: (value) => issuesOf(ZFlagChange.safeParse({ trailId: crypto.randomUUID(), comment: `请说明${value}原因` })) },
  { field: "clear-flag comment", multiline: true, parse: (value) => issuesOf(ZClearFlag.safeParse({ trailId: crypto.randomUUID(), comment: `已核实${value}无误` })) },
  { field: "user name", multiline: false, parse: (value) => issuesOf(ZCreateUser.safeParse({ ...user, name: `张${value}三` })) },
];

const PATHS: Record<string, (string | number)[]> = {
  "modify reasonText": ["reasonText"],
  "modify internalNote": ["internalNote"],
  "complete reasonText": ["reasonText"],
  "complete internalNote": ["internalNote"],
  "flag comment": ["comment"],
  "clear-flag comment": ["comment"],
  "user name": ["name"],
};

describe.each(FIELDS)("[TEXT] $field", ({ field, multiline, parse }) => {
  it("accepts ordinary text: Chinese, emoji, markup, formula-like text", () => {
    for (const value of ["", "😀👍🏽", "<b>x</b>", "=1+1", "ع", "\u00a0"]) expect(parse(value), JSON.stringify(value)).toEqual([]);
  });

  it.each(REFUSED)("refuses %s with invalid_characters at the field", (_label, character) => {
    expect(parse(character)).toEqual([{ path: PATHS[field], code: "invalid_characters" }]);
  });

  it(multiline ? "allows \\n and \\t (several lines)" : "refuses \\n and \\t (one line)", () => {
    for (const value of ["\n", "\t", "一\n二\n三"]) {
      expect(parse(value), JSON.stringify(value)).toEqual(multiline ? [] : [{ path: PATHS[field], code: "invalid_characters" }]);
    }
  });
});
