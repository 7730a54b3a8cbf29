// The delta's tone on the review pages. (A reason's label in the reader's language is reasonLabel in
// lib/orders/reasons.ts.)

export type DeltaTone = "down" | "up" | "none";

/** Lower than before (the customer pays less), higher, or no change / unknown. */
export function deltaTone(delta: number | null): DeltaTone {
  if (delta === null || delta === 0) return "none";
  return delta < 0 ? "down" : "up";
}
