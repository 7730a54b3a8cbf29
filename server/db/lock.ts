// One process per PGlite folder. PGlite takes no lock of its own: two processes on one folder both
// run, and the last to close silently overwrites the other's writes (../shared/STACK.md). So before a
// folder is opened we create `<folder>.lock` with O_EXCL, holding our pid and process start time, and
// keep it for the life of the process. A lock whose process is gone (or whose pid now belongs to a
// different process, seen by its start time) is stale and taken over; a live one is refused with a
// message that says what to do.
import "server-only";
import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";

export interface LockOwner {
  pid: number;
  /** Process start time from /proc/<pid>/stat (clock ticks since boot); null where /proc is missing. */
  startTime: string | null;
  host: string;
  lockedAt: string;
  command: string;
}

export class DataDirLockedError extends Error {
  readonly code = "DATA_DIR_LOCKED";
  constructor(
    readonly dir: string,
    readonly owner: LockOwner,
    readonly lockFile: string,
  ) {
    super(
      `数据目录 ${dir} 已被进程 ${owner.pid} 占用；请先停止该进程，或设置 PGLITE_DIR（或 DATABASE_URL）。 / ` +
        `The data folder ${dir} is in use by process ${owner.pid} (${owner.command}); stop it or set PGLITE_DIR (or DATABASE_URL). ` +
        `Lock file: ${lockFile}`,
    );
    this.name = "DataDirLockedError";
  }
}

export interface FolderLock {
  readonly dir: string;
  readonly file: string;
  release(): void;
}

/** Locks held by this process, by lock file: a second open in the same process is refused too. */
const held = new Map<string, FolderLock>();

export function lockFileFor(dir: string): string {
  const resolved = path.resolve(dir);
  return path.join(path.dirname(resolved), `${path.basename(resolved)}.lock`);
}

function readStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 2 (comm) is in parentheses and may contain spaces; fields after it are space-separated.
    const afterComm = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // afterComm[0] is field 3 (state); starttime is field 22 → index 19.
    return afterComm[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** True when the owner recorded in a lock file is a running process (and not a pid reused since). */
export function isOwnerAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) {
    // Another machine on a shared folder: we cannot tell, so treat it as live (the message names the file).
    return true;
  }
  if (owner.pid === process.pid) return false; // not in `held`, so an earlier incarnation of our pid
  if (!isAlive(owner.pid)) return false;
  if (owner.startTime !== null) {
    const current = readStartTime(owner.pid);
    if (current !== null && current !== owner.startTime) return false;
  }
  return true;
}

function readOwner(file: string): LockOwner | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (
      typeof parsed === "object" &&
      parsed !== null &&
      "pid" in parsed &&
      typeof parsed.pid === "number" &&
      Number.isInteger(parsed.pid) &&
      parsed.pid > 0
    ) {
      const record = parsed as Partial<LockOwner> & { pid: number };
      return {
        pid: record.pid,
        startTime: typeof record.startTime === "string" ? record.startTime : null,
        host: typeof record.host === "string" ? record.host : hostname(),
        lockedAt: typeof record.lockedAt === "string" ? record.lockedAt : "",
        command: typeof record.command === "string" ? record.command : "",
      };
    }
    return null;
  } catch {
    return null;
  }
}

function ownRecord(): LockOwner {
  return {
    pid: process.pid,
    startTime: readStartTime(process.pid),
    host: hostname(),
    lockedAt: new Date().toISOString(),
    command: process.argv.slice(1, 3).map((part) => path.basename(part)).join(" ") || "node",
  };
}

function tryCreate(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, "wx", 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    writeSync(fd, JSON.stringify(ownRecord()));
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Moves a stale lock out of the way under a short-lived takeover lock, so that two processes that both
 * found the same stale lock cannot both win (one would otherwise delete the other's fresh lock).
 */
function takeOverStale(file: string, stale: LockOwner | null): void {
  const guard = `${file}.takeover`;
  try {
    const age = Date.now() - statSync(guard).mtimeMs;
    if (age > 10_000) unlinkSync(guard); // left by a process that died mid-takeover
  } catch {
    // no guard file: the usual case
  }
  if (!tryCreate(guard)) return; // someone else is taking it over; our next attempt sees their lock
  try {
    const current = readOwner(file);
    const sameAsSeen = current?.pid === stale?.pid && current?.startTime === stale?.startTime;
    if (sameAsSeen && (current === null || !isOwnerAlive(current))) {
      try {
        unlinkSync(file);
      } catch {
        // already gone
      }
    }
  } finally {
    unlinkSync(guard);
  }
}

/**
 * Takes the exclusive lock of a PGlite folder for the life of this process (released on exit or by
 * `release()`). Throws DataDirLockedError when a live process holds it.
 */
export function lockDataDir(dir: string): FolderLock {
  const resolved = path.resolve(dir);
  const file = lockFileFor(resolved);
  if (held.has(file)) {
    throw new Error(
      `数据目录 ${resolved} 已在本进程中打开。 / The data folder ${resolved} is already open in this process (use the getDb() singleton).`,
    );
  }
  mkdirSync(path.dirname(file), { recursive: true });

  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (tryCreate(file)) {
      let released = false;
      const onExit = () => lock.release();
      const lock: FolderLock = {
        dir: resolved,
        file,
        release() {
          if (released) return;
          released = true;
          held.delete(file);
          process.off("exit", onExit);
          // Only remove the file if it is still ours.
          const owner = readOwner(file);
          if (owner?.pid === process.pid) {
            try {
              unlinkSync(file);
            } catch {
              // already gone
            }
          }
        },
      };
      process.on("exit", onExit);
      held.set(file, lock);
      return lock;
    }
    const owner = readOwner(file);
    if (owner !== null && isOwnerAlive(owner)) throw new DataDirLockedError(resolved, owner, file);
    if (owner === null) {
      // Unreadable or half-written: a process may be writing it this very moment. Give it a moment,
      // then treat a file that is still unreadable and older than a few seconds as stale.
      const age = (() => {
        try {
          return Date.now() - statSync(file).mtimeMs;
        } catch {
          return 0;
        }
      })();
      if (age < 2_000) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
        continue;
      }
    }
    takeOverStale(file, owner);
  }
  const owner = readOwner(file);
  if (owner !== null) throw new DataDirLockedError(resolved, owner, file);
  throw new Error(`Could not lock the data folder ${resolved} (lock file ${file}).`);
}
