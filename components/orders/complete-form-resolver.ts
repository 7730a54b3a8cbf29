// The complete form's schema resolver, in a chunk of its own: components/orders/complete-form.tsx
// loads it with import() on the first validation (components/forms/lazy-resolver.ts), so zod is not part of the page's load.
import { zodResolver } from "@hookform/resolvers/zod";
import { ZCompleteForm } from "@/lib/orders/complete-form";

export const completeFormResolver = zodResolver(ZCompleteForm);
