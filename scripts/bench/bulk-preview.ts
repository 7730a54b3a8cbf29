// Bench part "bulk preview" (issue #14 §5): a batch's preview of every row in headless Chromium
// (Debian's, else Playwright's own), signed in with a session cookie —
//   time until scrollable   navigation start → the table holds every row and shows the first ones
//                           (the page, its scripts and the rows' JSON read and rendered);
//   frame time              while the scroll region is scrolled from top to bottom in steps of
//                           one viewport per animation frame (the fastest a person flings it), the
//                           time between frames: p50 / p95 / max, and how many frames took longer
//                           than 1/60 s and 1/30 s.
// measureBulkPreview measures a batch that exists; bulkPreviewHook (for the `bulk` section's hooks)
// makes one first: a console of its own on the bench's production build (its own PGlite folder, the
// rate limit out of the way), a 10 000-row file uploaded through the page (rows on the bench
// sandbox's BULK-M-HOTEL-… copies, the rest on orders it does not have), the dry run waited for.
import { spawn } from "node:child_process";
import path from "node:path";
import { chromium, type Browser } from "@playwright/test";
import { DEMO_PASSWORD } from "@/server/auth/demo-users";
import { SYNTHETIC_TARGETS, syntheticBulkCsv } from "../../tests/support/bulk-synthetic";
import { benchApp, demoEmail, DIST_DIR, freePort, prepareBenchEnvironment, ROOT, sleep } from "./harness";
import { chromePath } from "./lighthouse";
import type { BenchRow } from "./rows";
import { percentile, round, type BenchOptions } from "./support";

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
  const executablePath = chromePath() ?? undefined;
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

    const scroll = await page.evaluate(async () => {
      const region = document.querySelector<HTMLElement>('[data-testid="bulk-rows-scroll"]');
      if (!region) throw new Error("no scroll region");
      const step = region.clientHeight;
      const stamps: number[] = [];
      await new Promise<void>((resolve) => {
        const frame = (now: number) => {
          stamps.push(now);
          if (region.scrollTop + region.clientHeight >= region.scrollHeight - 1 || stamps.length > 5_000) return resolve();
          region.scrollTop += step;
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      });
      // Two more frames for the last rows to render.
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="bulk-rows-table"] [role="rowgroup"]:last-child [role="row"]')];
      const lines = rows.map((row) => Number(row.dataset.line)).filter((line) => Number.isFinite(line));
      return { stamps, rendered: rows.length, lastLine: lines.length > 0 ? Math.max(...lines) : null };
    });
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

/** A console of its own for the preview (the bench's shared one keeps its own data and limits). */
async function startPreviewConsole(): Promise<{ baseUrl: string; stop(): Promise<void>; log(): string }> {
  const env = await prepareBenchEnvironment();
  await benchApp(); // the production build, and the bench sandbox
  const port = await freePort(3600, 3699);
  const baseUrl = `http://localhost:${port}`;
  const child = spawn(process.execPath, [path.join(ROOT, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port)], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: DIST_DIR,
      DATA_DIR: env.dataDir,
      PGLITE_DIR: path.join(env.tempRoot, "preview-pglite"),
      SANDBOX_URL: env.sandboxUrl,
      SANDBOX_PORT: String(env.sandboxPort),
      BETTER_AUTH_URL: baseUrl,
      AUTH_SIGN_IN_LIMIT: "1000",
      BULK_RATE_PER_SECOND: "5000",
      BULK_CONCURRENCY: "16",
    },
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  child.stderr?.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  const stop = async () => {
    if (child.pid === undefined || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    await Promise.race([exited, sleep(5_000)]);
    try {
      if (child.exitCode === null) process.kill(-child.pid, "SIGKILL");
    } catch {
      // gone
    }
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`bench: the preview console exited (${child.exitCode})\n${output}`);
    const ok = await fetch(`${baseUrl}/login`, { signal: AbortSignal.timeout(5_000) })
      .then((response) => response.status === 200)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`bench: the preview console did not answer within 120 s\n${output}`);
    }
    await sleep(300);
  }
  return { baseUrl, stop, log: () => output };
}

/** Uploads `bytes` through /bulk as the demo supervisor and waits for the dry run: the batch id and the session cookie. */
async function uploadAndWait(baseUrl: string, fileName: string, bytes: Buffer, rows: number): Promise<{ batchId: string; cookie: string; dryRunMs: number }> {
  const browser = await chromium.launch({ executablePath: chromePath() ?? undefined, args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"] });
  try {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
    const signIn = await context.request.post(`${baseUrl}/api/auth/sign-in/email`, { data: { email: demoEmail("supervisor"), password: DEMO_PASSWORD }, headers: { Origin: baseUrl } });
    if (!signIn.ok()) throw new Error(`bench: sign-in answered ${signIn.status()}`);
    const page = await context.newPage();
    await page.goto("/bulk");
    await page.locator('input[type="file"]').setInputFiles({ name: fileName, mimeType: "text/csv", buffer: bytes });
    await page.getByTestId("bulk-file-ok").getByRole("button").first().click({ timeout: 60_000 });
    await page.waitForURL(/\/bulk\/[0-9a-f-]{36}$/, { timeout: 120_000 });
    const started = performance.now();
    const batchId = page.url().split("/").at(-1) ?? "";
    await page.locator('[data-testid="bulk-batch"]:not([data-status="checking"])').waitFor({ timeout: 30 * 60_000 });
    const dryRunMs = performance.now() - started;
    await page.locator(`[data-testid="bulk-rows-table"][data-rows="${rows}"]`).waitFor({ timeout: 120_000 });
    const cookie = (await context.cookies(baseUrl)).map((entry) => `${entry.name}=${entry.value}`).join("; ");
    return { batchId, cookie, dryRunMs };
  } finally {
    await browser.close();
  }
}

/** The `bulk` section's preview part: a 10 000-row batch (1 000 with --quick) made through the page, then measured. */
export const bulkPreviewHook = {
  name: "preview",
  async run(options: BenchOptions): Promise<BenchRow[]> {
    const rows = options.quick ? 1_000 : 10_000;
    const file = syntheticBulkCsv({ rows, orders: "clones", encoding: "gbk", target: SYNTHETIC_TARGETS.merchantHotel });
    const console_ = await startPreviewConsole();
    try {
      const { batchId, cookie, dryRunMs } = await uploadAndWait(console_.baseUrl, `preview-${rows}.csv`, Buffer.from(file.bytes), rows);
      const measure = await measureBulkPreview({ baseUrl: console_.baseUrl, cookie, batchId, expectedRows: rows });
      console.log(`[bench] bulk preview: ${JSON.stringify(measure)}`);
      return [
        ...bulkPreviewRows("bulk", measure),
        { section: "bulk", metric: `preview set-up: dry run of ${rows} rows through the page (rate limit off)`, value: round(dryRunMs / 1000, 1), unit: "s" },
      ];
    } finally {
      await console_.stop();
    }
  },
};
