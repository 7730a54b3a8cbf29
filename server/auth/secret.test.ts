// Where the session-signing secret comes from: the environment, else (sandbox mode only) a file
// generated once with mode 0600; outside sandbox mode a missing secret is a start-up error.
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

const dirs: string[] = [];
afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function loadWith(env: Record<string, string | undefined>) {
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  vi.resetModules(); // server/env.ts caches the parsed environment
  return import("./secret");
}

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "payscore-secret-"));
  dirs.push(dir);
  return dir;
}

describe("[AUTH] secret", () => {
  it("uses BETTER_AUTH_SECRET when set", async () => {
    const { resolveAuthSecret } = await loadWith({ BETTER_AUTH_SECRET: "s".repeat(40), DATA_DIR: tempDir() });
    expect(resolveAuthSecret()).toBe("s".repeat(40));
  });

  it("in sandbox mode generates one secret into <DATA_DIR>/auth-secret (0600) and keeps it", async () => {
    const dir = tempDir();
    const { resolveAuthSecret, secretFilePath } = await loadWith({ BETTER_AUTH_SECRET: undefined, PAYSCORE_PROFILES_FILE: undefined, DATA_DIR: dir });
    const first = resolveAuthSecret();
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(secretFilePath()).toBe(path.join(dir, "auth-secret"));
    expect(statSync(secretFilePath()).mode & 0o777).toBe(0o600);
    expect(readFileSync(secretFilePath(), "utf8").trim()).toBe(first);
    expect(resolveAuthSecret()).toBe(first);
  });

  it("outside sandbox mode refuses to start without a secret", async () => {
    const { resolveAuthSecret, AuthConfigError } = await loadWith({
      BETTER_AUTH_SECRET: undefined,
      PAYSCORE_PROFILES_FILE: "/etc/payscore/profiles.json",
      DATA_DIR: tempDir(),
    });
    expect(() => resolveAuthSecret()).toThrow(AuthConfigError);
    expect(() => resolveAuthSecret()).toThrow(/BETTER_AUTH_SECRET/);
  });
});
