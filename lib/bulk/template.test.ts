import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { SANDBOX_LOOKUP } from "@/tests/support/bulk-lookup";
import { parseBulkFile } from "./file";
import { bulkTemplateCsv } from "./template";

describe("bulkTemplateCsv", () => {
  it("Chinese: BOM, header, three example rows with CRLF", () => {
    const text = bulkTemplateCsv("zh");
    expect(text.startsWith("\uFEFF商户身份,子商户号,商户服务订单号,新总金额,各项新金额,原因类别,修改原因说明,内部备注\r\n")).toBe(true);
    expect(text.split("\r\n")).toHaveLength(5);
    expect(text).toContain("\r\ndemo-merchant,,DEMO-M-HOTEL-PAYING-1,,酒店房费=400.00,计费错误,房费按门市价收取，按协议价退差,示例：按各项新金额修改\r\n");
  });

  it("English header", () => {
    expect(bulkTemplateCsv("en").startsWith("\uFEFFprofile_id,sub_mchid,out_order_no,new_total,line_amounts,reason_category,reason_text,internal_note\r\n")).toBe(true);
    expect(bulkTemplateCsv("en")).toContain("demo-partner,1900001202,DEMO-P-POWERBANK-PAYING-1,3.00,,Device fault,Power bank did not charge; returned early,Example: a new total\r\n");
  });

  it.each(["zh", "en"] as const)("%s: parses with no problem, as downloaded and as Excel saves it again (GBK)", (lang) => {
    const text = bulkTemplateCsv(lang);
    for (const bytes of [new TextEncoder().encode(text), new Uint8Array(iconv.encode(text.slice(1), "gbk"))]) {
      const result = parseBulkFile(bytes, SANDBOX_LOOKUP);
      if (!result.ok) throw new Error(JSON.stringify(result.error));
      expect(result.problems).toEqual([]);
      expect(result.rows.map((r) => [r.line, r.outOrderNo, r.newTotal, r.lineAmounts])).toEqual([
        [2, "DEMO-M-HOTEL-PAYING-1", null, { 酒店房费: 40000 }],
        [3, "DEMO-P-POWERBANK-PAYING-1", 300, null],
        [4, "DEMO-I-EBIKE-PAYING-1", 250, null],
      ]);
    }
  });
});
