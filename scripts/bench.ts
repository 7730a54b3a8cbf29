// `npm run bench [-- <section>…] [--quick] [--explain] [--keep-build]`: runs the benchmark sections
// (all by default), prints one table per section and a summary, and writes bench-results/<section>.json
// per section plus bench-results/bench-<timestamp>.json and latest.json for the whole run. Benchmarks,
// not tests: the figures are reported against their targets, nothing fails on a slow machine (the exit
// code is 1 only when a section could not run).
// Sections, in run order (the CPU-sensitive ones before the production builds):
//   signed-call, modify-e2e, throughput (issue 6, scripts/bench/signed-call.ts, modify-path.ts)
//   review-query (issue 5, scripts/bench/review-query.ts)
//   bulk (issue 14, scripts/bench/bulk.ts)
//   page-weight, lighthouse (issue 6, scripts/bench/page-weight.ts, lighthouse.ts)
// scripts/bench/harness.ts holds what they share: the run's temp folder and ports, the sandbox child
// process, the production build in .next-bench (removed afterwards unless --keep-build).
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeBench, prepareBenchEnvironment } from "./bench/harness";
import { lighthouseSection } from "./bench/lighthouse";
import { modifyE2eSection, throughputSection } from "./bench/modify-path";
import { pageWeightSection } from "./bench/page-weight";
import { reviewQuerySection } from "./bench/review-query";
import { rowsOf, rowsTable, writeRunFile, type SectionRecord } from "./bench/rows";
import { signedCallSection } from "./bench/signed-call";
import { bulkSection } from "./bench/bulk";
import { type BenchSection, formatTable } from "./bench/support";
import { bulkParseSection } from "./bench/bulk-parse";

const SECTIONS: BenchSection[] = [signedCallSection, modifyE2eSection, throughputSection, reviewQuerySection, bulkSection, pageWeightSection, lighthouseSection];

// Issue #14: the bulk file's parse (scripts/bench/bulk-parse.ts), in process; CPU-sensitive, so before the builds.
SECTIONS.splice(SECTIONS.indexOf(reviewQuerySection) + 1, 0, bulkParseSection);

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes("--quick");
  const explain = args.includes("--explain");
  const wanted = args.filter((arg) => !arg.startsWith("--"));
  const unknown = wanted.filter((name) => !SECTIONS.some((section) => section.name === name));
  if (unknown.length > 0) {
    console.error(`unknown section(s): ${unknown.join(", ")}; known: ${SECTIONS.map((s) => s.name).join(", ")}`);
    process.exit(2);
  }
  const selected = wanted.length > 0 ? SECTIONS.filter((section) => wanted.includes(section.name)) : SECTIONS;
  const outDir = path.resolve("bench-results");
  mkdirSync(outDir, { recursive: true });
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    loadAverageAtStart: os.loadavg().map((value) => Math.round(value * 100) / 100),
  };
  console.log(
    `[bench] ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, load ${machine.loadAverageAtStart.join(" ")}${quick ? " (quick)" : ""}`,
  );
  // Before any section reads the environment: sandbox mode, the bench's own DATA_DIR and sandbox port.
  await prepareBenchEnvironment();
  const startedAt = new Date();
  const records: SectionRecord[] = [];
  for (const section of selected) {
    console.log(`\n[bench] ${section.name}: ${section.description}`);
    const started = Date.now();
    try {
      const result = await section.run({ quick, explain });
      const seconds = (Date.now() - started) / 1000;
      records.push({ name: section.name, description: section.description, seconds, result });
      console.log(`\n${formatTable(result.table)}`);
      const notes = result.json.notes;
      if (Array.isArray(notes)) for (const note of notes) console.log(`  note: ${String(note)}`);
      const file = path.join(outDir, `${section.name}.json`);
      writeFileSync(file, `${JSON.stringify({ section: section.name, at: new Date().toISOString(), quick, machine, seconds, table: result.table, ...result.json }, null, 2)}\n`);
      console.log(`[bench] wrote ${path.relative(process.cwd(), file)} (${Math.round(seconds)} s)`);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      records.push({ name: section.name, description: section.description, seconds: (Date.now() - started) / 1000, error: message });
      console.error(`[bench] ${section.name} failed: ${message}`);
    }
  }
  const rows = records.flatMap((record) => (record.result ? rowsOf(record.result) : []));
  if (rows.length > 0) console.log(`\n${formatTable(rowsTable("Summary (sections with rows)", rows, true))}`);
  const failed = records.filter((record) => record.error);
  for (const record of failed) console.log(`[bench] ${record.name}: NOT RUN (error above)`);
  const file = writeRunFile(outDir, { startedAt, quick, machine: { ...machine, loadAverageAtEnd: os.loadavg().map((v) => Math.round(v * 100) / 100) }, sections: records });
  console.log(`[bench] wrote ${path.relative(process.cwd(), file)} and bench-results/latest.json`);
  if (failed.length > 0) process.exitCode = 1;
}

let closing = false;
async function finish(code: number | undefined): Promise<never> {
  if (!closing) {
    closing = true;
    await closeBench().catch((error: unknown) => console.error("[bench] clean-up failed", error));
  }
  process.exit(code ?? 0);
}
process.on("SIGINT", () => void finish(130));
process.on("SIGTERM", () => void finish(143));

main().then(
  () => finish(process.exitCode === undefined ? 0 : Number(process.exitCode)),
  (error: unknown) => {
    console.error(error);
    return finish(1);
  },
);
