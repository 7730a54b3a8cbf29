// Calls a server action the way a hostile client would: a direct HTTP POST with the action's id
// (from the build's server-reference manifest) and JSON arguments, no browser, no UI.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { APP_URL, DIST_DIR } from "./env";

interface ManifestEntry {
  filename?: string;
  exportedName?: string;
}

export function serverActionId(filename: string, exportedName: string): string {
  const manifest = JSON.parse(readFileSync(path.join(DIST_DIR, "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, ManifestEntry>;
  };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.filename === filename && entry.exportedName === exportedName);
  if (!found) throw new Error(`server action ${filename}#${exportedName} not in the manifest`);
  return found[0];
}

/** POSTs the action and returns the raw RSC answer text (the ActionResult is serialised inside it). */
export async function postServerAction(
  request: APIRequestContext,
  filename: string,
  exportedName: string,
  args: unknown[],
  options: { path?: string; headers?: Record<string, string>; baseUrl?: string; timeoutMs?: number } = {},
): Promise<{ status: number; text: string }> {
  const baseUrl = options.baseUrl ?? APP_URL;
  const response = await request.post(`${baseUrl}${options.path ?? "/"}`, {
    headers: {
      "Next-Action": serverActionId(filename, exportedName),
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      Origin: baseUrl,
      ...options.headers,
    },
    data: JSON.stringify(args),
    maxRedirects: 0,
    timeout: options.timeoutMs ?? 30_000,
  });
  return { status: response.status(), text: await response.text() };
}

/** The `code` of the ActionResult error in an RSC answer, or "OK" for a successful result. */
export function actionResultCode(text: string): string {
  const error = /"ok":false,"error":\{"code":"([A-Z_]+)"/.exec(text);
  if (error) return error[1] as string;
  if (/"ok":true/.test(text)) return "OK";
  return "UNPARSED";
}
