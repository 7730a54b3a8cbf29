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
  // Idle keep-alive sockets are kept 65 s, as the sandbox keeps them: with Node's 5 s default, a test
  // that signs in through its context's request API and asks again 5–6 s later could be handed the
  // pooled socket the server was closing at that moment ("read ECONNRESET", seen in CI on
  // approvals.spec's CSV export).
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "--keepAliveTimeout", "65000"], {
    env: {
      ...process.env,
      DATA_DIR,
      PGLITE_DIR: pgliteDir,
      SANDBOX_PORT: String(SANDBOX_PORT),
      NEXT_DIST_DIR: DIST_DIR,
      NEXT_TELEMETRY_DISABLED: "1",
      BETTER_AUTH_URL: url,
      AUTH_SIGN_IN_LIMIT: "1000",
      SANDBOX_DEMO_APPROVALS: "off",
      SANDBOX_DEMO_HISTORY: "off",
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

function isRunning(app: AppProcess): boolean {
  return app.child.pid !== undefined && app.child.exitCode === null && app.child.signalCode === null;
}

/** Signals the whole process group; a group that is already gone is fine. */
function signalGroup(app: AppProcess, signal: NodeJS.Signals): void {
  try {
    if (app.child.pid !== undefined) process.kill(-app.child.pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

export function killHard(app: AppProcess): void {
  if (isRunning(app)) signalGroup(app, "SIGKILL");
}

export async function stopGracefully(app: AppProcess): Promise<void> {
  if (!isRunning(app)) return;
  signalGroup(app, "SIGTERM");
  await Promise.race([app.exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (isRunning(app)) signalGroup(app, "SIGKILL");
}

/** Signs in through better-auth's endpoint; the session cookie stays in `request`. */
export async function signInApi(request: APIRequestContext, appUrl: string, role: E2ERole): Promise<void> {
  const response = await request.post(`${appUrl}/api/auth/sign-in/email`, {
    data: { email: DEMO_EMAIL[role], password: DEMO_PASSWORD },
    headers: { Origin: appUrl },
  });
  if (!response.ok()) throw new Error(`sign-in failed: ${response.status()} ${await response.text()}`);
}

/** A sandbox of its own (own port, own data folder and keys), for tests that must not share orders. */
export function startSandboxProcess(port: number, dataDir: string): AppProcess {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "server/sandbox/cli.ts"], {
    // No demo history, and notifications nowhere unless a test says where.
    env: { ...process.env, DATA_DIR: dataDir, SANDBOX_PORT: String(port), SANDBOX_DEMO_HISTORY: "off", SANDBOX_NOTIFY_URL: "http://127.0.0.1:9" },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { url: `http://127.0.0.1:${port}`, child, output: () => output, exited };
}

export async function waitForSandbox(sandbox: AppProcess, request: APIRequestContext, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (sandbox.child.exitCode !== null) throw new Error(`sandbox exited early:\n${sandbox.output()}`);
    const ok = await request
      .get(`${sandbox.url}/__sandbox/health`, { timeout: 2_000 })
      .then((response) => response.ok())
      .catch(() => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`sandbox did not start:\n${sandbox.output()}`);
}
