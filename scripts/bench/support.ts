// Shared parts of `npm run bench`: the section contract, timing, percentiles and the printed table.
export interface BenchTable {
  title: string;
  columns: string[];
  rows: (string | number)[][];
}

export interface BenchResult {
  table: BenchTable;
  /** Written to bench-results/<section>.json: the figures and whatever explains them. */
  json: Record<string, unknown>;
}

export interface BenchSection {
  name: string;
  description: string;
  run(options: BenchOptions): Promise<BenchResult>;
}

export interface BenchOptions {
  /** Smaller data and fewer runs: a smoke test of the bench itself. */
  quick: boolean;
  /** Print EXPLAIN plans where a section has them. */
  explain: boolean;
}

export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const rank = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return sortedMs[rank] as number;
}

export interface Timing {
  runs: number;
  p50: number;
  p95: number;
  max: number;
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times; milliseconds from performance.now(). */
export async function timeIt(fn: () => Promise<unknown>, runs: number, warmup = 3): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { runs, p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)), max: round(samples.at(-1) ?? Number.NaN) };
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function formatTable(table: BenchTable): string {
  const cells = [table.columns, ...table.rows.map((row) => row.map(String))];
  const widths = table.columns.map((_, i) => Math.max(...cells.map((row) => displayWidth(row[i] ?? ""))));
  const line = (row: string[]) => row.map((cell, i) => cell + " ".repeat((widths[i] ?? 0) - displayWidth(cell))).join("  ");
  return [table.title, line(table.columns), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

/** Terminal columns: CJK characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return width;
}
