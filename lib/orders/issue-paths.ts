// Where an issue belongs in the amount forms: API body paths (post_payments[i].x, total_amount,
// reason, time_range.end_time, …) and the form schema's own paths (payments.i.x, total, reasonText,
// …) → the form field that shows it, so an answer from the server or the sandbox lands at the field
// the agent typed in.

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
