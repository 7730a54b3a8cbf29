// The bulk preview's measure (issue #14 §5), in headless Chromium (Debian's, else Playwright's own),
// signed in with a session cookie —
//   time until scrollable   navigation start → the table holds every row and shows the first ones
//                           (the page, its scripts and the rows' JSON read and rendered);
//   frame time              while the scroll region is scrolled from top to bottom in steps of
//                           one viewport per animation frame (the fastest a person flings it), the
//                           time between frames: p50 / p95 / max, and how many frames took longer
//                           than 1/60 s and 1/30 s.
// Free of the bench harness (no server modules), so a Playwright spec can call it too
// (e2e/bulk-screenshots.spec.ts); scripts/bench/bulk-preview.ts makes the batch for the bench.
import { existsSync } from "node:fs";
import { chromium, type Browser } from "@playwright/test";
import type { BenchRow } from "./rows";
import { percentile, round } from "./support";

/** Scrolls the region one viewport per frame to the bottom; the frames' timestamps, the rows rendered at the end. */
const SCROLL_SCRIPT = `(async () => {
  const region = document.querySelector('[data-testid="bulk-rows-scroll"]');
  if (!region) throw new Error("no scroll region");
  const step = region.clientHeight;
  const stamps = [];
  await new Promise((resolve) => {
    const frame = (now) => {
      stamps.push(now);
      if (region.scrollTop + region.clientHeight >= region.scrollHeight - 1 || stamps.length > 5000) return resolve();
      region.scrollTop += step;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const rows = [...document.querySelectorAll('[data-testid="bulk-rows-table"] [role="rowgroup"]:last-child [role="row"]')];
  const lines = rows.map((row) => Number(row.dataset.line)).filter((line) => Number.isFinite(line));
  return { stamps, rendered: rows.length, lastLine: lines.length > 0 ? Math.max(...lines) : null };
})()`;

/** Debian's Chromium where installed (CHROME_PATH first), else Playwright's own. */
export function previewChromePath(): string | undefined {
  return [process.env.CHROME_PATH, "/usr/bin/chromium"].find((candidate): candidate is string => !!candidate && existsSync(candidate));
}

export interface BulkPreviewMeasure {
  rows: number;
  /** Navigation start → every row in the table, the first ones rendered. */
  timeToScrollableMs: number;
  frames: number;
  frameMs: { p50: number; p95: number; max: number };
  /** Frames longer than 16.7 ms / 33.4 ms. */
  over16: number;
  over33: number;
  /** Rows rendered at once (the virtual window), at the end of the scroll. */
  renderedRows: number;
  scrolledToLine: number | null;
}

export interface BulkPreviewOptions {
  baseUrl: string;
  /** The Cookie header of a signed-in session that may see the batch. */
  cookie: string;
  batchId: string;
  /** Rows the batch has: the table must report this many. */
  expectedRows: number;
  viewport?: { width: number; height: number };
  timeoutMs?: number;
}

function cookiesOf(header: string, url: string): { name: string; value: string; url: string }[] {
  return header
    .split(";")
    .map((part) => part.trim())
    .filter((part) => part.includes("="))
    .map((part) => {
      const eq = part.indexOf("=");
      return { name: part.slice(0, eq), value: part.slice(eq + 1), url };
    });
}

/** Opens /bulk/<id>, waits for every row, scrolls to the bottom frame by frame. */
export async function measureBulkPreview(options: BulkPreviewOptions): Promise<BulkPreviewMeasure> {
  const executablePath = previewChromePath();
  const browser: Browser = await chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 900 } });
    await context.addCookies(cookiesOf(options.cookie, options.baseUrl));
    const page = await context.newPage();
    const timeout = options.timeoutMs ?? 120_000;
    await page.goto(new URL(`/bulk/${encodeURIComponent(options.batchId)}`, options.baseUrl).toString(), { waitUntil: "commit", timeout });
    const table = page.locator(`[data-testid="bulk-rows-table"][data-rows="${options.expectedRows}"]`);
    await table.locator('[role="rowgroup"]:last-child [role="row"]').first().waitFor({ timeout });
    // performance.now() counts from the navigation's start.
    const timeToScrollableMs = await page.evaluate(() => performance.now());

    // A string, not a function: tsx (esbuild keepNames) would wrap the callback's inner functions in a
    // __name helper the page does not have.
    const scroll = (await page.evaluate(SCROLL_SCRIPT)) as { stamps: number[]; rendered: number; lastLine: number | null };
    const gaps = scroll.stamps.slice(1).map((stamp, index) => stamp - (scroll.stamps[index] ?? stamp));
    const sorted = [...gaps].sort((a, b) => a - b);
    return {
      rows: options.expectedRows,
      timeToScrollableMs: round(timeToScrollableMs, 0),
      frames: gaps.length,
      frameMs: { p50: round(percentile(sorted, 50), 1), p95: round(percentile(sorted, 95), 1), max: round(sorted.at(-1) ?? Number.NaN, 1) },
      over16: gaps.filter((gap) => gap > 16.7).length,
      over33: gaps.filter((gap) => gap > 33.4).length,
      renderedRows: scroll.rendered,
      scrolledToLine: scroll.lastLine,
    };
  } finally {
    await browser.close();
  }
}

/** The measure as the bench's rows (section `bulk`). Targets: scrollable ≤ 3 s, p95 frame ≤ 33 ms. */
export function bulkPreviewRows(section: string, measure: BulkPreviewMeasure): BenchRow[] {
  return [
    { section, metric: `preview ${measure.rows} rows: time until scrollable`, value: measure.timeToScrollableMs, unit: "ms", target: "≤ 3000 ms", pass: measure.timeToScrollableMs <= 3_000 },
    { section, metric: `preview scroll: frame time p50 (${measure.frames} frames)`, value: measure.frameMs.p50, unit: "ms" },
    { section, metric: "preview scroll: frame time p95", value: measure.frameMs.p95, unit: "ms", target: "≤ 33 ms", pass: measure.frameMs.p95 <= 33.4 },
    { section, metric: "preview scroll: frame time max", value: measure.frameMs.max, unit: "ms" },
    { section, metric: "preview scroll: frames over 16.7 ms", value: measure.over16, unit: "frames" },
    { section, metric: "preview scroll: rows in the DOM at once", value: measure.renderedRows, unit: "rows" },
  ];
}
