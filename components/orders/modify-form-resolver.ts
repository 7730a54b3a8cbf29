// The modify form's schema resolver, in a chunk of its own: components/orders/modify-form.tsx loads
// it with import() on the first validation (components/forms/lazy-resolver.ts), so zod is not part of the page's load.
import { zodResolver } from "@hookform/resolvers/zod";
import { ZModifyForm } from "@/lib/orders/modify-form";

export const modifyFormResolver = zodResolver(ZModifyForm);
