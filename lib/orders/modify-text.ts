// The modify reason's free text and the internal note, as the one modify schema (./modify-form)
// judges them: the reason text is required, within what `reason` leaves after its category, and free
// of control and bidirectional characters; the note is optional, ≤ INTERNAL_NOTE_MAX characters, same
// characters rule. The bulk row schema (lib/bulk/row-schema.ts) runs the same function, so a file's
// row and the order page's form cannot disagree. No zod here.
import { charLength, isAcceptableText } from "../text";
import type { AddIssue } from "./amount-lines";
import { INTERNAL_NOTE_MAX, reasonTextMax, type ReasonCategory } from "./reasons";

export interface ModifyText {
  /** Trimmed. */
  reasonText: string;
  /** Trimmed; null when empty. */
  internalNote: string | null;
}

/** Issues at ["reasonText"] and ["internalNote"] (the form's paths). */
export function modifyTextFromInput(
  input: { reasonCategory: ReasonCategory; reasonText: string; internalNote: string },
  addIssue: AddIssue,
): ModifyText {
  const reasonText = input.reasonText.trim();
  const reasonMax = reasonTextMax(input.reasonCategory);
  if (reasonText === "") addIssue(["reasonText"], "required");
  else if (charLength(reasonText) > reasonMax) addIssue(["reasonText"], "too_long", { max: reasonMax });
  else if (!isAcceptableText(reasonText, "multi-line")) addIssue(["reasonText"], "invalid_characters");
  const note = input.internalNote.trim();
  if (charLength(note) > INTERNAL_NOTE_MAX) addIssue(["internalNote"], "too_long", { max: INTERNAL_NOTE_MAX });
  else if (!isAcceptableText(note, "multi-line")) addIssue(["internalNote"], "invalid_characters");
  return { reasonText, internalNote: note === "" ? null : note };
}
