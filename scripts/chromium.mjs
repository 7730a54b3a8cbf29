// Finds a Chromium for Playwright: Playwright's own browser if installed, else Debian's
// /usr/bin/chromium, else installs Debian's chromium when it can (root + apt-get), else stops with
// one line saying what to install. Never a silent skip.
import { existsSync } from "node:fs";
import { execFileSync, spawnSync } from "node:child_process";

const DEBIAN_CHROMIUM = "/usr/bin/chromium";

function playwrightOwnChromium() {
  try {
    const out = execFileSync(
      process.execPath,
      ["-e", "process.stdout.write(require('playwright-core').chromium.executablePath())"],
      { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
    );
    return out && existsSync(out) ? out : null;
  } catch {
    return null;
  }
}

function canApt() {
  return typeof process.getuid === "function" && process.getuid() === 0 && existsSync("/usr/bin/apt-get");
}

export function resolveChromium() {
  if (process.env.PLAYWRIGHT_CHROMIUM_PATH && existsSync(process.env.PLAYWRIGHT_CHROMIUM_PATH)) {
    return process.env.PLAYWRIGHT_CHROMIUM_PATH;
  }
  const own = playwrightOwnChromium();
  if (own) return own;
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  if (canApt()) {
    console.log("[test] Chromium not found: installing Debian's chromium (apt-get)…");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    const install = spawnSync("apt-get", ["install", "-y", "-qq", "chromium", "fonts-noto-cjk"], { stdio: "inherit", env });
    if (install.status === 0 && existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  }
  console.error(
    "[test] No Chromium for Playwright: install Debian's chromium (`sudo apt-get install chromium`) or Playwright's browser (`npx playwright install chromium`).",
  );
  process.exit(1);
}
