// The admin forms' schema resolvers, in a chunk of their own: create-user-form.tsx, users-table.tsx
// and policy-editor.tsx load it with import() when one of their forms first gets focus
// (components/forms/lazy-resolver.ts), so zod is not part of the admin page's load.
import { zodResolver } from "@hookform/resolvers/zod";
import { ZCreateUser, ZResetPassword } from "@/lib/admin/users";
import { ZPolicyForm } from "@/lib/approvals/policy-form";

export const createUserResolver = zodResolver(ZCreateUser);
export const resetPasswordResolver = zodResolver(ZResetPassword);
export const policyResolver = zodResolver(ZPolicyForm);
