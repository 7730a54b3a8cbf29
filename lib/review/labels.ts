// Display helpers shared by the review pages and the export: a reason category's label in the
// reader's language (an unknown stored value is shown as it is), and the delta's tone.
import { REASON_LABELS, isReasonCategory } from "../orders/reasons";

export function reasonLabel(category: string, locale: string): string {
  return isReasonCategory(category) ? REASON_LABELS[category][locale === "en" ? "en" : "zh"] : category;
}

export type DeltaTone = "down" | "up" | "none";

/** Lower than before (the customer pays less), higher, or no change / unknown. */
export function deltaTone(delta: number | null): DeltaTone {
  if (delta === null || delta === 0) return "none";
  return delta < 0 ? "down" : "up";
}
