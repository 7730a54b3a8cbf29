import iconv from "iconv-lite";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SANDBOX_LOOKUP } from "@/tests/support/bulk-lookup";
import { SYNTHETIC_TARGETS, syntheticBulkCsv } from "@/tests/support/bulk-synthetic";
import { bulkLookupFromProfiles, parseBulkFile } from "./file";
import { BULK_MAX_BYTES, BULK_MAX_ROWS, type BulkParseResult, type BulkRowProblem } from "./types";

const ZH_HEADER = "商户身份,子商户号,商户服务订单号,新总金额,各项新金额,原因类别,修改原因说明,内部备注";
const EN_HEADER = "profile_id,sub_mchid,out_order_no,new_total,line_amounts,reason_category,reason_text,internal_note";
const HOTEL = "demo-merchant,,DEMO-M-HOTEL-PAYING-1,,酒店房费=400.00,计费错误,多收了房费,";
const POWER = "demo-partner,1900001202,DEMO-P-POWERBANK-PAYING-1,3.00,,设备故障,充电宝故障,";

const utf8 = (text: string) => new TextEncoder().encode(text);
const parse = (text: string) => parseBulkFile(utf8(text), SANDBOX_LOOKUP);

function ok(result: BulkParseResult) {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.error)}`);
  return result;
}

/** The problems of a file with one data row after the header (line 2). */
function problemsOf(row: string, header = ZH_HEADER): Omit<BulkRowProblem, "line">[] {
  const result = ok(parse(`${header}\r\n${row}\r\n`));
  expect(result.problems.every((p) => p.line === 2)).toBe(true);
  return result.problems.map(({ column, issue }) => ({ column, issue }));
}

describe("encodings", () => {
  it("reads GBK (Excel on Chinese Windows) as GB18030, with the right Chinese", () => {
    const result = ok(parseBulkFile(new Uint8Array(iconv.encode(`${ZH_HEADER}\r\n${HOTEL}\r\n`, "gbk")), SANDBOX_LOOKUP));
    expect(result.encoding).toBe("gb18030");
    expect(result.problems).toEqual([]);
    expect(result.rows).toEqual([
      {
        line: 2,
        profileId: "demo-merchant",
        subMchid: null,
        outOrderNo: "DEMO-M-HOTEL-PAYING-1",
        newTotal: null,
        lineAmounts: { 酒店房费: 40000 },
        reasonCategory: "billing_error",
        reasonText: "多收了房费",
        internalNote: null,
      },
    ]);
  });

  it("reads GB18030-only characters (beyond GBK)", () => {
    const text = `${ZH_HEADER}\r\n${HOTEL.replace("多收了房费", "多收了房费𠀀")}\r\n`;
    const result = ok(parseBulkFile(new Uint8Array(iconv.encode(text, "gb18030")), SANDBOX_LOOKUP));
    expect(result.encoding).toBe("gb18030");
    expect(result.rows[0]?.reasonText).toBe("多收了房费𠀀");
  });

  it("UTF-8 with a BOM and without", () => {
    const bom = ok(parseBulkFile(utf8(`\uFEFF${ZH_HEADER}\r\n${HOTEL}\r\n`), SANDBOX_LOOKUP));
    expect(bom.encoding).toBe("utf-8-bom");
    expect(bom.rows[0]?.reasonText).toBe("多收了房费");
    const plain = ok(parse(`${ZH_HEADER}\r\n${HOTEL}\r\n`));
    expect(plain.encoding).toBe("utf-8");
    expect(plain.rows).toEqual(bom.rows);
  });

  it("refuses bytes no encoding reads", () => {
    const bytes = new Uint8Array([...utf8("商户身份,"), 0x81, 0x20, 0x0d, 0x0a]);
    expect(parseBulkFile(bytes, SANDBOX_LOOKUP)).toEqual({ ok: false, encoding: null, error: { code: "undecodable" } });
    // A BOM promises UTF-8: bytes after it that are not UTF-8 are not guessed at.
    const bomThenGbk = new Uint8Array([0xef, 0xbb, 0xbf, ...iconv.encode(ZH_HEADER, "gbk")]);
    expect(parseBulkFile(bomThenGbk, SANDBOX_LOOKUP)).toEqual({ ok: false, encoding: null, error: { code: "undecodable" } });
  });
});

describe("CSV", () => {
  it("LF or CRLF, quoted commas, quotes and line breaks; line = spreadsheet row", () => {
    const text = `${ZH_HEADER}\n"demo-merchant",,DEMO-M-HOTEL-PAYING-1,,酒店房费=400.00,计费错误,"多收,""房费""\n第二行",\n${POWER}\n`;
    const result = ok(parse(text));
    expect(result.problems).toEqual([]);
    expect(result.rows.map((r) => [r.line, r.reasonText])).toEqual([
      [2, '多收,"房费"\n第二行'],
      [3, "充电宝故障"],
    ]);
  });

  it("skips blank rows (Excel's ',,,,') but keeps their row numbers", () => {
    const result = ok(parse(`${ZH_HEADER}\r\n,,,,,,,\r\n\r\n${HOTEL}\r\n,,\r\n`));
    expect(result.rows.map((r) => r.line)).toEqual([4]);
    expect(result.raw.map((r) => r.line)).toEqual([4]);
  });

  it("English headers, any column order, category by id or English label", () => {
    const header = "reason_category,out_order_no,profile_id,sub_mchid,new_total,reason_text";
    const result = ok(parse(`${header}\r\ndevice_fault,DEMO-P-POWERBANK-PAYING-1,demo-partner,1900001202,3.00,broken\r\nDevice Fault,DEMO-P-POWERBANK-PAYING-2,demo-partner,1900001202,2.5,broken\r\n`));
    expect(result.problems).toEqual([]);
    expect(result.rows.map((r) => [r.reasonCategory, r.newTotal, r.lineAmounts, r.internalNote])).toEqual([
      ["device_fault", 300, null, null],
      ["device_fault", 250, null, null],
    ]);
  });

  it("accepts and ignores the errors CSV's problem column", () => {
    const result = ok(parse(`${ZH_HEADER},问题\r\n${HOTEL},修改原因说明 必填\r\n`));
    expect(result.problems).toEqual([]);
    expect(result.rows).toHaveLength(1);
  });

  it("a cell beyond the named columns is a problem of its row", () => {
    expect(problemsOf(`${HOTEL},stray`)).toEqual([{ column: "", issue: { path: [], code: "too_many", params: { max: 8 } } }]);
    expect(problemsOf(`${HOTEL},,  `)).toEqual([]);
  });
});

describe("the whole file is refused", () => {
  it("empty: no bytes, only blanks, only a header", () => {
    expect(parseBulkFile(new Uint8Array(), SANDBOX_LOOKUP)).toEqual({ ok: false, encoding: null, error: { code: "empty" } });
    expect(parse(" \r\n\r\n")).toEqual({ ok: false, encoding: "utf-8", error: { code: "empty" } });
    expect(parse(`${ZH_HEADER}\r\n,,,\r\n`)).toEqual({ ok: false, encoding: "utf-8", error: { code: "empty", params: { rows: 0 } } });
  });

  it(`more than ${BULK_MAX_BYTES} bytes (5 MB); exactly that many is read`, () => {
    const body = `${ZH_HEADER}\r\n${HOTEL}\r\n`;
    const exact = new Uint8Array(BULK_MAX_BYTES);
    exact.fill(0x0a); // blank lines after the row
    exact.set(utf8(body));
    const read = ok(parseBulkFile(exact, SANDBOX_LOOKUP));
    expect(read.rows).toHaveLength(1);
    const over = new Uint8Array(BULK_MAX_BYTES + 1);
    over.fill(0x0a);
    over.set(utf8(body));
    expect(parseBulkFile(over, SANDBOX_LOOKUP)).toEqual({
      ok: false,
      encoding: null,
      error: { code: "too_large", params: { max: 5_242_880, size: 5_242_881 } },
    });
  });

  it(`more than ${BULK_MAX_ROWS} data rows; exactly that many is read`, () => {
    const rows = (n: number) => `${ZH_HEADER}\r\n${Array.from({ length: n }, (_, i) => `demo-merchant,,BULK-${i},,酒店房费=1.00,其他,x,`).join("\r\n")}\r\n`;
    expect(ok(parse(rows(10_000))).rows).toHaveLength(10_000);
    expect(parse(rows(10_001))).toEqual({ ok: false, encoding: "utf-8", error: { code: "too_many_rows", params: { max: 10_000 } } });
  });

  it("an unknown column, named", () => {
    expect(parse(`${ZH_HEADER},折扣\r\n${HOTEL},1\r\n`)).toEqual({ ok: false, encoding: "utf-8", error: { code: "unknown_column", params: { column: "折扣", position: 9 } } });
    expect(parse(`profile_id,out_order_no,newtotal\r\n`)).toEqual({ ok: false, encoding: "utf-8", error: { code: "unknown_column", params: { column: "newtotal", position: 3 } } });
    expect(parse(`profile_id,,out_order_no\r\n`)).toEqual({ ok: false, encoding: "utf-8", error: { code: "unknown_column", params: { column: "", position: 2 } } });
  });

  it("a column given twice", () => {
    expect(parse(`${ZH_HEADER},new_total\r\n${HOTEL},1\r\n`)).toEqual({
      ok: false,
      encoding: "utf-8",
      error: { code: "duplicate_column", params: { column: "new_total", first: "新总金额" } },
    });
  });

  it("a required column missing, named in the header's language", () => {
    expect(parse("商户身份,商户服务订单号,新总金额,原因类别\r\na,b,1,其他\r\n")).toEqual({
      ok: false,
      encoding: "utf-8",
      error: { code: "missing_column", params: { column: "修改原因说明" } },
    });
    expect(parse("profile_id,out_order_no,reason_category,reason_text\r\na,b,other,x\r\n")).toEqual({
      ok: false,
      encoding: "utf-8",
      error: { code: "missing_column", params: { column: "new_total / line_amounts" } },
    });
  });

  it("not CSV: a workbook, UTF-16, binary, another separator, a broken quote", () => {
    const refusedAs = (bytes: Uint8Array) => {
      const r = parseBulkFile(bytes, SANDBOX_LOOKUP);
      return r.ok ? null : r.error;
    };
    expect(refusedAs(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]))).toEqual({ code: "not_csv", params: { kind: "xlsx" } });
    expect(refusedAs(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]))).toEqual({ code: "not_csv", params: { kind: "xls" } });
    expect(refusedAs(new Uint8Array(iconv.encode(`\uFEFF${ZH_HEADER}`, "utf-16le")))).toEqual({ code: "not_csv", params: { kind: "utf16" } });
    expect(refusedAs(new Uint8Array([0x61, 0x00, 0x62]))).toEqual({ code: "not_csv", params: { kind: "binary" } });
    expect(refusedAs(utf8(`${ZH_HEADER.replaceAll(",", "\t")}\r\n`))).toEqual({ code: "not_csv", params: { kind: "separator" } });
    expect(refusedAs(utf8(`${ZH_HEADER}\r\n${HOTEL}\r\ndemo-merchant,,"X,\r\n`))).toEqual({ code: "not_csv", params: { kind: "quotes", line: 3 } });
  });
});

describe("row problems (line, column, code)", () => {
  it("the profile and sub-merchant", () => {
    expect(problemsOf("nobody,,A1,1.00,,其他,x,")).toEqual([{ column: "商户身份", issue: { path: ["profileId"], code: "unknown_profile" } }]);
    expect(problemsOf(",,A1,1.00,,其他,x,")).toEqual([{ column: "商户身份", issue: { path: ["profileId"], code: "required" } }]);
    expect(problemsOf("demo-partner,,A1,1.00,,其他,x,")).toEqual([{ column: "子商户号", issue: { path: ["subMchid"], code: "required" } }]);
    expect(problemsOf("demo-institution,1900001299,A1,1.00,,其他,x,")).toEqual([{ column: "子商户号", issue: { path: ["subMchid"], code: "unknown_sub_merchant" } }]);
    expect(problemsOf("demo-partner,1900001301,A1,1.00,,其他,x,")).toEqual([{ column: "子商户号", issue: { path: ["subMchid"], code: "unknown_sub_merchant" } }]);
    expect(problemsOf("demo-partner,19 0001202,A1,1.00,,其他,x,")).toEqual([
      { column: "子商户号", issue: { path: ["subMchid"], code: "invalid_format" } },
    ]);
    expect(problemsOf("demo-merchant,1900001202,A1,,酒店房费=1.00,其他,x,")).toEqual([{ column: "子商户号", issue: { path: ["subMchid"], code: "forbidden_field" } }]);
  });

  it("a missing sub_mchid column is named in the header's language", () => {
    expect(problemsOf("demo-partner,A1,1.00,other,x", "profile_id,out_order_no,new_total,reason_category,reason_text")).toEqual([
      { column: "sub_mchid", issue: { path: ["subMchid"], code: "required" } },
    ]);
  });

  it("out_order_no as the API allows it", () => {
    expect(problemsOf(`demo-merchant,,${"A".repeat(33)},,酒店房费=1.00,其他,x,`)).toEqual([
      { column: "商户服务订单号", issue: { path: ["outOrderNo"], code: "too_long", params: { max: 32 } } },
    ]);
    expect(problemsOf("demo-merchant,,订单1,,酒店房费=1.00,其他,x,")).toEqual([
      { column: "商户服务订单号", issue: { path: ["outOrderNo"], code: "invalid_format" } },
    ]);
    expect(problemsOf("demo-merchant,,,,酒店房费=1.00,其他,x,")).toEqual([{ column: "商户服务订单号", issue: { path: ["outOrderNo"], code: "required" } }]);
  });

  it("a new total or new line amounts: exactly one", () => {
    expect(problemsOf("demo-partner,1900001202,A1,,,其他,x,")).toEqual([
      { column: "新总金额", issue: { path: ["newTotal"], code: "missing_one_of", params: { names: "新总金额、各项新金额" } } },
    ]);
    expect(problemsOf("demo-partner,1900001202,A1,1.00,收费标准=1.00,其他,x,")).toEqual([
      { column: "新总金额", issue: { path: ["newTotal"], code: "mutually_exclusive", params: { names: "新总金额、各项新金额" } } },
    ]);
    // The hotel's total is the sum of its lines; a power bank's lines carry no amount.
    expect(problemsOf("demo-merchant,,A1,400.00,,其他,x,")).toEqual([{ column: "新总金额", issue: { path: ["newTotal"], code: "total_from_lines" } }]);
    expect(problemsOf("demo-partner,1900001202,A1,,收费标准=1.00,其他,x,")).toEqual([
      { column: "各项新金额", issue: { path: ["lineAmounts", "收费标准"], code: "forbidden_field", params: { name: "收费标准" } } },
    ]);
  });

  it("line names of the industry's template", () => {
    expect(problemsOf("demo-merchant,,A1,,房费=1.00,其他,x,")).toEqual([
      { column: "各项新金额", issue: { path: ["lineAmounts", "房费"], code: "unknown_line_name", params: { name: "房费" } } },
    ]);
    expect(problemsOf("demo-merchant,,A1,,酒店房费=1.00；其他杂费＝0.50;,其他,x,")).toEqual([]);
    expect(problemsOf("demo-merchant,,A1,,酒店房费=1.00;酒店房费=2.00,其他,x,")).toEqual([
      { column: "各项新金额", issue: { path: ["lineAmounts", "酒店房费"], code: "duplicate_name", params: { name: "酒店房费" } } },
    ]);
    expect(problemsOf("demo-merchant,,A1,,酒店房费 400,其他,x,")).toEqual([
      { column: "各项新金额", issue: { path: ["lineAmounts"], code: "invalid_format", params: { format: "名称=金额;名称=金额" } } },
    ]);
    // 通用: any name; 汽车租赁 0元: the line's amount must be 0.
    expect(problemsOf("demo-partner,1900001209,A1,,随便什么=1.00,其他,x,")).toEqual([]);
    expect(problemsOf("demo-partner,1900001207,A1,,租车相关费用=1.00,其他,x,")).toEqual([
      { column: "各项新金额", issue: { path: ["lineAmounts", "租车相关费用"], code: "zero_form_amount" } },
    ]);
  });

  it("money is exact 元 with at most two decimals", () => {
    const total = (cell: string) => ok(parse(`${ZH_HEADER}\r\n${POWER.replace(",3.00,", `,${cell},`)}\r\n`));
    expect(total("0.29").rows[0]?.newTotal).toBe(29);
    expect(total("19.99").rows[0]?.newTotal).toBe(1999);
    expect(total("1000000000.00").rows[0]?.newTotal).toBe(100_000_000_000);
    const lines = ok(parse(`${ZH_HEADER}\r\ndemo-merchant,,A1,,酒店房费=0.29;其他杂费=19.99,其他,x,\r\n`));
    expect(lines.rows[0]?.lineAmounts).toEqual({ 酒店房费: 29, 其他杂费: 1999 });
    const codeOf = (cell: string) => total(cell).problems.map((p) => [p.column, p.issue.code]);
    expect(codeOf("1e3")).toEqual([["新总金额", "not_a_number"]]);
    expect(codeOf("12.345")).toEqual([["新总金额", "too_many_decimals"]]);
    expect(codeOf('"1,000"')).toEqual([["新总金额", "not_a_number"]]);
    expect(codeOf("¥1")).toEqual([["新总金额", "not_a_number"]]);
    expect(codeOf("-1")).toEqual([["新总金额", "negative"]]);
    expect(codeOf("1000000000.01")).toEqual([["新总金额", "too_large"]]);
    expect(problemsOf("demo-merchant,,A1,,酒店房费=12.345,其他,x,")).toEqual([
      { column: "各项新金额", issue: { path: ["lineAmounts", "酒店房费"], code: "too_many_decimals" } },
    ]);
  });

  it("the reason: category, text and note as the modify form judges them", () => {
    expect(problemsOf("demo-merchant,,A1,,酒店房费=1.00,,x,")).toEqual([{ column: "原因类别", issue: { path: ["reasonCategory"], code: "required" } }]);
    expect(problemsOf("demo-merchant,,A1,,酒店房费=1.00,退款,x,")).toEqual([{ column: "原因类别", issue: { path: ["reasonCategory"], code: "invalid_value" } }]);
    expect(problemsOf("demo-merchant,,A1,,酒店房费=1.00,其他,  ,")).toEqual([{ column: "修改原因说明", issue: { path: ["reasonText"], code: "required" } }]);
    // 其他 leaves 50 − 2 − 1 = 47 characters; 用户投诉 leaves 45.
    expect(problemsOf(`demo-merchant,,A1,,酒店房费=1.00,其他,${"字".repeat(47)},`)).toEqual([]);
    expect(problemsOf(`demo-merchant,,A1,,酒店房费=1.00,其他,${"字".repeat(48)},`)).toEqual([
      { column: "修改原因说明", issue: { path: ["reasonText"], code: "too_long", params: { max: 47 } } },
    ]);
    expect(problemsOf(`demo-merchant,,A1,,酒店房费=1.00,用户投诉,${"字".repeat(46)},`)).toEqual([
      { column: "修改原因说明", issue: { path: ["reasonText"], code: "too_long", params: { max: 45 } } },
    ]);
    expect(problemsOf(`demo-merchant,,A1,,酒店房费=1.00,其他,x,${"注".repeat(501)}`)).toEqual([
      { column: "内部备注", issue: { path: ["internalNote"], code: "too_long", params: { max: 500 } } },
    ]);
  });

  it("hostile text: bidi overrides and control characters refused, line breaks and tabs kept", () => {
    expect(problemsOf("demo-merchant,,A1,,酒店房费=1.00,其他,gnp\u202Eexe,")).toEqual([
      { column: "修改原因说明", issue: { path: ["reasonText"], code: "invalid_characters" } },
    ]);
    expect(problemsOf("demo-merchant,,A1,,酒店房费=1.00,其他,x,note\u0007")).toEqual([
      { column: "内部备注", issue: { path: ["internalNote"], code: "invalid_characters" } },
    ]);
    expect(problemsOf('demo-merchant,,A1,,酒店房费=1.00,其他,"a\nb\tc","d\ne"')).toEqual([]);
    // A hidden character in a line name is shown, not passed on.
    expect(problemsOf("demo-merchant,,A1,,酒店\u202E房费=1.00,其他,x,")).toEqual([
      { column: "各项新金额", issue: { path: ["lineAmounts", "酒店[U+202E]房费"], code: "unknown_line_name", params: { name: "酒店[U+202E]房费" } } },
    ]);
  });

  it("formula-looking text cells (= + - @ first, also after spaces or a tab)", () => {
    for (const cell of ["=1+1", "+1", "-1", "@SUM(A1)", " =cmd", "\t=cmd", "'=HYPERLINK(\"x\")"]) {
      expect(problemsOf(`demo-merchant,,A1,,酒店房费=1.00,其他,"${cell.replaceAll('"', '""')}",`), cell).toEqual([
        { column: "修改原因说明", issue: { path: ["reasonText"], code: "formula_cell" } },
      ]);
    }
    expect(problemsOf("demo-merchant,,A1,,酒店房费=1.00,其他,x,@all")).toEqual([{ column: "内部备注", issue: { path: ["internalNote"], code: "formula_cell" } }]);
    expect(problemsOf("demo-merchant,,-A1,,酒店房费=1.00,其他,x,")).toEqual([{ column: "商户服务订单号", issue: { path: ["outOrderNo"], code: "formula_cell" } }]);
    // Inside the text, the same characters are fine.
    expect(problemsOf("demo-merchant,,A-1,,酒店房费=1.00,其他,a=b+c-d@e,")).toEqual([]);
  });

  it("a duplicate order: the later row names the line it repeats; other identities are not duplicates", () => {
    const text = [ZH_HEADER, HOTEL, POWER, HOTEL.replace("400.00", "300.00"), POWER.replace("demo-partner,1900001202", "demo-institution,1900001302"), HOTEL].join("\r\n");
    const result = ok(parse(text));
    expect(result.problems).toEqual([
      { line: 4, column: "", issue: { path: [], code: "duplicate_order", params: { line: 2 } } },
      { line: 6, column: "", issue: { path: [], code: "duplicate_order", params: { line: 2 } } },
    ]);
    expect(result.rows.map((r) => r.line)).toEqual([2, 3, 5]);
    expect(result.raw.map((r) => r.line)).toEqual([2, 3, 4, 5, 6]);
  });

  it("several problems of one row, in column order", () => {
    expect(problemsOf("nobody,,订单,1e3,,退款,=x,").map((p) => [p.column, p.issue.code])).toEqual([
      ["商户身份", "unknown_profile"],
      ["商户服务订单号", "invalid_format"],
      ["新总金额", "not_a_number"],
      ["原因类别", "invalid_value"],
      ["修改原因说明", "formula_cell"],
    ]);
  });
});

describe("bulkLookupFromProfiles", () => {
  const lookup = bulkLookupFromProfiles([
    { id: "m", mode: "merchant", industry: "hotel", subMerchants: [] },
    { id: "p", mode: "partner", subMerchants: [{ sub_mchid: "1", label: "x", industry: "express" }] },
  ]);
  it("answers profiles and their sub-merchants", () => {
    expect(lookup("m", null)).toEqual({ mode: "merchant", industry: "hotel" });
    expect(lookup("m", "1")).toBeNull();
    expect(lookup("p", null)).toEqual({ mode: "partner", industry: "generic" });
    expect(lookup("p", "1")).toEqual({ mode: "partner", industry: "express" });
    expect(lookup("p", "2")).toBeNull();
    expect(lookup("x", null)).toBeNull();
  });
});

describe("a synthetic 10 000-row GBK file", () => {
  it("parses with exactly 10 000 rows and no problem, fast", () => {
    const file = syntheticBulkCsv({ rows: BULK_MAX_ROWS, encoding: "gbk" });
    expect(file.bytes.length).toBeLessThan(BULK_MAX_BYTES);
    const started = performance.now();
    const result = ok(parseBulkFile(file.bytes, SANDBOX_LOOKUP));
    const ms = performance.now() - started;
    expect(result.encoding).toBe("gb18030");
    expect(result.problems).toEqual([]);
    expect(result.rows).toHaveLength(10_000);
    expect(result.rows[9_999]).toEqual({
      line: 10_001,
      profileId: "demo-merchant",
      subMchid: null,
      outOrderNo: "BULK-M-HOTEL-10000",
      newTotal: null,
      lineAmounts: { 酒店房费: 30_001 },
      reasonCategory: "billing_error",
      reasonText: "批量调整测试 #10000",
      internalNote: null,
    });
    // Generous for a loaded 2-core machine; the bench measures the real figure.
    expect(ms).toBeLessThan(3_000);
  });

  it("every target, encoding and language of the generator parses clean", () => {
    for (const target of Object.values(SYNTHETIC_TARGETS)) {
      for (const encoding of ["gbk", "utf-8", "utf-8-bom"] as const) {
        for (const lang of ["zh", "en"] as const) {
          const file = syntheticBulkCsv({ rows: target.seedCount, encoding, lang, target, orders: "seed" });
          const result = ok(parseBulkFile(file.bytes, SANDBOX_LOOKUP));
          expect(result.problems, `${target.profileId} ${encoding} ${lang}`).toEqual([]);
          expect(result.rows.map((r) => r.outOrderNo)).toEqual(file.orders.map((o) => o.outOrderNo));
        }
      }
    }
  });
});

describe("English header problems", () => {
  it("name English columns", () => {
    expect(problemsOf("demo-merchant,,A1,,hotel=1.00,other,x,", EN_HEADER)).toEqual([
      { column: "line_amounts", issue: { path: ["lineAmounts", "hotel"], code: "unknown_line_name", params: { name: "hotel" } } },
    ]);
  });
});

describe("hostile files", () => {
  it("very long cells are refused without being echoed whole", () => {
    const long = "房".repeat(100_000);
    expect(problemsOf(`${long},,A1,,酒店房费=1.00,其他,x,`)).toEqual([{ column: "商户身份", issue: { path: ["profileId"], code: "unknown_profile" } }]);
    const [problem] = problemsOf(`demo-merchant,,A1,,${long}=1.00,其他,x,`);
    expect(problem?.issue.code).toBe("unknown_line_name");
    expect(problem?.issue.params?.name).toBe(`${"房".repeat(40)}…`);
    expect(problemsOf(`demo-merchant,,A1,,酒店房费=${"9".repeat(100_000)},其他,x,`)).toEqual([
      { column: "各项新金额", issue: { path: ["lineAmounts", "酒店房费"], code: "too_large" } },
    ]);
  });

  it("never throws, whatever the bytes or the text", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const result = parseBulkFile(bytes, SANDBOX_LOOKUP);
        expect(typeof result.ok).toBe("boolean");
      }),
      { numRuns: 300 },
    );
    const cell = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("demo-merchant", "demo-partner", "1900001202", "酒店房费=1.00", "=1", '"', "\r\n", ",", "其他", "1.00"));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 10 }), { maxLength: 8 }), (records) => {
        const text = `${ZH_HEADER}\r\n${records.map((r) => r.join(",")).join("\r\n")}`;
        const result = parse(text);
        if (result.ok) {
          // Every data row is either a valid row or has a problem, never both, never neither.
          const withProblems = new Set(result.problems.map((p) => p.line));
          for (const raw of result.raw) expect(withProblems.has(raw.line) !== result.rows.some((r) => r.line === raw.line)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
