import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { holdStore } from "../helpers/store-holder.js";
import { LOCK_FILE_NAME, lockDirectory, procStat, StoreLockedError, type DirectoryLock } from "../../src/store/lock.js";

/** Process start times and states come from Linux's /proc; elsewhere only liveness is checked. */
const HAS_PROC = existsSync("/proc/self/stat");
const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "returns-lock-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));

describe("two processes on one DATA_DIR", () => {
  it("refuses the second with the directory and the holder's pid, and a SIGKILLed holder does not block the next", async () => {
    const dataDir = join(freshDir(), "pglite");
    const first = holdStore(dataDir);
    try {
      expect(await first.outcome).toEqual({ open: true });
      const second = holdStore(dataDir);
      const refused = await second.outcome;
      expect(refused).toMatchObject({ code: 3 });
      const { stderr } = refused as { stderr: string };
      expect(stderr).toContain("STORE_LOCKED");
      expect(stderr).toContain(`DATA_DIR ${dataDir} is in use by process ${first.child.pid}`);
    } finally {
      first.child.kill("SIGKILL");
      await exited(first.child);
    }
    // kill -9 leaves the lock file behind, naming a dead process.
    expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(true);
    const third = holdStore(dataDir);
    try {
      expect(await third.outcome).toEqual({ open: true });
    } finally {
      third.child.kill("SIGTERM");
      await exited(third.child);
    }
    expect(third.child.exitCode).toBe(0);
    expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(false);
  }, 60_000);
});

describe("lockDirectory", () => {
  const held: DirectoryLock[] = [];
  afterEach(() => held.splice(0).forEach((lock) => lock.release()));
  const lock = (dir: string) => {
    const taken = lockDirectory(dir);
    held.push(taken);
    return taken;
  };
  const writeLock = (dir: string, record: unknown) => writeFileSync(join(dir, LOCK_FILE_NAME), typeof record === "string" ? record : JSON.stringify(record));

  async function sleeper(command = "exec sleep 30"): Promise<{ pid: number; child: ChildProcess }> {
    const child = spawn("sh", ["-c", command], { stdio: ["ignore", "pipe", "ignore"] });
    const pid = await new Promise<number>((resolve) => {
      if (!command.includes("echo")) return resolve(child.pid!);
      child.stdout!.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    });
    return { pid, child };
  }

  it("refuses a second lock in the same process, and frees the directory on release", () => {
    const dir = freshDir();
    const first = lockDirectory(dir);
    expect(() => lockDirectory(dir)).toThrow(StoreLockedError);
    first.release();
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
    lock(dir);
  });

  it("refuses while the process named in the file is alive and the same one", async () => {
    const dir = freshDir();
    const { pid, child } = await sleeper();
    try {
      writeLock(dir, { pid, start: procStat(pid)?.start ?? null });
      const error = (() => {
        try {
          lock(dir);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(StoreLockedError);
      expect(error).toMatchObject({ code: "STORE_LOCKED", holderPid: pid, dataDir: dir });
      expect((error as Error).message).toContain(`process ${pid}`);
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("takes over a lock whose process is dead", async () => {
    const dir = freshDir();
    const { pid, child } = await sleeper("exit 0");
    await exited(child);
    writeLock(dir, { pid, start: "1" });
    lock(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), "utf8"))).toMatchObject({ pid: process.pid });
  });

  it.skipIf(!HAS_PROC)("takes over a lock whose pid now belongs to another process (pid reuse)", async () => {
    const dir = freshDir();
    const { pid, child } = await sleeper();
    try {
      writeLock(dir, { pid, start: "1" });
      lock(dir);
    } finally {
      child.kill("SIGKILL");
    }
  });

  it.skipIf(!HAS_PROC)("takes over a lock whose process was killed but not reaped (a zombie)", async () => {
    const dir = freshDir();
    // The background child exits at once; its parent becomes `sleep`, which never reaps it.
    const { pid, child } = await sleeper("sleep 0 & echo $!; exec sleep 30");
    try {
      for (let i = 0; i < 50 && procStat(pid)?.state !== "Z"; i++) await new Promise((r) => setTimeout(r, 20));
      expect(procStat(pid)?.state).toBe("Z");
      writeLock(dir, { pid, start: procStat(pid)!.start });
      lock(dir);
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("takes over a lock naming this very pid it did not write (a restarted container), and one it cannot read", () => {
    const dir = freshDir();
    writeLock(dir, { pid: process.pid, start: "1" });
    lock(dir).release();
    writeLock(dir, "not json");
    lock(dir);
  });

  it("leaves alone a lock file another process has taken over since", () => {
    const dir = freshDir();
    const mine = lockDirectory(dir);
    writeLock(dir, { pid: 999_999, start: null });
    mine.release();
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), "utf8"))).toEqual({ pid: 999_999, start: null });
  });
});
