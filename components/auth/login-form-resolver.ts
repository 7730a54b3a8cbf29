// The sign-in form's schema resolver, in a chunk of its own: components/auth/login-form.tsx loads it
// with import() on the form's first focus or submit (components/forms/lazy-resolver.ts), so zod is not
// part of the login page's load.
import { zodResolver } from "@hookform/resolvers/zod";
import { ZSignIn } from "@/lib/auth/sign-in";

export const signInResolver = zodResolver(ZSignIn);
