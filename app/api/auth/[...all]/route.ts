// better-auth's HTTP endpoints: only those the console's pages use are reachable (server/auth/http.ts).
// The instance is created on the first request, not at import (next build imports this module).
import { getAuth } from "@/server/auth";
import { handleAuthRequest } from "@/server/auth/http";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  return handleAuthRequest(await getAuth(), request);
}

export async function POST(request: Request): Promise<Response> {
  return handleAuthRequest(await getAuth(), request);
}
