import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Browser tests drive the production build against a fresh sandbox and a fresh embedded database,
// each on its own port and data folder so that a running `npm run dev` is never touched.
// Overridable so that two suites can run side by side on one machine (e.g. while developing).
const APP_PORT = Number(process.env.E2E_APP_PORT || 3100);
const SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT || 4110);
const DATA_DIR = process.env.E2E_DATA_DIR || ".data/e2e";
// npm test resolves the browser (scripts/chromium.mjs); a direct `npx playwright test` falls back to
// Debian's Chromium when it is there, else Playwright's own.
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH || (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export const E2E = { APP_PORT, SANDBOX_PORT, APP_URL: `http://localhost:${APP_PORT}`, SANDBOX_URL: `http://127.0.0.1:${SANDBOX_PORT}`, DATA_DIR };

const serverEnv = {
  DATA_DIR,
  SANDBOX_PORT: String(SANDBOX_PORT),
  NEXT_DIST_DIR: process.env.NEXT_DIST_DIR || ".next-e2e",
  NEXT_TELEMETRY_DISABLED: "1",
  BETTER_AUTH_URL: `http://localhost:${APP_PORT}`,
  // Tests sign in more often than a person: keep the per-IP limit out of their way (the
  // per-address failure lockout stays on and has its own tests).
  AUTH_SIGN_IN_LIMIT: "1000",
  // The sandbox notifies the console under test, and retries at a hundredth of the real schedule.
  SANDBOX_NOTIFY_URL: `http://localhost:${APP_PORT}`,
  SANDBOX_NOTIFY_TIME_SCALE: "0.01",
  // The browser tests change amounts freely; the approval tests set their own policy.
  SANDBOX_DEMO_APPROVALS: "off",
  SANDBOX_DEMO_HISTORY: "off",
};

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: E2E.APP_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/, use: { ...devices["Desktop Chrome"] } },
    {
      name: "chromium",
      testIgnore: /auth\.setup\.ts/,
      dependencies: ["setup"],
      use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 } },
    },
  ],
  webServer: [
    {
      command: `rm -rf ${DATA_DIR} && node --conditions=react-server --import tsx server/sandbox/cli.ts`,
      url: `${E2E.SANDBOX_URL}/__sandbox/health`,
      env: serverEnv,
      timeout: 60_000,
      reuseExistingServer: false,
    },
    {
      // Idle keep-alive sockets kept 65 s (Node's default is 5 s): see e2e/support/app-process.ts.
      command: `node node_modules/next/dist/bin/next start -p ${APP_PORT} --keepAliveTimeout 65000`,
      url: `${E2E.APP_URL}/`,
      env: serverEnv,
      timeout: 120_000,
      reuseExistingServer: false,
    },
  ],
});
