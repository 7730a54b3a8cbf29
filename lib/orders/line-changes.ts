// The confirmation's before → after per line: the lines after the change paired with the order's
// lines before it by name, so the agent sees what each line was and will be before money moves.
// (The supervisor's detail panel reads stored JSON defensively with its own pairing: lib/review/line-diff.)

export interface LineSnapshot {
  name: string;
  amount?: number;
  description?: string;
  count?: number;
}

export interface LineChange {
  kind: "added" | "removed" | "changed" | "same";
  name: string;
  before: LineSnapshot | null;
  after: LineSnapshot | null;
}

function snapshot(line: { name?: string; amount?: number; description?: string; count?: number }): LineSnapshot {
  const out: LineSnapshot = { name: line.name ?? "" };
  if (line.amount !== undefined) out.amount = line.amount;
  if (line.description !== undefined) out.description = line.description;
  if (line.count !== undefined) out.count = line.count;
  return out;
}

function sameLine(a: LineSnapshot, b: LineSnapshot): boolean {
  return a.name === b.name && a.amount === b.amount && a.description === b.description && a.count === b.count;
}

/**
 * Pairs the lines after the change with the lines before it by name (the k-th line of a name with
 * the k-th line of that name before), in the new order; lines that are gone come last.
 */
export function compareLines(
  before: readonly { name?: string; amount?: number; description?: string; count?: number }[] | undefined,
  after: readonly { name?: string; amount?: number; description?: string; count?: number }[],
): LineChange[] {
  const remaining = (before ?? []).map(snapshot);
  const taken = remaining.map(() => false);
  const changes: LineChange[] = after.map((raw) => {
    const a = snapshot(raw);
    const i = remaining.findIndex((b, j) => !taken[j] && b.name === a.name);
    if (i < 0) return { kind: "added", name: a.name, before: null, after: a };
    taken[i] = true;
    const b = remaining[i] as LineSnapshot;
    return { kind: sameLine(a, b) ? "same" : "changed", name: a.name, before: b, after: a };
  });
  remaining.forEach((b, j) => {
    if (!taken[j]) changes.push({ kind: "removed", name: b.name, before: b, after: null });
  });
  return changes;
}
