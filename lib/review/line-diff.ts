// Line-by-line difference of an order's post_payments / post_discounts before and after a change,
// for the supervisor's detail panel. The stored JSON is read defensively (it is what WeChat or the
// sandbox answered): anything that is not a line is skipped, never trusted. Lines are paired by
// name, the n-th line of a name before with the n-th line of that name after (names may repeat).

export interface LineValues {
  name: string;
  amount?: number;
  description?: string;
  count?: number;
}

export type LineChange = "added" | "removed" | "changed" | "unchanged";
export type LineField = "amount" | "description" | "count";

export interface LineDiffRow {
  name: string;
  before: LineValues | null;
  after: LineValues | null;
  change: LineChange;
  changedFields: LineField[];
}

export type LineKind = "post_payments" | "post_discounts";

const FIELDS: readonly LineField[] = ["amount", "description", "count"];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The lines of `kind` in an order or request body; null when the object has no such list. */
export function readLines(source: unknown, kind: LineKind): LineValues[] | null {
  if (!isRecord(source)) return null;
  const list = source[kind];
  if (!Array.isArray(list)) return null;
  const lines: LineValues[] = [];
  for (const item of list) {
    if (!isRecord(item) || typeof item.name !== "string") continue;
    const line: LineValues = { name: item.name };
    if (typeof item.amount === "number" && Number.isSafeInteger(item.amount)) line.amount = item.amount;
    if (typeof item.description === "string") line.description = item.description;
    if (typeof item.count === "number" && Number.isSafeInteger(item.count)) line.count = item.count;
    lines.push(line);
  }
  return lines;
}

/** total_amount of an order or request body, when it is an integer. */
export function readTotal(source: unknown): number | null {
  if (!isRecord(source)) return null;
  return typeof source.total_amount === "number" && Number.isSafeInteger(source.total_amount) ? source.total_amount : null;
}

export function diffLines(before: readonly LineValues[], after: readonly LineValues[]): LineDiffRow[] {
  const remaining = new Map<string, LineValues[]>();
  for (const line of after) {
    const list = remaining.get(line.name) ?? [];
    list.push(line);
    remaining.set(line.name, list);
  }
  const rows: LineDiffRow[] = [];
  for (const line of before) {
    const match = remaining.get(line.name)?.shift();
    if (!match) {
      rows.push({ name: line.name, before: line, after: null, change: "removed", changedFields: [] });
      continue;
    }
    const changedFields = FIELDS.filter((field) => line[field] !== match[field]);
    rows.push({ name: line.name, before: line, after: match, change: changedFields.length > 0 ? "changed" : "unchanged", changedFields });
  }
  for (const line of after) {
    const left = remaining.get(line.name);
    if (left && left[0] === line) {
      left.shift();
      rows.push({ name: line.name, before: null, after: line, change: "added", changedFields: [] });
    }
  }
  return rows;
}

export type AfterSource = "order_after" | "request_body";

export interface ChangeDiff {
  /** Where the "after" lines come from: the order WeChat confirmed, else the request that was sent. */
  afterSource: AfterSource;
  payments: LineDiffRow[];
  discounts: LineDiffRow[];
  totalBefore: number | null;
  totalAfter: number | null;
}

/** The diff the detail panel shows for one trail row; null when there is no "before" order. */
export function changeDiff(row: { orderBefore: unknown; orderAfter: unknown; requestBody: unknown }): ChangeDiff | null {
  if (!isRecord(row.orderBefore)) return null;
  const afterSource: AfterSource = readLines(row.orderAfter, "post_payments") !== null ? "order_after" : "request_body";
  const after = afterSource === "order_after" ? row.orderAfter : row.requestBody;
  const before = row.orderBefore;
  return {
    afterSource,
    payments: diffLines(readLines(before, "post_payments") ?? [], readLines(after, "post_payments") ?? []),
    discounts: diffLines(readLines(before, "post_discounts") ?? [], readLines(after, "post_discounts") ?? []),
    totalBefore: readTotal(before),
    totalAfter: readTotal(after),
  };
}
