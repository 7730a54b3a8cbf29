// The complete form's datetime inputs ("2026-11-25T14:30", Beijing time) ↔ the API's formats. No zod
// here: the form converts while it renders; ./complete-form's schema converts with the same functions.

/** "2026-11-25T14:30" or "2026-11-25T14:30:05" (Beijing) → "20261125143000"; null when malformed. */
export function localInputToPayscoreTime(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  return `${m[1]}${m[2]}${m[3]}${m[4]}${m[5]}${m[6] ?? "00"}`;
}

/** "20261125143000" → "2026-11-25T14:30:00" (for the form). */
export function payscoreTimeToLocalInput(value: string | undefined): string {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value ?? "");
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}` : "";
}

/** "2026-11-25T14:30" (Beijing) → "2026-11-25T14:30:00+08:00". */
export function localInputToIso(value: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::(\d{2}))?$/.exec(value.trim());
  return m ? `${m[1]}T${m[2]}:${m[3] ?? "00"}+08:00` : null;
}
