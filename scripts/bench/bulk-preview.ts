// Bench part "bulk preview" (issue #14 §5): bulkPreviewHook, for the `bulk` section's hooks, makes a
// batch and measures its preview (./bulk-preview-measure.ts): a console of its own on the bench's
// production build (its own PGlite folder, the rate limit out of the way), a 10 000-row file uploaded
// through the page (rows on the bench sandbox's BULK-M-HOTEL-… copies, the rest on orders it does not
// have), the dry run waited for.
import { spawn } from "node:child_process";
import path from "node:path";
import { chromium } from "@playwright/test";
import { DEMO_PASSWORD } from "@/server/auth/demo-users";
import { SYNTHETIC_TARGETS, syntheticBulkCsv } from "../../tests/support/bulk-synthetic";
import { benchApp, demoEmail, DIST_DIR, freePort, prepareBenchEnvironment, ROOT, sleep } from "./harness";
import { bulkPreviewRows, measureBulkPreview, previewChromePath } from "./bulk-preview-measure";
import type { BenchRow } from "./rows";
import { round, type BenchOptions } from "./support";

export { bulkPreviewRows, measureBulkPreview } from "./bulk-preview-measure";

/** A console of its own for the preview (the bench's shared one keeps its own data and limits). */
async function startPreviewConsole(): Promise<{ baseUrl: string; stop(): Promise<void>; log(): string }> {
  const env = await prepareBenchEnvironment();
  await benchApp(); // the production build, and the bench sandbox
  const port = await freePort(3600, 3699);
  const baseUrl = `http://localhost:${port}`;
  // The embedded database of its own, whatever another part of the bench pointed DATABASE_URL at.
  const { DATABASE_URL: _database, ...inherited } = process.env;
  const child = spawn(process.execPath, [path.join(ROOT, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port)], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...inherited,
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
  const browser = await chromium.launch({ executablePath: previewChromePath(), args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"] });
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
