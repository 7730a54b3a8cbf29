// Beijing time (Decision 15): the one parser the schemas (./fields) and the rules (./rules) share.
// A module of its own, without zod, so that the rules the order page runs while it renders do not
// pull the schemas in.

/** Beijing time's offset from UTC (no daylight saving since 1991; lib/time-format.ts uses it too). */
export const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

/** "20091225091010" (Beijing time) → epoch milliseconds, or null when not a real yyyyMMddHHmmss time. */
export function parseBeijingTime(s: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, se] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const utc = Date.UTC(y, mo - 1, d, h, mi, se);
  const back = new Date(utc);
  if (
    back.getUTCFullYear() !== y ||
    back.getUTCMonth() !== mo - 1 ||
    back.getUTCDate() !== d ||
    back.getUTCHours() !== h ||
    back.getUTCMinutes() !== mi ||
    back.getUTCSeconds() !== se
  ) {
    return null;
  }
  return utc - BEIJING_OFFSET_MS;
}

/** A Date → "yyyyMMddHHmmss" in Beijing time. */
export function formatBeijingTime(date: Date): string {
  const t = new Date(date.getTime() + BEIJING_OFFSET_MS);
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return (
    pad(t.getUTCFullYear(), 4) +
    pad(t.getUTCMonth() + 1) +
    pad(t.getUTCDate()) +
    pad(t.getUTCHours()) +
    pad(t.getUTCMinutes()) +
    pad(t.getUTCSeconds())
  );
}

/** "20261125143000" → "2026-11-25 14:30:00" (Beijing time, as WeChat sends it, for reading); anything else as it is. */
export function formatPayscoreTime(value: string | undefined): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value ?? "");
  return m ? `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}` : (value ?? null);
}
