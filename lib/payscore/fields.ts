// Shared field schemas of the Payscore service-order APIs (PAYSCORE_API.md §1.1, Decisions 4, 9, 13, 14).
//
// Error messages: every check in these schemas reports a custom zod issue whose `message` is a
// stable machine string "<RuleCode>[;key=value…]" (see encodeIssueMessage in ./issues), e.g.
// "too_long;max=30", "out_of_range;min=1;max=100", "required", "unknown_field". Translate with
//   ruleIssuesFromZod(error.issues)            → RuleIssue[] (whole parse result), or
//   ruleIssueFromMessage(path, message)        → RuleIssue (one react-hook-form FieldError)
// and then describeRuleIssueZh / describeRuleIssueEn. Never show the raw message to a person.
//
// Lengths are counted in Unicode code points (charLength), not UTF-16 units or bytes.
//
// zod/mini (functional API: z.optional(x), .check(z.superRefine(…))) rather than full "zod": these
// schemas are bundled for the browser's forms, and mini is a fraction of the size. Parsing, issues
// and inferred types are the same zod 4 core; only the way schemas are composed differs. Import it
// as a namespace (`import * as z from "zod/mini"`): `import { z }` defeats tree-shaking and pulls all
// of zod, every locale included, into the bundle (lib/zod-mini.test.ts checks both).
import * as z from "zod/mini";
import { MAX_FEN } from "../money";
import { LIMITS } from "./limits";
import { formatBeijingTime, parseBeijingTime } from "./beijing-time";
import { charLength, isWellFormedText } from "../text";
import { encodeIssueMessage, type RuleCode, type RuleIssueParams } from "./issues";
import { IDENTIFIER_FORMAT, IDENTIFIER_RE, OUT_ORDER_NO_FORMAT, OUT_ORDER_NO_RE } from "./identifiers";

// --------------------------------------------------------------------------------------------
// Builders
// --------------------------------------------------------------------------------------------

function msg(code: RuleCode, params?: RuleIssueParams): string {
  return encodeIssueMessage(code, params);
}

/** Message for a wrong type: "required" when the value is missing, else "invalid_type". */
function typeError(expected: string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined ? msg("required") : msg("invalid_type", { expected });
}

/**
 * A string of `min`..`max` code points; an empty string counts as missing when min ≥ 1. Text that
 * cannot be stored or sent verbatim (NUL, a lone surrogate) is "invalid_format".
 */
export function zText(min: number, max: number, pattern?: { re: RegExp; format: string }) {
  return z.string({ error: typeError("string") }).check(
    z.superRefine((s, ctx) => {
      const n = charLength(s);
      if (n < min) {
        ctx.addIssue({ code: "custom", message: min <= 1 ? msg("required") : msg("too_few", { min }), input: s });
        return;
      }
      if (n > max) {
        ctx.addIssue({ code: "custom", message: msg("too_long", { max }), input: s });
        return;
      }
      if (!isWellFormedText(s)) {
        ctx.addIssue({ code: "custom", message: msg("invalid_format"), input: s });
        return;
      }
      if (pattern && !pattern.re.test(s)) {
        ctx.addIssue({ code: "custom", message: msg("invalid_format", { format: pattern.format }), input: s });
      }
    }),
  );
}

/** An integer in [min, max]. Below 0 with min 0 is "negative"; above MAX_FEN for money is "too_large". */
export function zInt(min: number, max: number = Number.MAX_SAFE_INTEGER) {
  return z.number({ error: typeError("integer") }).check(
    z.superRefine((n, ctx) => {
      if (!Number.isInteger(n)) {
        ctx.addIssue({ code: "custom", message: msg("not_integer"), input: n });
        return;
      }
      if (n < min) {
        ctx.addIssue({
          code: "custom",
          message:
            min === 0
              ? msg("negative")
              : max === Number.MAX_SAFE_INTEGER
                ? msg("out_of_range", { min })
                : msg("out_of_range", { min, max }),
          input: n,
        });
        return;
      }
      if (n > max) {
        ctx.addIssue({
          code: "custom",
          message: min === 0 ? msg("too_large", { max }) : msg("out_of_range", { min, max }),
          input: n,
        });
      }
    }),
  );
}

/** An array of `min`..`max` items. */
export function zList<T extends z.core.SomeType>(item: T, min: number, max: number) {
  return z.array(item, { error: typeError("array") }).check(
    z.superRefine((list, ctx) => {
      if (list.length < min) ctx.addIssue({ code: "custom", message: msg("too_few", { min }), input: list });
      else if (list.length > max) ctx.addIssue({ code: "custom", message: msg("too_many", { max }), input: list });
    }),
  );
}

/** An object that refuses unknown keys, reporting each as "unknown_field". */
export function zStrict<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.strictObject(shape, {
    error: (issue) => (issue.code === "unrecognized_keys" ? msg("unknown_field") : typeError("object")(issue)),
  });
}

export function zBoolean() {
  return z.boolean({ error: typeError("boolean") });
}

// --------------------------------------------------------------------------------------------
// Limits (PAYSCORE_API §1.1)
// --------------------------------------------------------------------------------------------

// Kept in ./limits (no zod there) for the forms that only display them.
export { LIMITS };

// --------------------------------------------------------------------------------------------
// Scalars
// --------------------------------------------------------------------------------------------

export const ZMode = z.enum(["merchant", "partner", "institution"], { error: () => msg("invalid_value") });
export type TMode = z.infer<typeof ZMode>;
/** Alias of TMode. */
export type Mode = TMode;
export const MODES: readonly TMode[] = ZMode.options;

/** 商户服务订单号: 1..32 of digits, letters and _-|* . */
export const ZOutOrderNo = zText(1, LIMITS.outOrderNo, { re: OUT_ORDER_NO_RE, format: OUT_ORDER_NO_FORMAT });

/** appid, service_id, sub_mchid, channel_id: string(32), no whitespace. */
export const ZIdentifier = zText(1, LIMITS.id, { re: IDENTIFIER_RE, format: IDENTIFIER_FORMAT });
export const ZAppId = ZIdentifier;
export const ZServiceId = ZIdentifier;
export const ZSubMchid = ZIdentifier;
export const ZChannelId = ZIdentifier;

/** Amount in 分: integer 0..MAX_FEN. */
export const ZFen = zInt(0, MAX_FEN);
export const ZTotalAmount = ZFen;

/** 修改原因 string(50). */
export const ZReason = zText(1, LIMITS.reason);

/** yyyyMMddHHmmss, a real calendar time (Beijing time, checked against the clock in rules.ts). */
export const ZPayscoreTime = z.string({ error: typeError("string") }).check(
  z.superRefine((s, ctx) => {
    if (parseBeijingTime(s) === null) ctx.addIssue({ code: "custom", message: msg("invalid_time"), input: s });
  }),
);

/** ISO 8601 / RFC 3339 with an offset, e.g. 2019-11-11T16:24:05+08:00 (partner/institution complete_time). */
export const ZCompleteTime = zText(1, 64, {
  re: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:\d{2})$/,
  format: "yyyy-MM-ddTHH:mm:ss+08:00",
});

export const ZGoodsTag = zText(1, LIMITS.goodsTag);

// --------------------------------------------------------------------------------------------
// Objects of request bodies (strict: an unknown field is refused)
// --------------------------------------------------------------------------------------------

/** One post_payments line. Which of amount/description/count are sent depends on the industry. */
export const ZPostPayment = zStrict({
  name: zText(1, LIMITS.paymentName),
  amount: z.optional(ZFen),
  description: z.optional(zText(1, LIMITS.paymentDescription)),
  count: z.optional(zInt(1, LIMITS.paymentCountMax)),
});
export type TPostPayment = z.infer<typeof ZPostPayment>;
export type PostPayment = TPostPayment;

/** One post_discounts line, merchant mode: name and amount required (Decision 14). */
export const ZPostDiscount = zStrict({
  name: zText(1, LIMITS.discountName),
  description: z.optional(zText(1, LIMITS.discountDescription)),
  amount: ZFen,
  count: z.optional(zInt(1)),
});
export type TPostDiscount = z.infer<typeof ZPostDiscount>;
export type PostDiscount = TPostDiscount;

/** One post_discounts line, partner and institution modes: description required too. */
export const ZPostDiscountWithDescription = zStrict({
  name: zText(1, LIMITS.discountName),
  description: zText(1, LIMITS.discountDescription),
  amount: ZFen,
  count: z.optional(zInt(1)),
});
export type TPostDiscountWithDescription = z.infer<typeof ZPostDiscountWithDescription>;

export const ZPostPayments = zList(ZPostPayment, LIMITS.paymentsMin, LIMITS.paymentsMax);
export const ZPostDiscounts = zList(ZPostDiscount, 0, LIMITS.discountsMax);
export const ZPostDiscountsWithDescription = zList(ZPostDiscountWithDescription, 0, LIMITS.discountsMax);

/** time_range at complete: all parts optional (merchant, partner). */
export const ZTimeRange = zStrict({
  start_time: z.optional(ZPayscoreTime),
  start_time_remark: z.optional(zText(1, LIMITS.timeRemark)),
  end_time: z.optional(ZPayscoreTime),
  end_time_remark: z.optional(zText(1, LIMITS.timeRemark)),
});
export type TTimeRange = z.infer<typeof ZTimeRange>;

/** time_range at institution complete: start_time required (seed 004). */
export const ZTimeRangeWithStart = zStrict({
  start_time: ZPayscoreTime,
  start_time_remark: z.optional(zText(1, LIMITS.timeRemark)),
  end_time: z.optional(ZPayscoreTime),
  end_time_remark: z.optional(zText(1, LIMITS.timeRemark)),
});

/** location {start_location, end_location} (partner, institution complete). */
export const ZLocation = zStrict({
  start_location: z.optional(zText(1, LIMITS.location)),
  end_location: z.optional(zText(1, LIMITS.location)),
});
export type TLocation = z.infer<typeof ZLocation>;

/** location {end_location} (merchant complete, PAYSCORE_API §1.3). */
export const ZLocationEnd = zStrict({
  end_location: z.optional(zText(1, LIMITS.location)),
});

/** device (merchant and partner modify/complete; not institution). Limits not documented: 32. */
export const ZDevice = zStrict({
  start_device_id: z.optional(zText(1, LIMITS.device)),
  end_device_id: z.optional(zText(1, LIMITS.device)),
  materiel_no: z.optional(zText(1, LIMITS.device)),
});
export type TDevice = z.infer<typeof ZDevice>;

// --------------------------------------------------------------------------------------------
// Objects of answers (loose: unknown extra fields are kept; see order.ts)
// --------------------------------------------------------------------------------------------

export const RISK_FUND_NAMES = ["DEPOSIT", "ADVANCE", "CASH_DEPOSIT", "ESTIMATE_ORDER_COST"] as const;

export const ZRiskFund = z.looseObject({
  name: z.enum(RISK_FUND_NAMES),
  amount: z.int().check(z.minimum(0)),
  description: z.optional(z.string()),
});
export type TRiskFund = z.infer<typeof ZRiskFund>;

export const ZPromotionDetail = z.looseObject({
  coupon_id: z.string(),
  name: z.optional(z.string()),
  scope: z.optional(z.string()),
  type: z.optional(z.string()),
  amount: z.int(),
  stock_id: z.optional(z.string()),
  wechatpay_contribute: z.optional(z.int()),
  merchant_contribute: z.optional(z.int()),
  other_contribute: z.optional(z.int()),
  currency: z.optional(z.string()),
  goods_detail: z.optional(
    z.array(
      z.looseObject({
        goods_id: z.string(),
        quantity: z.optional(z.int()),
        unit_price: z.optional(z.int()),
        discount_amount: z.optional(z.int()),
        goods_remark: z.optional(z.string()),
      }),
    ),
  ),
});

export const ZCollectionDetail = z.looseObject({
  seq: z.optional(z.int()),
  amount: z.optional(z.int()),
  paid_type: z.optional(z.string()),
  paid_time: z.optional(z.string()),
  transaction_id: z.optional(z.string()),
  promotion_detail: z.optional(z.array(ZPromotionDetail)),
});

export const ZCollection = z.looseObject({
  state: z.enum(["USER_PAYING", "USER_PAID"]),
  total_amount: z.optional(z.int()),
  paying_amount: z.optional(z.int()),
  paid_amount: z.optional(z.int()),
  details: z.optional(z.array(ZCollectionDetail)),
  bank_type: z.optional(z.string()),
});
export type TCollection = z.infer<typeof ZCollection>;

// Beijing time (Decision 15): in ./beijing-time, shared by these schemas and the rules.
export { formatBeijingTime, parseBeijingTime };
