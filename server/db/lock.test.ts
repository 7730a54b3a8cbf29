// One process per PGlite folder: a second *process* on the same folder is refused with the message
// and the first keeps all its rows; a lock left by a dead process (or a reused pid) is taken over.
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "./index";
import { DataDirLockedError, lockFileFor } from "./lock";
import { verification } from "./schema";

const root = mkdtempSync(path.join(tmpdir(), "payscore-lock-"));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  rmSync(root, { recursive: true, force: true });
});

const FIXTURE = path.resolve(import.meta.dirname, "fixtures/open-folder.ts");
// Two PGlite boots plus tsx start-up in one test: generous, the machine may be busy.
const SLOW = 120_000;

function startChild(dir: string, mode: "try" | "hold"): ChildProcess {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", FIXTURE, dir, mode], {
    cwd: process.cwd(),
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NODE_ENV: "test" },
  });
  children.push(child);
  return child;
}

function runChild(dir: string, mode: "try"): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = startChild(dir, mode);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, stdout, stderr })));
}

function waitForReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("READY")) resolve();
    });
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`child exited ${code} before READY: ${output}`)));
  });
}

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  const pid = child.pid;
  await new Promise((resolve) => child.on("exit", resolve));
  if (pid === undefined) throw new Error("no pid");
  return pid;
}

function addRow(identifier: string) {
  return { id: randomUUID(), identifier, value: "v", expiresAt: new Date(Date.now() + 3_600_000) };
}

describe("[DB][LOCK] PGlite folder lock", () => {
  it(
    "refuses a second process with the message, and the first keeps all its rows",
    async () => {
      const dir = path.join(root, "shared");
      const first = await createDb(dir);
      await first.db.insert(verification).values([addRow("first-1"), addRow("first-2")]);

      const second = await runChild(dir, "try");
      expect(second.code, second.stderr).toBe(3);
      expect(second.stdout).toContain(`数据目录 ${path.resolve(dir)} 已被进程 ${process.pid} 占用`);
      expect(second.stdout).toContain(`The data folder ${path.resolve(dir)} is in use by process ${process.pid}`);
      expect(second.stdout).toContain("PGLITE_DIR");

      // The first process goes on writing, closes, and everything it wrote is there on reopen.
      await first.db.insert(verification).values(addRow("first-3"));
      await first.close();
      expect(existsSync(lockFileFor(dir))).toBe(false);

      const reopened = await createDb(dir);
      try {
        const rows = await reopened.db.select({ identifier: verification.identifier }).from(verification);
        expect(rows.map((row) => row.identifier).sort()).toEqual(["first-1", "first-2", "first-3"]);
      } finally {
        await reopened.close();
      }
    },
    SLOW,
  );

  it(
    "is refused while another process holds the folder, and takes over after that process is killed",
    async () => {
      const dir = path.join(root, "crash");
      const holder = startChild(dir, "hold");
      await waitForReady(holder);

      const refused = await createDb(dir).then(
        (handle) => handle,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(DataDirLockedError);
      expect((refused as DataDirLockedError).owner.pid).toBe(holder.pid);

      holder.kill("SIGKILL");
      await new Promise((resolve) => holder.on("exit", resolve));
      // The lock file is still there (kill -9 runs no exit handler) but its process is gone.
      expect(existsSync(lockFileFor(dir))).toBe(true);

      const taken = await createDb(dir);
      try {
        const owner = JSON.parse(readFileSync(lockFileFor(dir), "utf8")) as { pid: number };
        expect(owner.pid).toBe(process.pid);
        const rows = await taken.db.select().from(verification);
        expect(rows.map((row) => row.identifier)).toEqual([`child-${holder.pid}`]);
      } finally {
        await taken.close();
      }
    },
    SLOW,
  );

  it(
    "takes over a stale lock of a dead pid and of a reused pid",
    async () => {
      const dir = path.join(root, "stale");
      const file = lockFileFor(dir);
      const stale = { pid: await deadPid(), startTime: "1", host: hostname(), lockedAt: "2026-01-01T00:00:00Z", command: "gone" };
      writeFileSync(file, JSON.stringify(stale));
      const first = await createDb(dir, { migrate: false });
      expect((JSON.parse(readFileSync(file, "utf8")) as { pid: number }).pid).toBe(process.pid);
      await first.close();

      // A live pid whose start time differs from the recorded one is a different process: stale.
      const sleeper = spawn("sleep", ["30"], { stdio: "ignore" });
      children.push(sleeper);
      writeFileSync(file, JSON.stringify({ ...stale, pid: sleeper.pid, startTime: "1" }));
      const second = await createDb(dir, { migrate: false });
      expect((JSON.parse(readFileSync(file, "utf8")) as { pid: number }).pid).toBe(process.pid);
      await second.close();
      sleeper.kill("SIGKILL");
    },
    SLOW,
  );

  it("refuses a second open of the same folder inside one process", async () => {
    const dir = path.join(root, "twice");
    const first = await createDb(dir, { migrate: false });
    try {
      await expect(createDb(dir, { migrate: false })).rejects.toThrow(/already open in this process/);
    } finally {
      await first.close();
    }
  }, SLOW);
});
