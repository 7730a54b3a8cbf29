// @vitest-environment happy-dom
// The bulk pages' client parts in a DOM (happy-dom), in Chinese: the upload form says exactly why a
// file is refused (the parser's code and parameters) or how many rows and problems it has, uploads
// the file under the field "file" and hands the batch id on; the rows table renders a window of a
// 10 000-row batch, not all of it, with the table's ARIA row count; the progress bar's figures.
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { NextIntlClientProvider } from "next-intl";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionResult } from "@/lib/actions/result";
import type { BulkParseResult, BulkPreviewRow, BulkProgress, ParseBulkFile } from "@/lib/bulk/types";
import bulk from "@/messages/zh-CN/bulk.json";
import orderForm from "@/messages/zh-CN/orderForm.json";
import approvals from "@/messages/zh-CN/approvals.json";
import { BulkUpload } from "./bulk-upload";
import { BulkRowsTable } from "./bulk-rows-table";
import { BulkProgressBar } from "./bulk-progress";

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}
globalThis.IS_REACT_ACT_ENVIRONMENT = true;

vi.mock("next/link", () => ({
  default: ({ href, children, prefetch: _prefetch, ...props }: { href: string; children: React.ReactNode; prefetch?: boolean }) => (
    <a href={href} {...props}>
      {children}
    </a>
  ),
}));

let container: HTMLDivElement;
let root: Root;

beforeEach(() => {
  container = document.createElement("div");
  document.body.appendChild(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

function render(node: React.ReactNode) {
  act(() => {
    root.render(
      <NextIntlClientProvider locale="zh-CN" timeZone="Asia/Shanghai" messages={{ bulk, orderForm, approvals }}>
        {node}
      </NextIntlClientProvider>,
    );
  });
}

const PROFILES = [{ id: "demo-merchant", mode: "merchant" as const, industry: "car_charging" as const, subMerchants: [] }];

async function choose(file: File) {
  const input = container.querySelector<HTMLInputElement>('input[type="file"]');
  if (!input) throw new Error("no file input");
  Object.defineProperty(input, "files", { value: [file], configurable: true });
  await act(async () => {
    input.dispatchEvent(new Event("change", { bubbles: true }));
  });
  // The parser is loaded and the file read asynchronously.
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

type Upload = (form: FormData) => Promise<ActionResult<{ batchId: string }>>;

function uploadWith(result: BulkParseResult, upload = vi.fn<Upload>(async () => ({ ok: true, data: { batchId: "b-1" } }))) {
  const parse = vi.fn<ParseBulkFile>(() => result);
  const onUploaded = vi.fn();
  render(<BulkUpload profiles={PROFILES} loadParser={async () => parse} upload={upload} onUploaded={onUploaded} />);
  return { parse, upload, onUploaded };
}

describe("BulkUpload", () => {
  it("says which column is unknown and which encoding was found, and offers no upload", async () => {
    const { parse } = uploadWith({ ok: false, encoding: "gb18030", error: { code: "unknown_column", params: { column: "备注2", position: 9 } } });
    await choose(new File(["x"], "orders.csv", { type: "text/csv" }));
    expect(parse).toHaveBeenCalledTimes(1);
    expect(container.querySelector('[data-testid="bulk-file-error-message"]')?.textContent).toBe("第 9 列的列名“备注2”不是模板中的列名：请使用模板的列名，或删除该列。");
    expect(container.querySelector('[data-testid="bulk-file-error"]')?.textContent).toContain("文件编码：GBK / GB18030（Excel 中文版）");
    expect(container.querySelector('[data-testid="bulk-file-ok"]')).toBeNull();
  });

  it("says how many rows and problems, uploads the file as the field \"file\", hands on the batch id", async () => {
    const rows = [1, 2, 3].map((n) => ({
      line: n + 1,
      profileId: "demo-merchant",
      subMchid: null,
      outOrderNo: `O-${n}`,
      newTotal: 100,
      lineAmounts: null,
      reasonCategory: "device_fault" as const,
      reasonText: "故障",
      internalNote: null,
    }));
    const raw = [2, 3, 4, 5].map((line) => ({ line, cells: { profileId: "demo-merchant", subMchid: "", outOrderNo: `O-${line}`, newTotal: "1.00", lineAmounts: "", reasonCategory: "设备故障", reasonText: "故障", internalNote: "" } }));
    // Four data rows, one of them with a problem (not among `rows`, which holds the clean ones).
    const { upload, onUploaded } = uploadWith({ ok: true, encoding: "utf-8-bom", rows, raw, problems: [{ line: 5, column: "新总金额", issue: { path: [], code: "not_a_number" } }] });
    const file = new File(["a,b"], "批量.csv", { type: "text/csv" });
    await choose(file);
    expect(container.querySelector('[data-testid="bulk-file-summary"]')?.textContent).toBe("4 行订单，1 个问题（提交前可在预览中查看，或修改后重新上传）");
    expect(container.querySelector('[data-testid="bulk-file-encoding"]')?.textContent).toBe("文件编码：UTF-8（带 BOM）");
    const button = [...container.querySelectorAll("button")].find((b) => b.textContent === "上传并开始试运行");
    await act(async () => {
      button?.click();
    });
    expect(upload).toHaveBeenCalledTimes(1);
    const form = upload.mock.calls[0]?.[0];
    expect((form?.get("file") as File).name).toBe("批量.csv");
    expect(onUploaded).toHaveBeenCalledWith("b-1");
  });

  it("says the server's refusal", async () => {
    const upload = vi.fn<Upload>(async () => ({ ok: false, error: { code: "FORBIDDEN" } }));
    uploadWith({ ok: true, encoding: "utf-8", rows: [], problems: [], raw: [] }, upload);
    await choose(new File(["a"], "a.csv"));
    const button = [...container.querySelectorAll("button")].find((b) => b.textContent === "上传并开始试运行");
    await act(async () => {
      button?.click();
    });
    expect(container.querySelector('[data-testid="bulk-upload-failure"]')?.textContent).toBe("上传失败：你的角色没有执行此操作的权限。");
  });

  it("words the server parser's refusal like the browser's", async () => {
    const upload = vi.fn<Upload>(async () => ({
      ok: false,
      error: { code: "INVALID_INPUT", reason: "unknown_column", issues: [{ path: ["file"], code: "invalid_value", params: { file: "unknown_column", column: "X", position: 3 } }] },
    }));
    uploadWith({ ok: true, encoding: "utf-8", rows: [], problems: [], raw: [] }, upload);
    await choose(new File(["a"], "a.csv"));
    const button = [...container.querySelectorAll("button")].find((b) => b.textContent === "上传并开始试运行");
    await act(async () => {
      button?.click();
    });
    expect(container.querySelector('[data-testid="bulk-upload-failure"]')?.textContent).toBe("上传失败：第 3 列的列名“X”不是模板中的列名：请使用模板的列名，或删除该列。");
  });
});

function previewRow(line: number): BulkPreviewRow {
  return {
    line,
    profileId: "demo-merchant",
    subMchid: null,
    outOrderNo: `BULK-${line}`,
    verdict: line % 10 === 0 ? "not_found" : "ok",
    problems: [],
    totalBefore: 5_000,
    totalAfter: 4_000,
    approvalReasons: [],
  };
}

const SIZES = [
  ["offsetHeight", 512],
  ["offsetWidth", 1000],
  ["clientHeight", 512],
  ["clientWidth", 1000],
] as const;

describe("BulkRowsTable", () => {
  // happy-dom has no layout: the scroll region gets the size it has in the page (32rem × 1000 px).
  const saved = new Map<string, PropertyDescriptor | undefined>();
  beforeEach(() => {
    for (const [name, value] of SIZES) {
      saved.set(name, Object.getOwnPropertyDescriptor(HTMLElement.prototype, name));
      Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => value });
    }
  });
  afterEach(() => {
    for (const [name, descriptor] of saved) {
      if (descriptor) Object.defineProperty(HTMLElement.prototype, name, descriptor);
      else delete (HTMLElement.prototype as unknown as Record<string, unknown>)[name];
    }
  });

  it("renders a window of 10 000 rows, with the table's row count for assistive technology", () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => previewRow(i + 2));
    render(<BulkRowsTable rows={rows} totalRows={rows.length} kind="preview" profileLabels={{ "demo-merchant": "演示商户" }} />);
    const table = container.querySelector('[role="table"]');
    expect(table?.getAttribute("aria-rowcount")).toBe("10001");
    const rendered = container.querySelectorAll('[role="rowgroup"]:last-child [role="row"]');
    expect(rendered.length).toBeGreaterThan(0);
    expect(rendered.length).toBeLessThan(100);
    const first = rendered[0];
    expect(first?.getAttribute("aria-rowindex")).toBe("2");
    expect([...(first?.querySelectorAll('[role="cell"]') ?? [])].map((cell) => cell.textContent)).toEqual(["2", "演示商户", "BULK-2", "可发送", "¥50.00 → ¥40.00", "—"]);
    expect(container.textContent).toContain("显示 10000 / 10000 行");
  });
});

describe("BulkProgressBar", () => {
  it("shows the counts, the rate and the time left", () => {
    const progress: BulkProgress = { total: 200, succeeded: 120, failed: 3, skipped: 2, unknown: 0, remaining: 75, ratePerSecond: 9.96, etaSeconds: 75 };
    render(<BulkProgressBar progress={progress} />);
    const bar = container.querySelector('[role="progressbar"]');
    expect(bar?.getAttribute("aria-valuenow")).toBe("125");
    expect(bar?.getAttribute("aria-valuemax")).toBe("200");
    expect(container.querySelector('[data-testid="bulk-progress-label"]')?.textContent).toBe("已处理 125 / 200");
    const figure = (key: string) => container.querySelector(`[data-figure="${key}"] dd`)?.textContent;
    expect([figure("succeeded"), figure("failed"), figure("skipped"), figure("remaining"), figure("rate"), figure("eta")]).toEqual(["120", "3", "2", "75", "10 笔/秒", "1 分 15 秒"]);
  });
});
