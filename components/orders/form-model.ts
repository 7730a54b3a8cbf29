// The pure logic behind the amount forms (modify and complete), kept out of the components so it
// can be tested without a DOM: seeding lines from an industry template and the order, where a new
// line goes, the live totals, the draft body the order rules are checked against, mapping API issue
// paths back to form fields, the before → after line diff of the confirmation, which answers are
// definitive (and so renew the idempotency key), and the plain-language key of an upstream error.
import {
  INDUSTRY_TEMPLATES,
  selectIndustryVariant,
  type IndustryGroup,
  type IndustryId,
  type IndustryVariant,
  type IndustryVariantId,
  type LineField,
} from "@/lib/industries";
import { parseYuan } from "@/lib/money";
import { discountsFromInput, fenToInput, paymentsFromInput, yuanField } from "@/lib/orders/amount-lines";
import type { TDiscountLineInput, TPaymentLineInput } from "@/lib/orders/amount-form";
import type { ActionResult } from "@/lib/actions/result";
import type { PublicProfile } from "@/lib/profiles";
import { REASON_CATEGORIES, isReasonCategory, reasonTextMax } from "@/lib/orders/reasons";
import type { TDevice, TMode, TPostDiscount, TPostPayment } from "@/lib/payscore/fields";
import type { RuleCode, RuleIssue } from "@/lib/payscore/issues";
import type { TOrderPostDiscount, TOrderPostPayment, TServiceOrder } from "@/lib/payscore/order";
import { currentOrderTotal, expectedTotal } from "@/lib/payscore/rules";
import { charLength } from "@/lib/text";

/** The part of both forms' values that the lines editor and the totals read. */
export interface AmountValues {
  industry: IndustryId;
  payments: TPaymentLineInput[];
  discounts: TDiscountLineInput[];
  total: string;
}

// ---------------------------------------------------------------------------------------------
// Templates → lines
// ---------------------------------------------------------------------------------------------

/** The template variant these form lines belong to (汽车租赁: a 租车相关费用 line means 0元完结). */
export function variantOfLines(industry: IndustryId, payments: readonly Pick<TPaymentLineInput, "name">[]): IndustryVariant {
  return selectIndustryVariant(
    industry,
    payments.map((line) => ({ name: line.name })),
  );
}

export function findVariant(industry: IndustryId, variantId: IndustryVariantId): IndustryVariant {
  const variants = INDUSTRY_TEMPLATES[industry].variants;
  const found = variants.find((v) => v.id === variantId) ?? variants[0];
  if (!found) throw new Error(`industry ${industry} has no variant`);
  return found;
}

/** Index of the group a line belongs to: its fixed name, else the free-name group; -1 when none. */
export function groupIndexOfLine(variant: IndustryVariant, line: Pick<TPaymentLineInput, "name">): number {
  const byName = variant.groups.findIndex((g) => g.name !== null && g.name === line.name);
  if (byName >= 0) return byName;
  return variant.groups.findIndex((g) => g.name === null);
}

/** Fields a line of this group shows as inputs; forbidden ones are never shown (nor sent). */
export function editableFields(group: IndustryGroup): LineField[] {
  // The 0-yuan 汽车租赁 line is fixed entirely: its description is shown read-only, no amount.
  if (group.fixedDescription !== undefined) return [];
  return (["amount", "description", "count"] as const).filter((f) => group.fields[f] !== "forbidden");
}

export function emptyLine(group: IndustryGroup): TPaymentLineInput {
  return {
    name: group.name ?? "",
    amount: "",
    description: group.fixedDescription ?? "",
    // A line that must carry a count starts at 1, the common case (one item).
    count: group.fields.count === "required" && group.fixedDescription === undefined ? "1" : "",
  };
}

function lineFromOrder(group: IndustryGroup, line: TOrderPostPayment): TPaymentLineInput {
  const shows = new Set(editableFields(group));
  return {
    name: group.name ?? line.name,
    amount: shows.has("amount") ? fenToInput(line.amount) : "",
    description: group.fixedDescription ?? (shows.has("description") ? (line.description ?? "") : ""),
    count: shows.has("count") && line.count !== undefined ? String(line.count) : "",
  };
}

export interface SeededPayments {
  payments: TPaymentLineInput[];
  /** Lines of the order that do not fit the template (unknown name, or over a group's maximum). */
  dropped: number;
}

/**
 * The form lines for a template variant, pre-filled from the order's lines: each group takes the
 * order's lines with its name (the free group takes the rest), in template order; a required group
 * the order lacks gets an empty line. Fields the group forbids are left out.
 */
export function seedPayments(
  industry: IndustryId,
  variantId: IndustryVariantId | undefined,
  orderLines: readonly TOrderPostPayment[] | undefined,
): SeededPayments {
  const lines = orderLines ?? [];
  const variant = variantId ? findVariant(industry, variantId) : selectIndustryVariant(industry, lines);
  const fixedNames = new Set(variant.groups.map((g) => g.name).filter((n): n is string => n !== null));
  const payments: TPaymentLineInput[] = [];
  let used = 0;
  for (const group of variant.groups) {
    const own = lines.filter((l) => (group.name === null ? !fixedNames.has(l.name) : l.name === group.name)).slice(0, group.maxLines);
    used += own.length;
    payments.push(...own.map((l) => lineFromOrder(group, l)));
    if (own.length === 0 && group.required) payments.push(emptyLine(group));
  }
  return { payments, dropped: lines.length - used };
}

export function seedDiscounts(orderLines: readonly TOrderPostDiscount[] | undefined): TDiscountLineInput[] {
  return (orderLines ?? []).slice(0, 30).map((l) => ({
    name: l.name ?? "",
    description: l.description ?? "",
    amount: fenToInput(l.amount),
    count: l.count !== undefined ? String(l.count) : "",
  }));
}

export function emptyDiscount(): TDiscountLineInput {
  return { name: "", description: "", amount: "", count: "" };
}

export const DISCOUNTS_MAX = 30;

/** How many lines each group of the variant has now. */
export function linesPerGroup(variant: IndustryVariant, payments: readonly Pick<TPaymentLineInput, "name">[]): number[] {
  const counts = variant.groups.map(() => 0);
  for (const line of payments) {
    const i = groupIndexOfLine(variant, line);
    if (i >= 0) counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}

/** Where a new line of group `groupIndex` goes so the lines stay in template order. */
export function insertIndexForGroup(
  variant: IndustryVariant,
  payments: readonly Pick<TPaymentLineInput, "name">[],
  groupIndex: number,
): number {
  let at = 0;
  payments.forEach((line, i) => {
    const g = groupIndexOfLine(variant, line);
    if (g >= 0 && g <= groupIndex) at = i + 1;
  });
  return at;
}

export function canAddLine(variant: IndustryVariant, payments: readonly Pick<TPaymentLineInput, "name">[], groupIndex: number): boolean {
  const group = variant.groups[groupIndex];
  if (!group) return false;
  return (linesPerGroup(variant, payments)[groupIndex] ?? 0) < group.maxLines && payments.length < 100;
}

/** A required group keeps at least one line. */
export function canRemoveLine(variant: IndustryVariant, payments: readonly Pick<TPaymentLineInput, "name">[], index: number): boolean {
  const line = payments[index];
  if (!line) return false;
  const g = groupIndexOfLine(variant, line);
  const group = variant.groups[g];
  if (!group) return true;
  return !group.required || (linesPerGroup(variant, payments)[g] ?? 0) > 1;
}

// ---------------------------------------------------------------------------------------------
// Totals
// ---------------------------------------------------------------------------------------------

export type LiveTotalMode = "sum" | "entered" | "zero";

/** Whether the total is computed from the lines, typed in, or fixed at 0 — as the schema decides it. */
export function liveTotalMode(industry: IndustryId, payments: readonly TPaymentLineInput[]): LiveTotalMode {
  const variant = variantOfLines(industry, payments);
  if (variant.totalMode === "zero") return "zero";
  if (variant.totalMode === "sum") return "sum";
  if (variant.totalMode === "entered") return "entered";
  return payments.some((l) => l.amount.trim() !== "") ? "sum" : "entered";
}

export interface LiveTotals {
  mode: LiveTotalMode;
  /** Σ of the payment amounts typed so far; null while one does not parse. */
  paymentsFen: number | null;
  discountsFen: number | null;
  /** The total that would be sent; null while it cannot be known (a field does not parse). */
  newTotal: number | null;
  /** The order's current total (total_amount, else the collection's); null when it has none. */
  oldTotal: number | null;
  /** newTotal − oldTotal. */
  delta: number | null;
  riskFund: number | null;
}

function sumYuan(values: readonly string[], emptyIsZero: boolean): number | null {
  let sum = 0;
  for (const v of values) {
    if (v.trim() === "" && emptyIsZero) continue;
    const parsed = parseYuan(v);
    if (!parsed.ok) return null;
    sum += parsed.fen;
  }
  return sum;
}

export function computeLiveTotals(values: Pick<AmountValues, "industry" | "payments" | "discounts" | "total">, order: TServiceOrder): LiveTotals {
  const mode = liveTotalMode(values.industry, values.payments);
  const paymentsFen = sumYuan(
    values.payments.map((l) => l.amount),
    true,
  );
  const discountsFen = sumYuan(
    values.discounts.map((l) => l.amount),
    false,
  );
  let newTotal: number | null;
  if (mode === "sum") newTotal = paymentsFen !== null && discountsFen !== null ? paymentsFen - discountsFen : null;
  else {
    const parsed = parseYuan(values.total);
    newTotal = parsed.ok ? parsed.fen : null;
  }
  const oldTotal = currentOrderTotal(order) ?? null;
  return {
    mode,
    paymentsFen,
    discountsFen,
    newTotal,
    oldTotal,
    delta: newTotal !== null && oldTotal !== null ? newTotal - oldTotal : null,
    riskFund: order.risk_fund?.amount ?? null,
  };
}

export interface DraftBody {
  post_payments: TPostPayment[];
  post_discounts: TPostDiscount[];
  total_amount: number;
}

/**
 * The amount part of the body as the schema would build it, or null while a field does not parse
 * (then the field's own error says what is wrong and the order rules would only add noise).
 */
export function draftBody(values: Pick<AmountValues, "payments" | "discounts" | "total">): DraftBody | null {
  let broken = false;
  const addIssue = () => {
    broken = true;
  };
  const post_payments = paymentsFromInput(values.payments, "payments", addIssue);
  const post_discounts = discountsFromInput(values.discounts, "discounts", addIssue);
  const computed = expectedTotal(post_payments, post_discounts);
  let total_amount = computed;
  if (total_amount === null) {
    const parsed = parseYuan(values.total);
    total_amount = parsed.ok ? parsed.fen : null;
  }
  if (broken || total_amount === null) return null;
  return { post_payments, post_discounts, total_amount };
}

/**
 * The field errors the form schema's transform would report (amounts, counts, an entered total).
 * The schema runs its transform only once every field has the right shape, so while e.g. no reason
 * category is chosen these are added here, and the agent sees every error at once.
 */
export function amountFieldIssues(values: Pick<AmountValues, "payments" | "discounts" | "total">): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const add = (path: (string | number)[], code: RuleCode, params?: Record<string, string | number>) => {
    issues.push(params ? { path, code, params } : { path, code });
  };
  const post_payments = paymentsFromInput(values.payments, "payments", add);
  const post_discounts = discountsFromInput(values.discounts, "discounts", add);
  if (expectedTotal(post_payments, post_discounts) === null) yuanField(values.total, ["total"], add);
  return issues;
}

// ---------------------------------------------------------------------------------------------
// Rules the per-mode API schema adds (checked before sending; the server checks them again)
// ---------------------------------------------------------------------------------------------

/** Partner and institution modes need a description on every discount line (Decision 14). */
export function discountModeIssues(mode: TMode, discounts: readonly TDiscountLineInput[]): RuleIssue[] {
  if (mode === "merchant") return [];
  return discounts.flatMap((d, i): RuleIssue[] => (d.description.trim() === "" ? [{ path: ["discounts", i, "description"], code: "required" }] : []));
}

/** Text fields the form schema does not bound but the API does (lengths in characters). */
export function lengthIssues(fields: Readonly<Record<string, { value: string; max: number }>>): RuleIssue[] {
  return Object.entries(fields).flatMap(([path, { value, max }]): RuleIssue[] =>
    charLength(value.trim()) > max ? [{ path: path.split("."), code: "too_long", params: { max } }] : [],
  );
}

/** The modify reason text: required, and within what `reason` leaves after the category (see reasons.ts). */
export function reasonTextIssues(values: { reasonCategory: string; reasonText: string }): RuleIssue[] {
  const text = values.reasonText.trim();
  if (text === "") return [{ path: ["reasonText"], code: "required" }];
  const max = isReasonCategory(values.reasonCategory) ? reasonTextMax(values.reasonCategory) : Math.min(...REASON_CATEGORIES.map(reasonTextMax));
  return charLength(text) > max ? [{ path: ["reasonText"], code: "too_long", params: { max } }] : [];
}

/** Limits of the API's line fields (names 20, descriptions 30 characters; lib/payscore/fields LIMITS). */
export function lineLengthIssues(
  payments: readonly TPaymentLineInput[],
  discounts: readonly TDiscountLineInput[],
  limits: { name: number; description: number } = { name: 20, description: 30 },
): RuleIssue[] {
  const check = (list: "payments" | "discounts", lines: readonly { name: string; description: string }[]) =>
    lines.flatMap((line, i): RuleIssue[] => [
      ...(charLength(line.name.trim()) > limits.name ? [{ path: [list, i, "name"], code: "too_long" as const, params: { max: limits.name } }] : []),
      ...(charLength(line.description.trim()) > limits.description
        ? [{ path: [list, i, "description"], code: "too_long" as const, params: { max: limits.description } }]
        : []),
    ]);
  return [...check("payments", payments), ...check("discounts", discounts)];
}

/** Institution complete: a sent time_range must carry start_time (seed 004). */
export function institutionTimeIssues(
  mode: TMode,
  times: { startTime: string; startTimeRemark: string; endTime: string; endTimeRemark: string },
): RuleIssue[] {
  if (mode !== "institution") return [];
  const anyTime = [times.startTime, times.startTimeRemark, times.endTime, times.endTimeRemark].some((v) => v.trim() !== "");
  return anyTime && times.startTime.trim() === "" ? [{ path: ["startTime"], code: "required" }] : [];
}

/** "20261125143000" → "2026-11-25 14:30:00" (Beijing time, for reading). */
export function formatPayscoreTime(value: string | undefined): string {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value ?? "");
  return m ? `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}` : (value ?? "");
}

// ---------------------------------------------------------------------------------------------
// Issue paths: API body → form fields
// ---------------------------------------------------------------------------------------------

const TOP_LEVEL: Readonly<Record<string, string>> = {
  total_amount: "total",
  total: "total",
  reason: "reasonText",
  reasonText: "reasonText",
  reasonCategory: "reasonCategory",
  internalNote: "internalNote",
  complete_time: "completeTime",
  completeTime: "completeTime",
  goods_tag: "goodsTag",
  goodsTag: "goodsTag",
  profit_sharing: "profitSharing",
  profitSharing: "profitSharing",
  startTime: "startTime",
  startTimeRemark: "startTimeRemark",
  endTime: "endTime",
  endTimeRemark: "endTimeRemark",
  startLocation: "startLocation",
  endLocation: "endLocation",
  industry: "industry",
};

const TIME_RANGE: Readonly<Record<string, string>> = {
  start_time: "startTime",
  start_time_remark: "startTimeRemark",
  end_time: "endTime",
  end_time_remark: "endTimeRemark",
};

const LOCATION: Readonly<Record<string, string>> = { start_location: "startLocation", end_location: "endLocation" };
const LINE_FIELDS = new Set(["name", "amount", "description", "count"]);
const DEVICE_FIELDS = new Set(["start_device_id", "end_device_id", "materiel_no"]);

/**
 * The form field an issue belongs to: API paths (post_payments[i].x, total_amount, reason,
 * time_range.end_time, …) and the form schema's own paths (payments.i.x, total, reasonText, …).
 * "payments" / "discounts" alone mean the list as a whole. null: no field of the form (e.g.
 * sub_mchid, which comes from the profile); such issues are listed in the error panel.
 */
export function formPathForIssue(path: readonly (string | number)[]): string | null {
  const [head, second, third] = path;
  if (head === "post_payments" || head === "payments" || head === "post_discounts" || head === "discounts") {
    const list = head === "post_payments" || head === "payments" ? "payments" : "discounts";
    if (second === undefined) return list;
    if (typeof second !== "number") return list;
    if (third === undefined) return `${list}.${second}`;
    return typeof third === "string" && LINE_FIELDS.has(third) ? `${list}.${second}.${third}` : `${list}.${second}`;
  }
  if (head === "time_range") return typeof second === "string" ? (TIME_RANGE[second] ?? "startTime") : "startTime";
  if (head === "location") return typeof second === "string" ? (LOCATION[second] ?? null) : null;
  if (head === "device") return typeof second === "string" && DEVICE_FIELDS.has(second) ? `device.${second}` : null;
  if (typeof head === "string" && path.length === 1) return TOP_LEVEL[head] ?? null;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Issue messages
// ---------------------------------------------------------------------------------------------

/** Parameters that are amounts in 分 for these codes; shown as ¥0.00. */
export const MONEY_PARAMS: Partial<Record<RuleCode, readonly string[]>> = {
  total_mismatch: ["expected"],
  total_above_risk_fund: ["max"],
  total_not_lower: ["current"],
  total_above_complete_total: ["max"],
};

/** The ICU values for an issue's message: its params, with amounts formatted by `formatMoney`. */
export function issueMessageValues(issue: RuleIssue, formatMoney: (fen: number) => string): Record<string, string | number> {
  const values: Record<string, string | number> = { ...(issue.params ?? {}) };
  for (const key of MONEY_PARAMS[issue.code] ?? []) {
    const v = values[key];
    if (typeof v === "number" && Number.isSafeInteger(v)) values[key] = formatMoney(v);
  }
  // ICU's select/plural needs every referenced argument; absent ones read as "".
  for (const key of ["min", "max", "name", "names", "expected", "current", "format"]) values[key] ??= "";
  values.hasMax = issue.params?.max === undefined ? "no" : "yes";
  return values;
}

// ---------------------------------------------------------------------------------------------
// Confirmation: before → after per line
// ---------------------------------------------------------------------------------------------

export interface LineSnapshot {
  name: string;
  amount?: number;
  description?: string;
  count?: number;
}

export interface LineChange {
  kind: "added" | "removed" | "changed" | "same";
  name: string;
  before: LineSnapshot | null;
  after: LineSnapshot | null;
}

function snapshot(line: { name?: string; amount?: number; description?: string; count?: number }): LineSnapshot {
  const out: LineSnapshot = { name: line.name ?? "" };
  if (line.amount !== undefined) out.amount = line.amount;
  if (line.description !== undefined) out.description = line.description;
  if (line.count !== undefined) out.count = line.count;
  return out;
}

function sameLine(a: LineSnapshot, b: LineSnapshot): boolean {
  return a.name === b.name && a.amount === b.amount && a.description === b.description && a.count === b.count;
}

/**
 * Pairs the lines after the change with the lines before it by name (the k-th line of a name with
 * the k-th line of that name before), in the new order; lines that are gone come last.
 */
export function diffLines(
  before: readonly { name?: string; amount?: number; description?: string; count?: number }[] | undefined,
  after: readonly { name?: string; amount?: number; description?: string; count?: number }[],
): LineChange[] {
  const remaining = (before ?? []).map(snapshot);
  const taken = remaining.map(() => false);
  const changes: LineChange[] = after.map((raw) => {
    const a = snapshot(raw);
    const i = remaining.findIndex((b, j) => !taken[j] && b.name === a.name);
    if (i < 0) return { kind: "added", name: a.name, before: null, after: a };
    taken[i] = true;
    const b = remaining[i] as LineSnapshot;
    return { kind: sameLine(a, b) ? "same" : "changed", name: a.name, before: b, after: a };
  });
  remaining.forEach((b, j) => {
    if (!taken[j]) changes.push({ kind: "removed", name: b.name, before: b, after: null });
  });
  return changes;
}

// ---------------------------------------------------------------------------------------------
// Answers
// ---------------------------------------------------------------------------------------------

/**
 * A definitive answer settles the submission: the next one gets a new idempotency key. Not
 * definitive: the outcome is unknown (or the call to our own server failed, `null`) — a retry must
 * reuse the key so the server replays or reconciles instead of charging twice.
 */
export function isDefinitive(result: ActionResult<unknown> | null): boolean {
  if (result === null) return false;
  if (result.ok) return true;
  return result.error.code !== "OUTCOME_UNKNOWN" && result.error.code !== "INTERNAL_ERROR";
}

/** Codes with their own plain-language message (orderForm.upstream.<code>). */
export const UPSTREAM_MESSAGE_CODES = [
  "PARAM_ERROR",
  "INVALID_REQUEST",
  "INVALID_ORDER_STATE",
  "ORDER_BUSY",
  "SYSTEM_ERROR",
  "FREQUENCY_LIMITED",
  "RATE_LIMITED",
  "SIGN_ERROR",
  "ORDER_NOT_EXIST",
  "NO_AUTH",
  "REQUEST_INVALID",
  "RESPONSE_HEADERS_MISSING",
  "RESPONSE_SERIAL_UNKNOWN",
  "RESPONSE_TIMESTAMP_SKEW",
  "RESPONSE_SIGNATURE_INVALID",
  "RESPONSE_MALFORMED",
  "REQUEST_TIMEOUT",
  "NETWORK_ERROR",
  "INTERNAL_ERROR",
  "UNKNOWN",
] as const;
export type UpstreamMessageCode = (typeof UPSTREAM_MESSAGE_CODES)[number];

/** Which plain-language message explains an upstream error (WeChat's own text is shown beside it). */
export function upstreamMessageCode(upstream: { code: string; message: string }): UpstreamMessageCode {
  if ((upstream.code === "PARAM_ERROR" || upstream.code === "INVALID_ORDER_STATE") && /扣款中/.test(upstream.message)) return "ORDER_BUSY";
  if (upstream.code === "PARAM_ERROR" && /状态/.test(upstream.message)) return "INVALID_ORDER_STATE";
  return (UPSTREAM_MESSAGE_CODES as readonly string[]).includes(upstream.code) ? (upstream.code as UpstreamMessageCode) : "UNKNOWN";
}

// ---------------------------------------------------------------------------------------------
// Idempotency keys
// ---------------------------------------------------------------------------------------------

/** A v4 UUID; crypto.randomUUID needs a secure context, getRandomValues does not (http on a LAN host). */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === "function") {
    try {
      return c.randomUUID();
    } catch {
      // fall through: not a secure context
    }
  }
  const bytes = c.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * One key per submission: the same values sent again (a retry after an unknown outcome) reuse the
 * key; different values, or anything after a definitive answer, get a new one.
 */
export function createIdempotencyKeeper(generate: () => string = newIdempotencyKey) {
  let current: { key: string; fingerprint: string } | null = null;
  return {
    keyFor(fingerprint: string): string {
      if (current === null || current.fingerprint !== fingerprint) current = { key: generate(), fingerprint };
      return current.key;
    },
    settle(result: ActionResult<unknown> | null): void {
      if (isDefinitive(result)) current = null;
    },
  };
}

/** A stable fingerprint of what a submission sends (everything but the key itself). */
export function submissionFingerprint(values: object): string {
  return JSON.stringify(values, (key, value: unknown) => (key === "idempotencyKey" ? undefined : value));
}

// ---------------------------------------------------------------------------------------------
// Starting values
// ---------------------------------------------------------------------------------------------

/** The device block as the confirmation lists it: "start_device_id=POS-1，materiel_no=M-2". */
export function deviceText(device: TDevice): string {
  return Object.entries(device)
    .map(([key, value]) => `${key}=${value}`)
    .join("，");
}

/** The values both money forms start from (the lib/orders/operation-form.ts fields, reason aside). */
export function baseFormValues(
  profile: Pick<PublicProfile, "id">,
  subMchid: string | null,
  order: TServiceOrder,
  industry: IndustryId,
) {
  const seeded = seedPayments(industry, undefined, order.post_payments);
  const isZero = variantOfLines(industry, seeded.payments).totalMode === "zero";
  return {
    dropped: seeded.dropped,
    values: {
      profileId: profile.id,
      subMchid: subMchid ?? "",
      outOrderNo: order.out_order_no,
      idempotencyKey: newIdempotencyKey(),
      basedOn: order,
      industry,
      payments: seeded.payments,
      discounts: seedDiscounts(order.post_discounts),
      total: isZero ? "0.00" : fenToInput(currentOrderTotal(order)),
      reasonText: "",
      internalNote: "",
      device: { start_device_id: "", end_device_id: "", materiel_no: "" },
    },
  };
}
