// Figures as rows: every section of the issue-6 bench returns {section, metric, value, unit, ratio?,
// target?, pass?} rows (in its BenchResult json as `rows`), printed as its table and gathered into
// one summary table and one JSON file per run (bench-results/bench-<timestamp>.json + latest.json).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { BenchResult, BenchTable } from "./support";

export interface BenchRow {
  section: string;
  metric: string;
  value: number;
  unit: string;
  /** Against the row's reference (named in the metric or the section's title). */
  ratio?: number;
  /** Human-readable target, e.g. "≤ 2×". */
  target?: string;
  pass?: boolean;
}

export function fmt(value: number | undefined, digits = 2): string {
  if (value === undefined) return "";
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const d = abs >= 1000 ? 0 : abs >= 100 ? Math.min(digits, 1) : digits;
  return value.toFixed(d);
}

function passText(pass: boolean | undefined): string {
  return pass === undefined ? "" : pass ? "PASS" : "FAIL";
}

export function rowsTable(title: string, rows: readonly BenchRow[], withSection = false): BenchTable {
  const columns = [...(withSection ? ["section"] : []), "metric", "value", "unit", "ratio", "target", "pass"];
  return {
    title,
    columns,
    rows: rows.map((row) => [
      ...(withSection ? [row.section] : []),
      row.metric,
      fmt(row.value),
      row.unit,
      row.ratio === undefined ? "" : `${fmt(row.ratio)}×`,
      row.target ?? "",
      passText(row.pass),
    ]),
  };
}

/** A section result made of rows (the table shows them; the json keeps them and the details). */
export function rowsResult(title: string, rows: BenchRow[], details: Record<string, unknown> = {}): BenchResult {
  return { table: rowsTable(title, rows), json: { rows, ...details } };
}

function isBenchRow(value: unknown): value is BenchRow {
  if (typeof value !== "object" || value === null) return false;
  const row = value as Partial<BenchRow>;
  return typeof row.section === "string" && typeof row.metric === "string" && typeof row.value === "number" && typeof row.unit === "string";
}

/** The rows a section result carries (none for sections with only their own table). */
export function rowsOf(result: BenchResult): BenchRow[] {
  const rows = result.json.rows;
  return Array.isArray(rows) ? rows.filter(isBenchRow) : [];
}

export interface SectionRecord {
  name: string;
  description: string;
  seconds: number;
  result?: BenchResult;
  error?: string;
}

/** Writes bench-results/bench-<timestamp>.json and latest.json; returns the first path. */
export function writeRunFile(outDir: string, run: { startedAt: Date; quick: boolean; machine: Record<string, unknown>; sections: SectionRecord[] }): string {
  mkdirSync(outDir, { recursive: true });
  const rows = run.sections.flatMap((section) => (section.result ? rowsOf(section.result) : []));
  const payload = {
    startedAt: run.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    quick: run.quick,
    machine: run.machine,
    rows,
    failedTargets: rows.filter((row) => row.pass === false).map((row) => `${row.section}: ${row.metric}`),
    sections: run.sections.map((section) => ({
      name: section.name,
      description: section.description,
      seconds: Math.round(section.seconds * 10) / 10,
      ...(section.error ? { error: section.error } : {}),
      ...(section.result ? { table: section.result.table, json: section.result.json } : {}),
    })),
  };
  const text = `${JSON.stringify(payload, null, 2)}\n`;
  const stamp = run.startedAt.toISOString().replace(/[:.]/g, "-");
  const file = path.join(outDir, `bench-${stamp}.json`);
  writeFileSync(file, text);
  writeFileSync(path.join(outDir, "latest.json"), text);
  return file;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
