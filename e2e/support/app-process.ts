// Starts an extra console process (the production build) on its own port and PGlite folder, talking
// to the e2e sandbox, for tests that kill or duplicate the app itself.
import { spawn, type ChildProcess } from "node:child_process";
import type { APIRequestContext } from "@playwright/test";
import { DATA_DIR, DEMO_EMAIL, DEMO_PASSWORD, DIST_DIR, SANDBOX_PORT, type E2ERole } from "./env";

export interface AppProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

export function startApp(port: number, pgliteDir: string, extraEnv: Record<string, string> = {}): AppProcess {
  const url = `http://localhost:${port}`;
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], {
    env: {
      ...process.env,
      DATA_DIR,
      PGLITE_DIR: pgliteDir,
      SANDBOX_PORT: String(SANDBOX_PORT),
      NEXT_DIST_DIR: DIST_DIR,
      NEXT_TELEMETRY_DISABLED: "1",
      BETTER_AUTH_URL: url,
      AUTH_SIGN_IN_LIMIT: "1000",
      ...extraEnv,
    },
    // Its own process group, so that SIGKILL reaches every process of it at once.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { url, child, output: () => output, exited };
}

export async function waitUntilServing(app: AppProcess, request: APIRequestContext, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (app.child.exitCode !== null) throw new Error(`app exited early (${app.child.exitCode}):\n${app.output()}`);
    try {
      const response = await request.get(`${app.url}/login`, { timeout: 2_000 });
      if (response.status() === 200) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`app did not start within ${timeoutMs} ms:\n${app.output()}`);
}

export function killHard(app: AppProcess): void {
  if (app.child.pid !== undefined && app.child.exitCode === null) process.kill(-app.child.pid, "SIGKILL");
}

export async function stopGracefully(app: AppProcess): Promise<void> {
  if (app.child.pid === undefined || app.child.exitCode !== null) return;
  process.kill(-app.child.pid, "SIGTERM");
  await Promise.race([app.exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (app.child.exitCode === null) process.kill(-app.child.pid, "SIGKILL");
}

/** Signs in through better-auth's endpoint; the session cookie stays in `request`. */
export async function signInApi(request: APIRequestContext, appUrl: string, role: E2ERole): Promise<void> {
  const response = await request.post(`${appUrl}/api/auth/sign-in/email`, {
    data: { email: DEMO_EMAIL[role], password: DEMO_PASSWORD },
    headers: { Origin: appUrl },
  });
  if (!response.ok()) throw new Error(`sign-in failed: ${response.status()} ${await response.text()}`);
}
