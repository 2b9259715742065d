import { spawnSync, type ChildProcess } from "node:child_process";
import { holdStore } from "../helpers/store-holder.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/**
 * Two containers sharing one DATA_DIR volume: each process lives in its own pid namespace, so the
 * pid in the other's lock file means nothing here; in particular both are often pid 1, and the lock
 * reads "our own pid in a file we did not write" as a previous life of this container and takes it
 * over. Two live processes then serve one embedded store, which is what the lock is for.
 */
const CAN_UNSHARE = spawnSync("unshare", ["--pid", "--fork", "--mount-proc", "true"]).status === 0;
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A holder in a pid namespace of its own (killed with its namespace when the test stops it). */
const holdInOwnPidNamespace = (dataDir: string) => holdStore(dataDir, ["unshare", "--pid", "--fork", "--mount-proc", "--kill-child"]);

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });

describe.skipIf(!CAN_UNSHARE)("two containers on one DATA_DIR volume", () => {
  it("refuses the second while the first (in another pid namespace) holds the store", async () => {
    const dir = mkdtempSync(join(tmpdir(), "returns-lock-ns-"));
    dirs.push(dir);
    const dataDir = join(dir, "pglite");
    const first = holdInOwnPidNamespace(dataDir);
    const second = { child: undefined as ChildProcess | undefined };
    try {
      expect(await first.outcome).toEqual({ open: true });
      const other = holdInOwnPidNamespace(dataDir);
      second.child = other.child;
      const result = await Promise.race([other.outcome, new Promise((r) => setTimeout(() => r("still running"), 15_000))]);
      expect(result).toMatchObject({ code: 3 });
    } finally {
      await stop(first.child);
      if (second.child) await stop(second.child);
    }
  }, 30_000);
});
