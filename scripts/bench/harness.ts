// What the bench sections share beyond the bench process itself: one temp folder for the run, the
// bench's own ports (sandbox 4500–4599, web servers 3500–3599), the sandbox child process, the
// production build of the console (built once into .next-bench, started once with `next start`) and
// a bare Next.js app for comparison. Every child process is started here, in its own process group,
// and stopped by its pid in closeBench() (or when the bench process exits).
//
// prepareBenchEnvironment() must run before anything reads the environment (server/env.ts caches
// it): it puts the bench process in sandbox mode on its own DATA_DIR and sandbox, never a real
// merchant profile, never a running dev server's data.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, type WriteStream } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { DEMO_PASSWORD, DEMO_USERS } from "@/server/auth/demo-users";
import { READY_PREFIX } from "./bench-orders";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
export const DIST_DIR = ".next-bench";
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");

/** The e-mail of the demo account of a role (sandbox mode creates them at start). */
export function demoEmail(role: "agent" | "supervisor" | "admin"): string {
  const found = DEMO_USERS.find((demo) => demo.role === role);
  if (!found) throw new Error(`bench: no demo ${role}`);
  return found.email;
}

const flags = new Set(process.argv.slice(2));
/** --keep-build: leave .next-bench after the run (to look at the chunks). */
const keepBuild = flags.has("--keep-build");
/** --reuse-build: use an existing .next-bench instead of building (for working on the bench only). */
const reuseBuild = flags.has("--reuse-build");

export interface BenchEnvironment {
  tempRoot: string;
  dataDir: string;
  sandboxPort: number;
  sandboxUrl: string;
}

let environment: Promise<BenchEnvironment> | undefined;

/** Creates the run's temp folder, picks the sandbox port and sets the bench process's environment (once). */
export function prepareBenchEnvironment(): Promise<BenchEnvironment> {
  environment ??= (async () => {
    const tempRoot = mkdtempSync(path.join(os.tmpdir(), "payscore-bench-"));
    const dataDir = path.join(tempRoot, "data");
    mkdirSync(dataDir, { recursive: true });
    const sandboxPort = await freePort(4500, 4599);
    const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
    // Sandbox mode, whatever the caller's shell has: the bench must never sign calls to WeChat Pay.
    delete process.env.PAYSCORE_PROFILES_FILE;
    delete process.env.DATABASE_URL;
    process.env.DATA_DIR = dataDir;
    process.env.SANDBOX_PORT = String(sandboxPort);
    process.env.SANDBOX_URL = sandboxUrl;
    process.env.PGLITE_DIR = "memory://";
    process.env.NEXT_TELEMETRY_DISABLED = "1";
    const { getEnv } = await import("@/server/env");
    const env = getEnv();
    if (env.SANDBOX_URL !== sandboxUrl || path.resolve(env.DATA_DIR) !== dataDir || env.PAYSCORE_PROFILES_FILE !== undefined) {
      throw new Error("bench: the environment was read before the bench set it (run the bench through scripts/bench.ts)");
    }
    return { tempRoot, dataDir, sandboxPort, sandboxUrl };
  })();
  return environment;
}

// ---------------------------------------------------------------------------------------------
// Child processes
// ---------------------------------------------------------------------------------------------

interface Tracked {
  name: string;
  child: ChildProcess;
  log: WriteStream;
  logFile: string;
}

const running = new Set<Tracked>();

process.on("exit", () => {
  // Last resort (a crash): the groups we started, by their pid.
  for (const tracked of running) killGroup(tracked.child, "SIGKILL");
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function startChild(name: string, command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; logDir: string }): Tracked {
  mkdirSync(options.logDir, { recursive: true });
  const logFile = path.join(options.logDir, `${name}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const tracked = { name, child, log, logFile };
  running.add(tracked);
  child.on("exit", () => running.delete(tracked));
  return tracked;
}

async function stopChild(tracked: Tracked): Promise<void> {
  const { child } = tracked;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    killGroup(child, "SIGTERM");
    const timer = setTimeout(() => killGroup(child, "SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  }
  running.delete(tracked);
  tracked.log.end();
}

function exitOf(child: ChildProcess): Promise<number> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  if (child.signalCode !== null) return Promise.resolve(1);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code ?? 1)));
}

export function logTail(file: string, lines = 40): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/** A free TCP port in [from, to], starting at a random place so that two runs rarely collide. */
export async function freePort(from: number, to: number): Promise<number> {
  const span = to - from + 1;
  const offset = Math.floor(Math.random() * span);
  for (let i = 0; i < span; i++) {
    const port = from + ((offset + i) % span);
    if (await canListen(port)) return port;
  }
  throw new Error(`bench: no free port in ${from}-${to}`);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

// ---------------------------------------------------------------------------------------------
// The sandbox child
// ---------------------------------------------------------------------------------------------

export interface BenchSandbox {
  url: string;
  orders: number;
  /** The sandbox process's id (its CPU is not the client's). */
  pid: number;
}

let sandbox: Promise<BenchSandbox> | undefined;
let sandboxProcess: Tracked | undefined;

/** The memory-only sandbox with the bench orders, in its own process (started once). */
export function benchSandbox(): Promise<BenchSandbox> {
  sandbox ??= (async () => {
    const env = await prepareBenchEnvironment();
    const tracked = startChild("sandbox", process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/bench/sandbox-child.ts"], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: env.dataDir, SANDBOX_PORT: String(env.sandboxPort) },
      logDir: path.join(env.tempRoot, "logs"),
    });
    sandboxProcess = tracked;
    const stdout = tracked.child.stdout;
    if (!stdout) throw new Error("bench: sandbox has no stdout");
    const ready = await new Promise<{ url: string; orders: number }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`bench: the sandbox did not start within 60 s\n${logTail(tracked.logFile)}`)), 60_000);
      const lines = createInterface({ input: stdout });
      lines.on("line", (line) => {
        if (!line.startsWith(READY_PREFIX)) return;
        clearTimeout(timer);
        lines.close();
        resolve(JSON.parse(line.slice(READY_PREFIX.length)) as { url: string; orders: number });
      });
      tracked.child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`bench: the sandbox exited (${code})\n${logTail(tracked.logFile)}`));
      });
    });
    if (ready.url !== env.sandboxUrl) throw new Error(`bench: the sandbox listens on ${ready.url}, expected ${env.sandboxUrl}`);
    return { ...ready, pid: tracked.child.pid ?? -1 };
  })();
  return sandbox;
}

// ---------------------------------------------------------------------------------------------
// Builds
// ---------------------------------------------------------------------------------------------

/** True while some `next build` runs on this machine (ours or another checkout's): never two at once on 2 cores. */
function otherBuildRunning(): boolean {
  try {
    execFileSync("pgrep", ["-f", "next build"], { stdio: "ignore" });
    return true;
  } catch {
    return false; // exit 1: none (or no pgrep: nothing to wait for)
  }
}

async function waitForNoBuild(): Promise<void> {
  const deadline = Date.now() + 10 * 60_000;
  let said = false;
  while (otherBuildRunning()) {
    if (Date.now() > deadline) throw new Error("bench: another `next build` has been running for 10 minutes");
    if (!said) console.log("[bench] waiting for another `next build` on this machine to finish…");
    said = true;
    await sleep(3_000);
  }
}

async function nextBuild(name: string, cwd: string, env: NodeJS.ProcessEnv): Promise<number> {
  const { tempRoot } = await prepareBenchEnvironment();
  await waitForNoBuild();
  const started = performance.now();
  const tracked = startChild(name, process.execPath, [NEXT_BIN, "build"], { cwd, env, logDir: path.join(tempRoot, "logs") });
  const code = await exitOf(tracked.child);
  await stopChild(tracked);
  if (code !== 0) throw new Error(`bench: ${name} failed (exit ${code})\n${logTail(tracked.logFile)}`);
  return (performance.now() - started) / 1000;
}

/** Files `next build` rewrites in the checkout (tsconfig's include list, next-env.d.ts): put back as they were. */
function snapshotFiles(files: string[]): () => void {
  const before = files.map((file) => ({ file, text: existsSync(file) ? readFileSync(file, "utf8") : null }));
  return () => {
    for (const { file, text } of before) {
      const now = existsSync(file) ? readFileSync(file, "utf8") : null;
      if (now === text) continue;
      if (text === null) rmSync(file, { force: true });
      else writeFileSync(file, text);
    }
  };
}

// ---------------------------------------------------------------------------------------------
// The console's production build, started once
// ---------------------------------------------------------------------------------------------

export interface BenchApp {
  baseUrl: string;
  buildSeconds: number | null;
  /** App routes of the build, e.g. "/orders/[profileId]/[outOrderNo]". */
  routes: string[];
  /** Signs in as a demo account; the Cookie header value of the session. */
  signIn(email: string): Promise<string>;
}

let app: Promise<BenchApp> | undefined;
let appProcess: Tracked | undefined;

export function benchApp(): Promise<BenchApp> {
  app ??= (async () => {
    const env = await prepareBenchEnvironment();
    await benchSandbox();
    const distDir = path.join(ROOT, DIST_DIR);
    let buildSeconds: number | null = null;
    if (reuseBuild && existsSync(path.join(distDir, "BUILD_ID"))) {
      console.log(`[bench] --reuse-build: using the existing ${DIST_DIR}`);
    } else {
      console.log(`[bench] building the console into ${DIST_DIR} (next build)…`);
      const restore = snapshotFiles([path.join(ROOT, "tsconfig.json"), path.join(ROOT, "next-env.d.ts")]);
      try {
        buildSeconds = await nextBuild("console-build", ROOT, { ...process.env, NEXT_DIST_DIR: DIST_DIR, NODE_ENV: "production" });
      } finally {
        restore();
      }
    }
    const port = await freePort(3500, 3599);
    const baseUrl = `http://localhost:${port}`;
    appProcess = startChild("console", process.execPath, [NEXT_BIN, "start", "-p", String(port)], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_DIST_DIR: DIST_DIR,
        DATA_DIR: env.dataDir,
        PGLITE_DIR: path.join(env.tempRoot, "console-pglite"),
        SANDBOX_URL: env.sandboxUrl,
        SANDBOX_PORT: String(env.sandboxPort),
        BETTER_AUTH_URL: baseUrl,
        AUTH_SIGN_IN_LIMIT: "1000",
      },
      logDir: path.join(env.tempRoot, "logs"),
    });
    await waitForHttp(`${baseUrl}/login`, appProcess);
    const manifestFile = path.join(distDir, "app-path-routes-manifest.json");
    const manifest = existsSync(manifestFile) ? (JSON.parse(readFileSync(manifestFile, "utf8")) as Record<string, string>) : {};
    const routes = [...new Set(Object.values(manifest))].sort();
    return { baseUrl, buildSeconds, routes, signIn: (email: string) => signIn(baseUrl, email) };
  })();
  return app;
}

async function waitForHttp(url: string, tracked: Tracked, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (tracked.child.exitCode !== null || tracked.child.signalCode !== null) {
      throw new Error(`bench: ${tracked.name} exited before answering\n${logTail(tracked.logFile)}`);
    }
    try {
      const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(10_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`bench: ${url} did not answer 200 within ${timeoutMs / 1000} s\n${logTail(tracked.logFile)}`);
    await sleep(300);
  }
}

async function signIn(baseUrl: string, email: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: baseUrl },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`bench: sign-in as ${email} answered HTTP ${response.status}: ${text.slice(0, 200)}`);
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(";")[0]?.trim() ?? "")
    .filter((pair) => pair.includes("="))
    .join("; ");
  if (!cookie) throw new Error(`bench: sign-in as ${email} set no cookie`);
  return cookie;
}

// ---------------------------------------------------------------------------------------------
// A bare Next.js app of the same versions (the page-weight reference)
// ---------------------------------------------------------------------------------------------

export interface BareApp {
  baseUrl: string;
  buildSeconds: number;
}

let bare: Promise<BareApp> | undefined;
let bareProcess: Tracked | undefined;
let bareDir: string | undefined;

/** One app/page.tsx with this checkout's node_modules (symlinked), built and started once per run. */
export function benchBareApp(): Promise<BareApp> {
  bare ??= (async () => {
    const env = await prepareBenchEnvironment();
    const dir = path.join(env.tempRoot, "bare-next");
    bareDir = dir;
    mkdirSync(path.join(dir, "app"), { recursive: true });
    symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
    writeFileSync(path.join(dir, "package.json"), `${JSON.stringify({ name: "bare-next", private: true }, null, 2)}\n`);
    // node_modules is a symlink out of the temp folder: Turbopack resolves only inside its root.
    // No type check: nothing to check, and it saves a dozen seconds.
    writeFileSync(path.join(dir, "next.config.mjs"), `export default { turbopack: { root: "/" }, typescript: { ignoreBuildErrors: true } };\n`);
    writeFileSync(
      path.join(dir, "app", "layout.tsx"),
      `export default function RootLayout({ children }: { children: React.ReactNode }) {\n  return (\n    <html lang="en">\n      <body>{children}</body>\n    </html>\n  );\n}\n`,
    );
    writeFileSync(path.join(dir, "app", "page.tsx"), `export default function Page() {\n  return <main>Hello</main>;\n}\n`);
    console.log("[bench] building a bare Next.js app for comparison…");
    const buildSeconds = await nextBuild("bare-build", dir, { ...process.env, NODE_ENV: "production" });
    const port = await freePort(3500, 3599);
    bareProcess = startChild("bare", process.execPath, [NEXT_BIN, "start", "-p", String(port)], {
      cwd: dir,
      env: { ...process.env, NODE_ENV: "production" },
      logDir: path.join(env.tempRoot, "logs"),
    });
    const baseUrl = `http://localhost:${port}`;
    await waitForHttp(`${baseUrl}/`, bareProcess);
    return { baseUrl, buildSeconds };
  })();
  return bare;
}

// ---------------------------------------------------------------------------------------------
// Clean-up
// ---------------------------------------------------------------------------------------------

/** Stops every child, removes the temp folder and (unless --keep-build) .next-bench. */
export async function closeBench(): Promise<void> {
  if (appProcess) await stopChild(appProcess);
  if (bareProcess) await stopChild(bareProcess);
  if (bareDir) rmSync(bareDir, { recursive: true, force: true });
  if (sandboxProcess) await stopChild(sandboxProcess);
  for (const tracked of [...running]) await stopChild(tracked);
  if (environment) {
    const env = await environment.catch(() => undefined);
    if (env) rmSync(env.tempRoot, { recursive: true, force: true });
  }
  if (app && !keepBuild && !reuseBuild) rmSync(path.join(ROOT, DIST_DIR), { recursive: true, force: true });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
