// A database that cannot be opened at start stops the console: `next start` exits non-zero within a
// bound, with one line that names the setting (DATABASE_URL or PGLITE_DIR) and the cause, and no
// stack. Real production-build processes, each with its own port; nothing is served in between.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { killHard, startApp, type AppProcess } from "./support/app-process";
import { APP_PORT, DATA_DIR } from "./support/env";

const START_DIR = `${DATA_DIR}-dbstart`;
const EXIT_WITHIN_MS = 30_000;


async function exitCodeWithin(app: AppProcess, ms: number): Promise<number | null | "still running"> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"still running">((resolve) => {
    timer = setTimeout(() => resolve("still running"), ms);
  });
  try {
    return await Promise.race([app.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Starts the app with `env`, waits for it to stop, and checks the one line it must print. */
async function expectRefusedStart(port: number, env: Record<string, string>, setting: string, cause: RegExp): Promise<void> {
  const app = startApp(port, `${START_DIR}/pglite-${port}`, env);
  try {
    const code = await exitCodeWithin(app, EXIT_WITHIN_MS);
    const output = app.output();
    expect(code, output).toBe(1);
    const naming = output.split("\n").filter((line) => line.includes(setting));
    expect(naming, output).toHaveLength(1);
    expect(naming[0]).toMatch(/^\[payscore-console\] /);
    expect(naming[0]).toMatch(cause);
    // No stack trace, and no second report of the same failure.
    expect(output, output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(output).not.toContain("Error:");
  } finally {
    killHard(app);
  }
}

test.beforeAll(() => {
  rmSync(START_DIR, { recursive: true, force: true });
  mkdirSync(START_DIR, { recursive: true });
});

test("[DB][START]: DATABASE_URL to a closed port → exit 1 with one line naming DATABASE_URL and ECONNREFUSED", async () => {
  test.setTimeout(90_000);
  await expectRefusedStart(APP_PORT + 121, { DATABASE_URL: "postgres://console:pw-never-logged@127.0.0.1:1/x" }, "DATABASE_URL", /127\.0\.0\.1:1.*ECONNREFUSED/);
});

test("[DB][START]: the password in DATABASE_URL is never printed", async () => {
  test.setTimeout(90_000);
  const app = startApp(APP_PORT + 122, `${START_DIR}/pglite-pw`, { DATABASE_URL: "postgres://console:pw-never-logged@127.0.0.1:1/x" });
  try {
    expect(await exitCodeWithin(app, EXIT_WITHIN_MS)).toBe(1);
    expect(app.output()).not.toContain("pw-never-logged");
  } finally {
    killHard(app);
  }
});

test("[DB][START]: PGLITE_DIR pointing at a file → exit 1 with one line naming PGLITE_DIR", async () => {
  test.setTimeout(90_000);
  const file = `${START_DIR}/a-file`;
  writeFileSync(file, "not a folder\n");
  await expectRefusedStart(APP_PORT + 123, { PGLITE_DIR: file }, "PGLITE_DIR", /a-file.*(EEXIST|ENOTDIR|not a folder)/);
});

test("[DB][START]: PGLITE_DIR where nothing can be written → exit 1 with one line naming PGLITE_DIR", async () => {
  test.setTimeout(90_000);
  // /proc refuses new entries even to root (the tests may run as root, where file modes do not stop anything).
  await expectRefusedStart(APP_PORT + 124, { PGLITE_DIR: "/proc/payscore-console-pglite" }, "PGLITE_DIR", /\/proc\/payscore-console-pglite.*(ENOENT|EACCES|EPERM|EROFS)/);
});
