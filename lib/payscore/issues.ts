// Rule issues: the one vocabulary for "this request breaks a Payscore rule". Schemas (fields.ts and
// the per-operation schemas), industry templates and order rules all report problems as RuleIssue
// codes with a path into the request body; describeRuleIssueZh/En turn them into a sentence that
// names the field (e.g. "post_payments[1].description 超过30个字符"). The sandbox uses the Chinese
// sentence as its PARAM_ERROR message, the console shows it beside the field.
import type * as z from "zod/mini";

export const RULE_CODES = [
  // shape and limits
  "required",
  "invalid_type",
  "unknown_field",
  "too_long",
  "too_many",
  "too_few",
  "not_integer",
  "negative",
  "out_of_range",
  "too_large",
  "invalid_format",
  "invalid_value",
  "invalid_time",
  /** Free text with control, bidirectional or malformed characters (lib/text.ts isAcceptableText). */
  "invalid_characters",
  // money typed in 元 (forms; see parseYuan)
  "not_a_number",
  "too_many_decimals",
  // industry lines
  "forbidden_field",
  "unknown_line_name",
  "duplicate_name",
  "missing_group",
  "missing_one_of",
  "group_repeated",
  "fixed_description",
  "amount_or_description_required",
  "zero_form_exclusive",
  "zero_form_amount",
  // totals
  "total_mismatch",
  "discounts_exceed_payments",
  "total_above_risk_fund",
  "total_not_lower",
  "total_above_complete_total",
  "zero_form_total",
  // times
  "end_not_after_start",
  "time_in_future",
  "time_before_completion",
  // bulk files (lib/bulk/row-schema.ts): a row's identity and its cells
  /** No merchant profile with this id. */
  "unknown_profile",
  /** The profile has no sub-merchant with this sub_mchid. */
  "unknown_sub_merchant",
  /** Two fields of which only one may be given (params.names). */
  "mutually_exclusive",
  /** The same order appears earlier in the file (params.line). */
  "duplicate_order",
  /** A text cell a spreadsheet would run as a formula (= + - @ first). */
  "formula_cell",
  /** The industry's total is the sum of its lines: give new line amounts, not a new total. */
  "total_from_lines",
] as const;

export type RuleCode = (typeof RULE_CODES)[number];

export type RuleIssueParams = Record<string, string | number>;

export interface RuleIssue {
  path: (string | number)[];
  code: RuleCode;
  params?: RuleIssueParams;
}

const RULE_CODE_SET: ReadonlySet<string> = new Set(RULE_CODES);

export function isRuleCode(value: unknown): value is RuleCode {
  return typeof value === "string" && RULE_CODE_SET.has(value);
}

/** ["post_payments", 1, "description"] → "post_payments[1].description"; [] → "". */
export function formatIssuePath(path: readonly (string | number)[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? part : `.${part}`;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Messages inside zod schemas.
//
// A zod issue's `message` is the only thing react-hook-form keeps, so every schema in lib/payscore
// sets it to a stable, machine-readable string: the RuleCode, optionally followed by parameters,
// e.g. "too_long;max=30" or "out_of_range;min=1;max=100". `encodeIssueMessage` builds it,
// `ruleIssueFromMessage` reads it back, and `ruleIssuesFromZod` turns a whole ZodError into
// RuleIssues. The UI never shows the raw message; it describes the decoded RuleIssue.
// ---------------------------------------------------------------------------------------------

export function encodeIssueMessage(code: RuleCode, params?: RuleIssueParams): string {
  if (!params) return code;
  const parts = Object.entries(params).map(([k, v]) => `${k}=${typeof v === "number" ? v : `s:${encodeURIComponent(v)}`}`);
  return [code, ...parts].join(";");
}

function decodeMessage(message: string): { code: RuleCode; params?: RuleIssueParams } | null {
  const [head, ...rest] = message.split(";");
  if (!isRuleCode(head)) return null;
  if (rest.length === 0) return { code: head };
  const params: RuleIssueParams = {};
  for (const part of rest) {
    const eq = part.indexOf("=");
    if (eq <= 0) return null;
    const key = part.slice(0, eq);
    const raw = part.slice(eq + 1);
    if (raw.startsWith("s:")) params[key] = decodeURIComponent(raw.slice(2));
    else {
      const n = Number(raw);
      if (!Number.isFinite(n)) return null;
      params[key] = n;
    }
  }
  return { code: head, params };
}

/** Decodes a schema message (see encodeIssueMessage) at `path`; null when it is not one of ours. */
export function ruleIssueFromMessage(path: readonly (string | number)[], message: string): RuleIssue | null {
  const decoded = decodeMessage(message);
  if (!decoded) return null;
  return decoded.params ? { path: [...path], code: decoded.code, params: decoded.params } : { path: [...path], code: decoded.code };
}

function cleanPath(path: readonly PropertyKey[]): (string | number)[] {
  return path.filter((p): p is string | number => typeof p === "string" || typeof p === "number");
}

/** Maps zod issues (from our schemas or any other) to RuleIssues. */
export function ruleIssuesFromZod(issues: readonly z.core.$ZodIssue[]): RuleIssue[] {
  const out: RuleIssue[] = [];
  for (const issue of issues) {
    const path = cleanPath(issue.path);
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) out.push({ path: [...path, key], code: "unknown_field" });
      continue;
    }
    const own = ruleIssueFromMessage(path, issue.message);
    if (own) {
      out.push(own);
      continue;
    }
    switch (issue.code) {
      case "invalid_type":
        out.push(
          issue.input === undefined
            ? { path, code: "required" }
            : { path, code: "invalid_type", params: { expected: String(issue.expected) } },
        );
        break;
      case "too_big":
        out.push(
          issue.origin === "array"
            ? { path, code: "too_many", params: { max: Number(issue.maximum) } }
            : issue.origin === "string"
              ? { path, code: "too_long", params: { max: Number(issue.maximum) } }
              : { path, code: "too_large", params: { max: Number(issue.maximum) } },
        );
        break;
      case "too_small":
        out.push(
          issue.origin === "array"
            ? { path, code: "too_few", params: { min: Number(issue.minimum) } }
            : issue.origin === "string"
              ? { path, code: "required" }
              : Number(issue.minimum) === 0
                ? { path, code: "negative" }
                : { path, code: "out_of_range", params: { min: Number(issue.minimum) } },
        );
        break;
      case "invalid_format":
        out.push({ path, code: "invalid_format" });
        break;
      default:
        out.push({ path, code: "invalid_value" });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Sentences
// ---------------------------------------------------------------------------------------------

function p(issue: RuleIssue, key: string): string {
  const v = issue.params?.[key];
  return v === undefined ? "?" : String(v);
}

function fieldName(issue: RuleIssue, fallbackZh: string): string {
  const f = formatIssuePath(issue.path);
  return f === "" ? fallbackZh : f;
}

/** Chinese sentence naming the field, e.g. "post_payments[1].description 超过30个字符". */
export function describeRuleIssueZh(issue: RuleIssue): string {
  const f = fieldName(issue, "请求");
  switch (issue.code) {
    case "required":
      return `${f} 必填`;
    case "invalid_type":
      return `${f} 类型错误`;
    case "unknown_field":
      return `${f} 不是此接口的字段`;
    case "too_long":
      return `${f} 超过${p(issue, "max")}个字符`;
    case "too_many":
      return `${f} 超过${p(issue, "max")}项`;
    case "too_few":
      return `${f} 至少需要${p(issue, "min")}项`;
    case "not_integer":
      return `${f} 必须是整数`;
    case "negative":
      return `${f} 不能为负数`;
    case "out_of_range":
      return issue.params?.max === undefined
        ? `${f} 不能小于${p(issue, "min")}`
        : `${f} 必须在${p(issue, "min")}到${p(issue, "max")}之间`;
    case "too_large":
      return `${f} 不能大于${p(issue, "max")}`;
    case "invalid_format":
      return issue.params?.format === undefined ? `${f} 格式错误` : `${f} 格式错误，应为${p(issue, "format")}`;
    case "invalid_value":
      return `${f} 取值不合法`;
    case "invalid_characters":
      return `${f} 含有控制字符或文字方向控制符`;
    case "invalid_time":
      return `${f} 不是有效的时间（yyyyMMddHHmmss，北京时间）`;
    case "not_a_number":
      return `${f} 不是有效的金额`;
    case "too_many_decimals":
      return `${f} 最多两位小数`;
    case "forbidden_field":
      return `${f} 在该行业不能填写`;
    case "unknown_line_name":
      return `${f} 「${p(issue, "name")}」不是该行业允许的付费名称`;
    case "duplicate_name":
      return `${f} 「${p(issue, "name")}」重复，名称不能重复`;
    case "missing_group":
      return `${f} 缺少必填项「${p(issue, "name")}」`;
    case "missing_one_of":
      return `${f} 至少需要以下一项：${p(issue, "names")}`;
    case "group_repeated":
      return `${f} 「${p(issue, "name")}」最多${p(issue, "max")}项`;
    case "fixed_description":
      return `${f} 必须为「${p(issue, "expected")}」`;
    case "amount_or_description_required":
      return `${f} 需要填写金额或说明`;
    case "zero_form_exclusive":
      return `${f} 0元完结只能有一项「租车相关费用」，不能同时有「${p(issue, "name")}」`;
    case "zero_form_amount":
      return `${f} 0元完结时金额只能为0或不填`;
    case "total_mismatch":
      return `${f} 应等于付费项目金额合计减优惠金额合计（${p(issue, "expected")}分）`;
    case "discounts_exceed_payments":
      return `${f} 优惠金额合计超过付费项目金额合计`;
    case "total_above_risk_fund":
      return `${f} 不能超过服务风险金（${p(issue, "max")}分）`;
    case "total_not_lower":
      return `${f} 只能下调，须低于当前金额（${p(issue, "current")}分）`;
    case "total_above_complete_total":
      return `${f} 不能超过完结时的总金额（${p(issue, "max")}分）`;
    case "zero_form_total":
      return `${f} 0元完结时总金额必须为0`;
    case "end_not_after_start":
      return `${f} 结束时间必须晚于开始时间`;
    case "time_in_future":
      return `${f} 不能晚于当前时间`;
    case "time_before_completion":
      return `${f} 不能早于订单完结时间`;
    case "unknown_profile":
      return `${f} 没有这个商户身份`;
    case "unknown_sub_merchant":
      return `${f} 不是该商户身份下的子商户`;
    case "mutually_exclusive":
      return `${f} 只能填写其中一项：${p(issue, "names")}`;
    case "duplicate_order":
      return `${f} 与第${p(issue, "line")}行是同一订单`;
    case "formula_cell":
      return `${f} 以 = + - @ 开头，会被表格软件当作公式`;
    case "total_from_lines":
      return `${f} 该行业的总金额由各项金额合计得出，请填写各项新金额`;
  }
}

/** English sentence naming the field, e.g. "post_payments[1].description is longer than 30 characters". */
export function describeRuleIssueEn(issue: RuleIssue): string {
  const f = fieldName(issue, "request");
  switch (issue.code) {
    case "required":
      return `${f} is required`;
    case "invalid_type":
      return `${f} has the wrong type`;
    case "unknown_field":
      return `${f} is not a field of this API`;
    case "too_long":
      return `${f} is longer than ${p(issue, "max")} characters`;
    case "too_many":
      return `${f} has more than ${p(issue, "max")} items`;
    case "too_few":
      return `${f} needs at least ${p(issue, "min")} item(s)`;
    case "not_integer":
      return `${f} must be an integer`;
    case "negative":
      return `${f} must not be negative`;
    case "out_of_range":
      return issue.params?.max === undefined
        ? `${f} must be at least ${p(issue, "min")}`
        : `${f} must be between ${p(issue, "min")} and ${p(issue, "max")}`;
    case "too_large":
      return `${f} must not exceed ${p(issue, "max")}`;
    case "invalid_format":
      return issue.params?.format === undefined
        ? `${f} has an invalid format`
        : `${f} has an invalid format (expected ${p(issue, "format")})`;
    case "invalid_value":
      return `${f} has an invalid value`;
    case "invalid_characters":
      return `${f} contains control or text-direction characters`;
    case "invalid_time":
      return `${f} is not a valid time (yyyyMMddHHmmss, Beijing time)`;
    case "not_a_number":
      return `${f} is not a valid amount`;
    case "too_many_decimals":
      return `${f} has more than two decimal places`;
    case "forbidden_field":
      return `${f} must not be sent for this industry`;
    case "unknown_line_name":
      return `${f} "${p(issue, "name")}" is not an item name allowed for this industry`;
    case "duplicate_name":
      return `${f} "${p(issue, "name")}" is repeated; names must be unique`;
    case "missing_group":
      return `${f} is missing the required item "${p(issue, "name")}"`;
    case "missing_one_of":
      return `${f} needs at least one of: ${p(issue, "names")}`;
    case "group_repeated":
      return `${f} "${p(issue, "name")}" may appear at most ${p(issue, "max")} time(s)`;
    case "fixed_description":
      return `${f} must be "${p(issue, "expected")}"`;
    case "amount_or_description_required":
      return `${f} needs an amount or a description`;
    case "zero_form_exclusive":
      return `${f} a 0-yuan completion has exactly one "租车相关费用" item and cannot also have "${p(issue, "name")}"`;
    case "zero_form_amount":
      return `${f} must be 0 or absent in a 0-yuan completion`;
    case "total_mismatch":
      return `${f} must equal the item amounts minus the discounts (${p(issue, "expected")} fen)`;
    case "discounts_exceed_payments":
      return `${f} the discounts add up to more than the items`;
    case "total_above_risk_fund":
      return `${f} must not exceed the risk fund (${p(issue, "max")} fen)`;
    case "total_not_lower":
      return `${f} can only be lowered: it must be below the current total (${p(issue, "current")} fen)`;
    case "total_above_complete_total":
      return `${f} must not exceed the total given at completion (${p(issue, "max")} fen)`;
    case "zero_form_total":
      return `${f} must be 0 in a 0-yuan completion`;
    case "end_not_after_start":
      return `${f} the end time must be after the start time`;
    case "time_in_future":
      return `${f} must not be later than now`;
    case "time_before_completion":
      return `${f} must not be earlier than the order's completion`;
    case "unknown_profile":
      return `${f} is not a merchant profile`;
    case "unknown_sub_merchant":
      return `${f} is not a sub-merchant of this profile`;
    case "mutually_exclusive":
      return `${f} only one of these may be given: ${p(issue, "names")}`;
    case "duplicate_order":
      return `${f} is the same order as line ${p(issue, "line")}`;
    case "formula_cell":
      return `${f} starts with = + - or @ and would run as a spreadsheet formula`;
    case "total_from_lines":
      return `${f} this industry's total is the sum of its lines: give the new line amounts instead`;
  }
}
