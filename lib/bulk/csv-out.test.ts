import { describe, expect, it } from "vitest";
import { parseCsv } from "@/lib/review/csv";
import { SANDBOX_LOOKUP } from "@/tests/support/bulk-lookup";
import { bulkErrorsCsv, bulkResultsCsv, describeBulkProblem, type BulkErrorsCsvRow } from "./csv-out";
import { parseBulkFile } from "./file";
import type { BulkBatchRowView, BulkParseResult } from "./types";

const HEADER = "商户身份,子商户号,商户服务订单号,新总金额,各项新金额,原因类别,修改原因说明,内部备注";
const FILE = [
  HEADER,
  "demo-merchant,,DEMO-M-HOTEL-PAYING-1,,酒店房费=400.00,计费错误,多收了房费,",
  'demo-merchant,,DEMO-M-HOTEL-PAYING-2,,酒店房费=12.345,计费错误,"=HYPERLINK(""http://x"",""点我"")",',
  "demo-partner,,DEMO-P-POWERBANK-PAYING-1,3.00,,设备故障,充电宝故障,",
  "demo-merchant,,DEMO-M-HOTEL-PAYING-1,,酒店房费=300.00,计费错误,重复,",
].join("\r\n");

function ok(result: BulkParseResult) {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result;
}

/** The rows of a parse with problems, as the errors CSV takes them. */
function errorRows(result: ReturnType<typeof ok>): BulkErrorsCsvRow[] {
  return result.raw
    .filter((r) => result.problems.some((p) => p.line === r.line))
    .map((r) => ({ line: r.line, cells: r.cells, problems: result.problems.filter((p) => p.line === r.line) }));
}

describe("bulkErrorsCsv", () => {
  const parsed = ok(parseBulkFile(new TextEncoder().encode(FILE), SANDBOX_LOOKUP));
  const csv = bulkErrorsCsv(errorRows(parsed), "zh");

  it("gives back the rows with problems, their cells as uploaded, neutralised, and why", () => {
    expect(parsed.problems.map((p) => [p.line, p.issue.code])).toEqual([
      [3, "too_many_decimals"],
      [3, "formula_cell"],
      [4, "required"],
      [5, "duplicate_order"],
    ]);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(parseCsv(csv)).toEqual([
      [...HEADER.split(","), "问题"],
      [
        "demo-merchant",
        "",
        "DEMO-M-HOTEL-PAYING-2",
        "",
        "酒店房费=12.345",
        "计费错误",
        `'=HYPERLINK("http://x","点我")`,
        "",
        "各项新金额「酒店房费」 最多两位小数；修改原因说明 以 = + - @ 开头，会被表格软件当作公式",
      ],
      ["demo-partner", "", "DEMO-P-POWERBANK-PAYING-1", "3.00", "", "设备故障", "充电宝故障", "", "子商户号 必填"],
      ["demo-merchant", "", "DEMO-M-HOTEL-PAYING-1", "", "酒店房费=300.00", "计费错误", "重复", "", "本行 与第2行是同一订单"],
    ]);
  });

  it("re-uploaded unchanged, the same problems come back (a neutralised formula is still one)", () => {
    const again = ok(parseBulkFile(new TextEncoder().encode(csv), SANDBOX_LOOKUP));
    expect(again.problems.map((p) => [p.line, p.column, p.issue.code])).toEqual([
      [2, "各项新金额", "too_many_decimals"],
      [2, "修改原因说明", "formula_cell"],
      [3, "子商户号", "required"],
    ]);
  });

  it("re-uploaded after fixing, parses clean", () => {
    const fixed = csv
      .replace("酒店房费=12.345", "酒店房费=123.45")
      .replace(`"'=HYPERLINK(""http://x"",""点我"")"`, "按协议价退差")
      .replace("demo-partner,,", "demo-partner,1900001202,")
      .replace("DEMO-M-HOTEL-PAYING-1,,酒店房费=300.00", "DEMO-M-HOTEL-PAYING-3,,酒店房费=300.00");
    const again = ok(parseBulkFile(new TextEncoder().encode(fixed), SANDBOX_LOOKUP));
    expect(again.problems).toEqual([]);
    expect(again.rows.map((r) => [r.outOrderNo, r.newTotal, r.lineAmounts, r.reasonText])).toEqual([
      ["DEMO-M-HOTEL-PAYING-2", null, { 酒店房费: 12345 }, "按协议价退差"],
      ["DEMO-P-POWERBANK-PAYING-1", 300, null, "充电宝故障"],
      ["DEMO-M-HOTEL-PAYING-3", null, { 酒店房费: 30000 }, "重复"],
    ]);
  });

  it("a dry-run verdict is the problem of a row without its own; English", () => {
    const row = parsed.raw[0];
    if (!row) throw new Error("no row");
    const en = bulkErrorsCsv([{ line: row.line, cells: row.cells, problems: [], verdict: "not_lower" }], "en");
    expect(parseCsv(en)[1]?.at(-1)).toBe("New total not lower than the current one");
    expect(parseCsv(en)[0]?.at(-1)).toBe("problem");
  });
});

describe("bulkResultsCsv", () => {
  const row: BulkBatchRowView = {
    line: 2,
    profileId: "demo-merchant",
    subMchid: null,
    outOrderNo: "DEMO-M-HOTEL-PAYING-1",
    verdict: "ok",
    problems: [],
    totalBefore: 45800,
    totalAfter: 40000,
    approvalReasons: [],
    status: "succeeded",
    outcomeCode: null,
    outcomeMessage: null,
    requestId: "08F0A1B2C3-1",
    trailId: "t1",
  };
  it("one line per row with before → after in 元 and the Request-ID; outcome text neutralised", () => {
    const failed: BulkBatchRowView = {
      ...row,
      line: 3,
      outOrderNo: "DEMO-M-HOTEL-PAYING-2",
      status: "failed",
      outcomeCode: "PARAM_ERROR",
      outcomeMessage: "=cmd|' /C calc'!A0",
      requestId: null,
      totalAfter: null,
    };
    expect(bulkResultsCsv([failed, row], "zh")).toBe(
      "\uFEFF行号,商户身份,子商户号,商户服务订单号,预检结果,修改前总金额,修改后总金额,执行结果,结果代码,结果说明,Request-ID,问题\r\n" +
        "2,demo-merchant,,DEMO-M-HOTEL-PAYING-1,可修改,458.00,400.00,成功,,,08F0A1B2C3-1,\r\n" +
        "3,demo-merchant,,DEMO-M-HOTEL-PAYING-2,可修改,458.00,,失败,PARAM_ERROR,'=cmd|' /C calc'!A0,,\r\n",
    );
    expect(bulkResultsCsv([row], "en").split("\r\n")[1]).toBe("2,demo-merchant,,DEMO-M-HOTEL-PAYING-1,OK,458.00,400.00,Succeeded,,,08F0A1B2C3-1,");
  });
});

describe("describeBulkProblem", () => {
  it("names the column, the line name, or the row", () => {
    expect(describeBulkProblem({ line: 2, column: "new_total", issue: { path: ["newTotal"], code: "not_a_number" } }, "en")).toBe("new_total is not a valid amount");
    expect(describeBulkProblem({ line: 2, column: "", issue: { path: [], code: "duplicate_order", params: { line: 7 } } }, "en")).toBe("This row is the same order as line 7");
    expect(
      describeBulkProblem({ line: 2, column: "各项新金额", issue: { path: ["lineAmounts", "房费"], code: "unknown_line_name", params: { name: "房费" } } }, "zh"),
    ).toBe("各项新金额 「房费」不是该行业允许的付费名称");
  });
});
