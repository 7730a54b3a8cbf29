import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CSV_BOM, csvCell, csvLine, neutralizeCell, parseCsv } from "./csv";
import { exportCells, exportHeader, formatBeijingDateTime, type ExportLabels } from "./export-rows";
import type { ReviewListRow } from "./view";

describe("[REVIEW][CSV] formula injection", () => {
  it.each([
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ["+SUM(A1:A2)", "'+SUM(A1:A2)"],
    ["-2+3", "'-2+3"],
    ["@SUM(1)", "'@SUM(1)"],
    ["\tTAB", "'\tTAB"],
    ["\rCR", "'\rCR"],
    ["=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"],
  ])("%j → %j", (input, expected) => {
    expect(neutralizeCell(input)).toBe(expected);
  });

  it("leaves plain text and numbers (negative amounts stay numbers)", () => {
    for (const safe of ["房费计费错误", "-12.00", "0.00", "1234.56", "<script>alert(1)</script>", "a=b", ""]) {
      expect(neutralizeCell(safe)).toBe(safe);
    }
  });

  it("quotes separators, quotes and line breaks", () => {
    expect(csvCell('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("=1,2")).toBe("\"'=1,2\"");
    expect(csvCell(null)).toBe("");
    expect(csvLine(["a", 1, null])).toBe("a,1,\r\n");
  });

  it("any cell survives a round trip, and no parsed cell starts a formula (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: "grapheme", maxLength: 20 }), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const text = CSV_BOM + rows.map((row) => csvLine(row)).join("");
        const parsed = parseCsv(text);
        expect(parsed.length).toBe(rows.length);
        parsed.forEach((row, i) => {
          row.forEach((cell, j) => {
            expect(cell).toBe(neutralizeCell(rows[i]?.[j] ?? ""));
            if (!/^-?\d+(\.\d+)?$/.test(cell)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
          });
        });
      }),
      { numRuns: 500 },
    );
  });
});

describe("[REVIEW][CSV] export rows", () => {
  const labels: ExportLabels = {
    locale: "zh-CN",
    header: {
      id: "记录ID", createdAt: "时间", agent: "客服", agentId: "客服ID", profile: "商户身份", mode: "模式", subMchid: "子商户号",
      outOrderNo: "订单号", operation: "操作", totalBefore: "修改前", totalAfter: "修改后", delta: "差额", reasonCategory: "原因类别",
      reasonText: "原因", internalNote: "备注", status: "结果", wechatCode: "错误码", requestId: "Request-ID", reviewState: "复核",
      reviewedBy: "复核人", reviewComment: "复核意见", approval: "审批", approver: "审批人", decidedAt: "审批时间",
      waitedMinutes: "等待（分钟）", decisionComment: "审批意见",
    },
    modes: { merchant: "直连商户" },
    operations: { modify: "改价" },
    statuses: { succeeded: "成功" },
    reviewStates: { flagged: "已标记" }, appliedLate: "迟到生效",
    approvalOutcomes: { rejected: "已驳回", approved: "已批准" },
  };
  const row: ReviewListRow = {
    id: "3f1c2a44-1b2c-4d5e-8f90-0a1b2c3d4e5f",
    createdAt: "2026-11-25T05:03:22.123Z",
    userId: "u1",
    userName: "=HYPERLINK(\"evil\")",
    appliedLate: false,
    profileId: "demo-merchant",
    mode: "merchant",
    subMchid: null,
    outOrderNo: "DEMO-M-HOTEL-PAYING-5",
    operation: "modify",
    totalBefore: 10000,
    totalAfter: 8800,
    delta: -1200,
    reasonCategory: "billing_error",
    reasonText: "<script>alert(1)</script>",
    internalNote: "+1 call me",
    status: "succeeded",
    wechatCode: null,
    requestId: "req-1",
    reviewState: "flagged",
    reviewComment: "@check, \"why\"",
    reviewedBy: "主管",
    approval: null,
  };

  it("writes 元 amounts, Beijing time, labels, and neutralised text", () => {
    const line = csvLine(exportCells(row, labels));
    const [cells] = parseCsv(line);
    expect(cells).toEqual([
      row.id,
      "2026-11-25 13:03:22",
      "'=HYPERLINK(\"evil\")",
      "u1",
      "demo-merchant",
      "直连商户",
      "",
      "DEMO-M-HOTEL-PAYING-5",
      "改价",
      "100.00",
      "88.00",
      "-12.00",
      "计费错误",
      "<script>alert(1)</script>",
      "'+1 call me",
      "成功",
      "",
      "req-1",
      "已标记",
      "主管",
      "'@check, \"why\"",
      "",
      "",
      "",
      "",
      "",
    ]);
    expect(exportHeader(labels)).toHaveLength(cells?.length ?? 0);
  });

  it("writes a request's decision: outcome, approver, Beijing time, minutes waited, the comment neutralised", () => {
    const rejected: ReviewListRow = {
      ...row,
      status: "rejected",
      approval: {
        reasons: [{ rule: "reduction_amount", limit: 20_000, actual: 30_000 }],
        outcome: "rejected",
        expiresAt: "2026-11-26T05:03:22.123Z",
        decidedByName: "演示主管",
        decidedAt: "2026-11-25T07:08:52.123Z",
        comment: "-依据不足",
        waitedMs: 2 * 3_600_000 + 5 * 60_000 + 30_000,
      },
    };
    const [cells] = parseCsv(csvLine(exportCells(rejected, labels)));
    expect(cells?.slice(-5)).toEqual(["已驳回", "演示主管", "2026-11-25 15:08:52", "125.5", "'-依据不足"]);
    expect(exportHeader(labels).slice(-5)).toEqual(["审批", "审批人", "审批时间", "等待（分钟）", "审批意见"]);
  });

  it("formats Beijing time across midnight", () => {
    expect(formatBeijingDateTime("2026-12-31T16:30:00Z")).toBe("2027-01-01 00:30:00");
  });
});
