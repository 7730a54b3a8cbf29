// The cancel and sync forms' resolvers, in a chunk of their own (loaded on the form's first
// validation: components/forms/lazy-resolver.ts), so zod is not part of the order page's load.
import { zodResolver } from "@hookform/resolvers/zod";
import { ZCancelForm, ZSyncForm } from "@/lib/orders/lifecycle-forms";

export const cancelFormResolver = zodResolver(ZCancelForm);
export const syncFormResolver = zodResolver(ZSyncForm);
