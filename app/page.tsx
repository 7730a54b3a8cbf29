import { redirect } from "next/navigation";
import { getSessionUser } from "@/server/auth/guard";
import { loginUrl } from "@/lib/auth/sign-in";

export const dynamic = "force-dynamic";

/** Each role's starting page; signed-out visitors go to the login page. */
export default async function HomePage() {
  const user = await getSessionUser();
  if (!user) redirect(loginUrl("/"));
  redirect(user.role === "admin" ? "/admin/users" : "/orders");
}
