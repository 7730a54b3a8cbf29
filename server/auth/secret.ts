// The key better-auth signs session cookies with. BETTER_AUTH_SECRET wins; in sandbox mode a random
// secret is generated once into <DATA_DIR>/auth-secret (mode 0600) so sessions survive restarts;
// outside sandbox mode a missing secret stops start-up.
import "server-only";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataPath, getEnv, isSandboxMode } from "@/server/env";

export class AuthConfigError extends Error {
  readonly code = "AUTH_CONFIG";
  constructor(message: string) {
    super(message);
    this.name = "AuthConfigError";
  }
}

export function secretFilePath(): string {
  return dataPath("auth-secret");
}

function readOrCreateSecretFile(file: string): string {
  try {
    const existing = readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  try {
    // wx: if two processes race, the first file wins and the loser reads it back.
    writeFileSync(file, `${secret}\n`, { flag: "wx", mode: 0o600 });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const existing = readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return existing;
    // A file that exists but is too short (hand-edited, truncated): replace it.
    writeFileSync(file, `${secret}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    return secret;
  }
}

export function resolveAuthSecret(): string {
  const fromEnv = getEnv().BETTER_AUTH_SECRET;
  if (fromEnv) return fromEnv;
  if (isSandboxMode()) return readOrCreateSecretFile(secretFilePath());
  throw new AuthConfigError(
    "缺少 BETTER_AUTH_SECRET（至少 32 个字符，例如 `openssl rand -base64 32`）。 / " +
      "BETTER_AUTH_SECRET is not set (32+ characters, e.g. `openssl rand -base64 32`); it is required outside sandbox mode.",
  );
}
