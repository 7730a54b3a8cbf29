// The rejection form's schema resolver, in a chunk of its own: ./approval-decision.tsx loads it with
// import() when the form first gets focus (components/forms/lazy-resolver.ts), so zod is not part of
// the approval page's load.
import { zodResolver } from "@hookform/resolvers/zod";
import { ZRejectRequest } from "@/lib/approvals/actions";

export const rejectRequestResolver = zodResolver(ZRejectRequest);
