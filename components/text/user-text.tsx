// Text a user typed (a reason, a note, a comment, a name), as lists and details show it: in a <bdi>,
// so right-to-left text cannot rearrange the words around it, and with any control or bidirectional
// character (possible only in rows stored before lib/text.ts's rule) shown as a visible code.
import { revealControlCharacters } from "@/lib/text";

export function UserText({ text, className }: { text: string; className?: string }) {
  return <bdi className={className}>{revealControlCharacters(text)}</bdi>;
}
