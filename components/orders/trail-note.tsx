// A trail row's settlement note in the reader's language (lib/orders/trail-notes.ts); a note it does
// not know is shown as stored. Works in server and client components alike.
import { useTranslations } from "next-intl";
import { trailNoteOf } from "@/lib/orders/trail-notes";

export function TrailNoteText({ note }: { note: string }) {
  const t = useTranslations("orders.trailNotes");
  const known = trailNoteOf(note);
  if (!known) return note;
  return t(known.key, { operation: known.values.operation ?? "other", profile: known.values.profile ?? "" });
}
