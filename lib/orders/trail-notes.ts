// The notes the server writes on a trail row when it settles it (why nothing was sent, how a row of
// unknown outcome was reconciled). They are stored in English, as written here — the trail and its
// CSV export are an audit record in one language — and shown translated: trailNoteOf reads a stored
// note back into a message key and its values (null for a note it does not know, shown as stored).
export type TrailOperationName = "modify" | "complete" | "cancel" | "sync";

export const TRAIL_NOTES = {
  queryBeforeFailed: "query before the call failed; nothing was sent",
  orderChanged: "the order changed after the form was opened; nothing was sent",
  refusedBeforeSending: "refused before sending",
  acceptedRequeryFailed: "accepted (204); the follow-up query failed",
  notSent: "the process stopped before the call was sent; nothing was sent",
  appliedLate: "applied late: a later query of the order showed this change",
  externalChange: "the order changed outside the console; no trail row explains it",
  approvalStale: "approved, but the order changed while the request waited; nothing was sent",
  reconciledApplied: (operation: TrailOperationName) => `reconciled: the order shows the ${operation} as applied`,
  reconciledNotApplied: (operation: TrailOperationName) => `reconciled: the order does not show the ${operation}; it was not applied`,
  profileGone: (profileId: string) => `profile ${profileId} no longer configured; the order could not be queried`,
} as const;

export type TrailNoteKey = keyof typeof TRAIL_NOTES;

export interface TrailNote {
  key: TrailNoteKey;
  values: { operation?: TrailOperationName; profile?: string };
}

const PATTERNS: readonly [RegExp, (match: RegExpExecArray) => TrailNote][] = [
  [/^reconciled: the order shows the (modify|complete|cancel|sync) as applied$/, (m) => ({ key: "reconciledApplied", values: { operation: m[1] as TrailOperationName } })],
  [
    /^reconciled: the order does not show the (modify|complete|cancel|sync); it was not applied$/,
    (m) => ({ key: "reconciledNotApplied", values: { operation: m[1] as TrailOperationName } }),
  ],
  [/^profile (.+) no longer configured; the order could not be queried$/, (m) => ({ key: "profileGone", values: { profile: m[1] ?? "" } })],
];

export function trailNoteOf(note: string): TrailNote | null {
  for (const key of ["queryBeforeFailed", "orderChanged", "refusedBeforeSending", "acceptedRequeryFailed", "notSent", "appliedLate", "externalChange", "approvalStale"] as const) {
    if (note === TRAIL_NOTES[key]) return { key, values: {} };
  }
  for (const [pattern, read] of PATTERNS) {
    const match = pattern.exec(note);
    if (match) return read(match);
  }
  return null;
}
