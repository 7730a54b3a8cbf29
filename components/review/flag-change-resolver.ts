// The flag / clear-flag comment form's schema resolver, in a chunk of its own:
// components/review/review-actions.tsx loads it with import() when the comment form first gets focus
// (components/forms/lazy-resolver.ts), so zod is not part of the review page's load.
import { zodResolver } from "@hookform/resolvers/zod";
import { ZFlagChange } from "@/lib/review/review-actions";

export const flagChangeResolver = zodResolver(ZFlagChange);
