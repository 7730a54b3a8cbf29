#!/usr/bin/env node
// The test command: every test, browser tests included. Vitest (unit + integration, sandbox over
// real HTTP, the database), then a production build and Playwright in Chromium against it.
// Ends with one plain "N passed, N failed" line for CI.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { resolveChromium } from "./chromium.mjs";

const resultsDir = ".data/test-results";
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  PLAYWRIGHT_CHROMIUM_PATH: resolveChromium(),
  NEXT_DIST_DIR: ".next-e2e",
};
console.log(`[test] Chromium: ${env.PLAYWRIGHT_CHROMIUM_PATH}`);

function step(name, command, args, extraEnv = {}) {
  console.log(`\n[test] ${name}: ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  return result.status === 0;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

let passed = 0;
let failed = 0;
let ok = true;
/** Names of the failed tests, repeated at the very end: CI keeps only the tail of the output. */
const failures = [];

const npx = "npx";
ok = step("unit and integration tests", npx, ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile=${resultsDir}/vitest.json`]) && ok;
const vitest = readJson(`${resultsDir}/vitest.json`);
if (vitest) {
  passed += vitest.numPassedTests ?? 0;
  failed += vitest.numFailedTests ?? 0;
  for (const file of vitest.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (test.status === "failed") failures.push(`vitest ${file.name.replace(process.cwd() + "/", "")} › ${test.fullName}\n    ${String(test.failureMessages?.[0] ?? "").split("\n").slice(0, 4).join("\n    ")}`);
    }
  }
} else {
  failed += 1;
}

const built = step("production build for the browser tests", npx, ["next", "build"]);
if (!built) {
  ok = false;
  failed += 1;
} else {
  ok = step("browser tests", npx, ["playwright", "test", "--reporter=list,json"], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: `${resultsDir}/playwright.json`,
  }) && ok;
  const pw = readJson(`${resultsDir}/playwright.json`);
  if (pw?.stats) {
    passed += pw.stats.expected ?? 0;
    failed += (pw.stats.unexpected ?? 0) + (pw.stats.flaky ?? 0);
    collectPlaywrightFailures(pw.suites ?? [], []);
  } else {
    failed += 1;
  }
}

function collectPlaywrightFailures(suites, titles) {
  for (const suite of suites) {
    const path = suite.title ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status === "unexpected" || test.status === "flaky") {
          const error = test.results?.find((result) => result.error)?.error?.message ?? "";
          failures.push(`playwright (${test.status}) ${[...path, spec.title].join(" › ")}\n    ${error.split("\n").slice(0, 4).join("\n    ")}`);
        }
      }
    }
    collectPlaywrightFailures(suite.suites ?? [], path);
  }
}

const plain = (text) => text.replace(/\u001b\[[0-9;]*m/g, "");
if (failures.length > 0) console.log(`\n[test] failed:\n${failures.map((line) => `  ${plain(line)}`).join("\n")}`);
if (!ok && failed === 0) failed = 1;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
